"""The report's admin: “Start next year's report” on a report's header and listing menus; a
message or project waits for its report. (No publication skips the approval workflow: that is
the publishing gate's, cms/publishing.py.)"""

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

from cms.page_buttons import register_page_button
from report import content_checker, next_year, release
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
    plan = next_year.plan_next_year(page)
    existing = next_year.existing_next_year(page)
    form = NextYearForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not existing and form.is_valid():
        new_page = next_year.start_next_year(
            page, request.user, copy_children=form.cleaned_data["copy_children"], plan=plan
        )
        run_after_create_page_hooks(request, new_page)
        messages.success(request, next_year_created_message(new_page, plan))
        return redirect("wagtailadmin_pages:edit", new_page.id)
    return TemplateResponse(
        request,
        "report/admin/next_year.html",
        {
            "page": page,
            "form": form,
            "plan": plan,
            "to_review": plan.to_review() if not existing else [],
            "new_title": plan.fields["title"],
            "new_year": plan.new_label,
            "existing": existing,
            "header_title": _("Start next year's report"),
            "page_title": _("Start next year's report"),
            "header_icon": "doc-empty-inverse",
            "cancel_url": reverse("wagtailadmin_pages:edit", args=[page.id]),
        },
        status=409 if request.method == "POST" and existing else 200,
    )


def next_year_created_message(new_page, plan):
    if plan.from_draft:
        return _(
            "The draft “%(title)s” was created from the draft of %(date)s, not from the "
            "published version: update the figures of the year, and review the text that "
            "still names %(year)s."
        ) % {"title": new_page.title, "date": plan.draft_saved_at, "year": plan.old_label}
    return _(
        "The draft “%(title)s” was created: update the figures of the year, and review the "
        "text that still names %(year)s."
    ) % {"title": new_page.title, "year": plan.old_label}


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


register_page_button(next_year_button, header_priority=35, listing_priority=25)


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


@hooks.register("construct_wagtail_userbar")
def report_checks_in_wagtail_checker(request, items, page):
    """The report's content checks in Wagtail's checker too (report/content_checker.py)."""
    content_checker.with_report_checks(items)
