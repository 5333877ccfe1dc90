from wagtail import hooks
from wagtail.models import Page

from cms import publishing
from cms.page_access import pages_offered_by_chooser


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_pages_the_user_cannot_edit(pages, request):
    return pages_offered_by_chooser(pages, request.user)


# A refused publication says why. The decision is the page permission tester's
# (cms/publishing.py). Those whose groups may publish a page that goes live only through
# approval get a 403 that says so, with nothing saved, where Wagtail would quietly save a draft
# (a forged "Publish" on the edit and create forms, or the translation editor's "Publish") or
# redisplay its form (copies). Those who may not publish at all keep Wagtail's answer (their
# changes saved as a draft); bulk actions already list the pages they may not publish.


def publishing_requested(request):
    """The page forms' "Publish", or the translation editor's (wagtail-localize)."""
    return request.method == "POST" and (
        "action-publish" in request.POST or request.POST.get("action") == "publish"
    )


@hooks.register("before_edit_page")
def refuse_publishing_an_edit(request, page):
    if publishing_requested(request) and publishing.publishing_needs_approval(request.user, page):
        return publishing.refusal_response(request, page)
    return None


@hooks.register("before_create_page")
def refuse_publishing_a_new_page(request, parent_page, page_class):
    if publishing_requested(request) and publishing.publishing_subpages_needs_approval(
        request.user, parent_page
    ):
        return publishing.refusal_response(request, parent_page, creating=True)
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    copies_go_live = "publish_copies" in request.POST or "alias" in request.POST
    if request.method != "POST" or not copies_go_live:
        return None
    parent_id = request.POST.get("new_parent_page", "")
    parent = Page.objects.filter(pk=int(parent_id)).first() if parent_id.isdigit() else None
    if publishing.publishing_subpages_needs_approval(request.user, parent or page.get_parent()):
        return publishing.refusal_response(request, page)
    return None
