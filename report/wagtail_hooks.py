"""The report's admin: “Start next year's report” on a report's header and listing menus; no
publication that skips the approval workflow of the pages it governs (the annual reports)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from report import next_year, release
from report.models import ReportYearPage


class NextYearForm(forms.Form):
    copy_children = forms.BooleanField(
        label=_("Also copy messages and projects"),
        required=False,
        help_text=_("As drafts, for you to update. Otherwise next year's report has none."),
    )


def run_after_create_page_hooks(request, page):
    """What Wagtail does after an editor adds a page (e.g. wagtail-localize's English alias)."""
    for descendant in [page, *page.get_descendants().order_by("path")]:
        for hook in hooks.get_hooks("after_create_page"):
            hook(request, descendant)


@require_http_methods(["GET", "POST"])
def next_year_view(request, page_id):
    page = get_object_or_404(ReportYearPage, id=page_id)
    if not next_year.can_start_next_year(request.user, page):
        # A 403, not Wagtail's redirection to the dashboard: the address was for someone else.
        return permission_denied(request, PermissionDenied())
    fields = next_year.next_year_fields(next_year.next_year_source(page))
    existing = next_year.existing_next_year(page)
    form = NextYearForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not existing and form.is_valid():
        new_page = next_year.start_next_year(
            page, request.user, copy_children=form.cleaned_data["copy_children"]
        )
        run_after_create_page_hooks(request, new_page)
        messages.success(
            request,
            _("The draft “%(title)s” was created: update the figures of the year.")
            % {"title": new_page.title},
        )
        return redirect("wagtailadmin_pages:edit", new_page.id)
    return TemplateResponse(
        request,
        "report/admin/next_year.html",
        {
            "page": page,
            "form": form,
            "new_title": fields["title"],
            "new_year": next_year.year_label(
                fields["fiscal_year_start"], fields["fiscal_year_end"]
            ),
            "existing": existing,
            "header_title": _("Start next year's report"),
            "page_title": _("Start next year's report"),
            "header_icon": "doc-empty-inverse",
            "cancel_url": reverse("wagtailadmin_pages:edit", args=[page.id]),
        },
        status=409 if request.method == "POST" and existing else 200,
    )


@hooks.register("register_admin_urls")
def register_next_year_url():
    return [
        path("reports/<int:page_id>/next-year/", next_year_view, name="report_next_year"),
    ]


def next_year_button(page, user, priority):
    if page.specific_class is not ReportYearPage or not next_year.can_start_next_year(user, page):
        return None
    return Button(
        _("Start next year's report"),
        reverse("report_next_year", args=[page.id]),
        icon_name="doc-empty-inverse",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_next_year_button(page, user, view_name=None, next_url=None):
    button = next_year_button(page, user, priority=35)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_next_year_button(page, user, next_url=None):
    button = next_year_button(page, user, priority=25)
    if button:
        yield button


# No way around the approval workflow

# Superusers keep every action: they configure the workflows and repair what needs repairing.
# Anyone else publishes a page governed by a workflow only by getting it approved.


def must_go_through_workflow(user, page):
    return not user.is_superuser and page.get_workflow() is not None


def publication_refused(request, page, creating=False):
    """A 403 explaining why: nothing was saved (the editor's browser still holds the form)."""
    return TemplateResponse(
        request,
        "report/admin/publication_refused.html",
        {
            "page": page,
            "header_title": _("Publishing needs approval"),
            "page_title": _("Publishing needs approval"),
            "header_icon": "warning",
            "workflow": page.get_workflow(),
            "creating": creating,
        },
        status=403,
    )


@hooks.register("construct_page_action_menu")
def hide_publish_on_pages_with_a_workflow(menu_items, request, context):
    page = context.get("page") if context.get("view") == "edit" else context.get("parent_page")
    if page is not None and must_go_through_workflow(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def is_publishing(request):
    """The page form's "Publish", or the translation editor's "Publish in …"."""
    return request.method == "POST" and (
        "action-publish" in request.POST or request.POST.get("action") == "publish"
    )


@hooks.register("before_edit_page")
def refuse_publishing_without_approval(request, page):
    if not is_publishing(request) or not must_go_through_workflow(request.user, page):
        return None
    # Those who may not publish at all get Wagtail's answer: their changes saved as a draft.
    if page.permissions_for_user(request.user).can_publish():
        return publication_refused(request, page)
    return None


@hooks.register("before_create_page")
def refuse_publishing_a_new_page_without_approval(request, parent_page, page_class):
    if not is_publishing(request) or not must_go_through_workflow(request.user, parent_page):
        return None
    if parent_page.permissions_for_user(request.user).can_publish_subpage():
        return publication_refused(request, parent_page, creating=True)
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies_without_approval(request, page):
    copies_go_live = "publish_copies" in request.POST or "alias" in request.POST
    if request.method == "POST" and copies_go_live and must_go_through_workflow(request.user, page):
        return publication_refused(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_approval(request, action_type, objects, action_class_instance):
    if action_type != "publish" or request.method != "POST":
        return None
    for page in objects:
        if isinstance(page, Page) and must_go_through_workflow(request.user, page):
            return publication_refused(request, page)
    return None


@hooks.register("before_publish_page")
def keep_messages_and_projects_for_their_report(request, page):
    """A message or project is not published before its report (which publishes it with it)."""
    report = release.report_of(page)
    if report is not None and not report.live:
        messages.error(
            request,
            _(
                "“%(title)s” was saved as a draft: it will be published with the report "
                "“%(report)s”, which is not published yet."
            )
            % {"title": page.get_admin_display_title(), "report": report.title},
        )
        return redirect("wagtailadmin_pages:edit", page.id)
    return None
