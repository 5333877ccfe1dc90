from wagtail import hooks

from cms.page_access import pages_offered_by_chooser


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_pages_the_user_cannot_edit(pages, request):
    return pages_offered_by_chooser(pages, request.user)
