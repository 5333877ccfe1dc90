"""The admin's “Members” menu: every members model is a snippet, so that forms choose them."""

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members import views
from members.filters import BoardMandateFilterSet, MemberOrganisationFilterSet
from members.forms import MembersAdminForm
from members.models import (
    BoardMandate,
    BoardMeeting,
    BoardRole,
    MemberOrganisation,
    MembershipCategory,
    Person,
)


class MembersSnippetViewSet(SnippetViewSet):
    index_view_class = views.IndexView
    copy_view_class = views.CopyView
    delete_view_class = views.DeleteView

    def get_edit_handler(self):
        panels = ObjectList(self.model.panels, base_form_class=MembersAdminForm)
        return panels.bind_to_model(self.model)


class PersonViewSet(MembersSnippetViewSet):
    model = Person
    icon = "user"
    # The title column reads “Person”: the full name, ordered by last name (Meta.ordering).
    list_display = ["__str__", "honorific"]


class MemberOrganisationViewSet(MembersSnippetViewSet):
    model = MemberOrganisation
    icon = "home"
    list_display = [
        "name",
        "category",
        "city",
        "admitted_at",
        Column("admitted_on", label=_("Admission date"), sort_key="admitted_on"),
    ]
    filterset_class = MemberOrganisationFilterSet

    def get_queryset(self, request):
        return MemberOrganisation.objects.with_admission_date().select_related(
            "category", "admitted_at"
        )


class BoardMeetingViewSet(MembersSnippetViewSet):
    model = BoardMeeting
    icon = "calendar-check"
    list_display = [
        "date",
        Column(
            "admitted_member_count",
            label=_("Members admitted"),
            sort_key="admitted_member_count",
        ),
    ]

    def get_queryset(self, request):
        # Counting groups the rows, and Django then drops Meta.ordering: restate it.
        meetings = BoardMeeting.objects.annotate(admitted_member_count=Count("admitted_members"))
        return meetings.order_by("date")


class BoardMandateViewSet(MembersSnippetViewSet):
    model = BoardMandate
    icon = "clipboard-list"
    list_display = [
        "person",
        "role",
        BooleanColumn("executive_committee", label=_("Executive committee")),
        "member_category",
        Column("fiscal_year", label=_("Fiscal year"), sort_key="fiscal_year_start"),
    ]
    filterset_class = BoardMandateFilterSet
    search_fields = ["person__first_name", "person__last_name"]

    def get_queryset(self, request):
        return BoardMandate.objects.select_related("person", "role", "member_category")


class MembershipCategoryViewSet(MembersSnippetViewSet):
    model = MembershipCategory
    icon = "tag"
    # Translated with wagtail-localize: its “Translate” button and the locale filter appear
    # because the model is translatable.
    list_display = ["name", "description", LocaleColumn(label=_("Language"))]
    search_fields = ["name"]


class BoardRoleViewSet(MembersSnippetViewSet):
    model = BoardRole
    icon = "list-ol"
    list_display = ["name", "sort_order", LocaleColumn(label=_("Language"))]
    search_fields = ["name"]


class MembersViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Members")
    # Named in code, not from the translated label, so that it stays the same in every language.
    menu_name = "members"
    menu_icon = "group"
    menu_order = 210
    items = (
        MemberOrganisationViewSet,
        PersonViewSet,
        BoardMandateViewSet,
        BoardMeetingViewSet,
        MembershipCategoryViewSet,
        BoardRoleViewSet,
    )


register_snippet(MembersViewSetGroup)


@hooks.register("register_admin_urls", order=-1)
def register_members_translation_url():
    # Takes wagtail-localize's own URL for translating a members snippet (same path, resolved
    # first because of the order) to check the permission it forgets: see the view.
    return [
        path(
            "localize/submit/snippet/members/<slug:model_name>/<str:pk>/",
            views.SubmitTranslationView.as_view(),
            {"app_label": "members"},
            name="members_submit_translation",
        )
    ]


# After Wagtail's own snippet deletion (order 0), so that this one is used for members models.
hooks.register("register_bulk_action", views.DeleteBulkAction, order=1)
