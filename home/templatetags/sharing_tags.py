"""The page's sharing card (home/sharing_cards.py) for templates/includes/seo.html."""

from dataclasses import dataclass

from django import template
from django.utils import translation
from wagtail.models import Page

from home.models import SiteSettings
from home.sharing_cards import SharingCard

register = template.Library()


@dataclass(frozen=True)
class SharedImage:
    url: str
    width: int
    height: int
    alt: str


@register.simple_tag(takes_context=True)
def sharing_card(context, page):
    """The card of the page being served: its absolute address, size and text; None for what
    is not a live, public Wagtail page (search results, an error, a preview, a private page),
    whose card would not be served.

    Reads only what the page has loaded already: its fields, the site settings of the request
    and the images (`prefetch_images_of`), the view restrictions that Wagtail checked.
    """
    request = context.get("request")
    if request is None or not is_shared(page, request):
        return None
    # The page is served in its own language (the address's prefix chose its locale's tree):
    # the active language, where `page.locale` would cost a query.
    language = translation.get_language()
    card = SharingCard.for_page(page, SiteSettings.for_request(request), language)
    return SharedImage(request.build_absolute_uri(card.path), card.width, card.height, card.alt)


def is_shared(page, request):
    if not isinstance(page, Page) or not page.live or page.pk is None:
        return False
    if getattr(request, "is_preview", False):
        return False
    return not page.get_view_restrictions().exists()
