"""A button of the page editor's header that is also in the page listing's "More" menu."""

from wagtail import hooks


def register_page_button(make_button, header_priority, listing_priority):
    """Show `make_button(page, user, priority)` (a Wagtail `Button`, or None where the page or
    user has none) in the editor's header and in the listing's "More" menu of each page."""

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name=None, next_url=None):
        button = make_button(page, user, header_priority)
        if button:
            yield button

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        button = make_button(page, user, listing_priority)
        if button:
            yield button
