"""Admin views of the members snippets: Wagtail's, made safe against bad input."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.bulk_actions import delete as snippets_bulk_delete
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.views.submit_translations import SubmitSnippetTranslationView

from members.models import (
    BoardMandate,
    BoardMeeting,
    BoardRole,
    MemberOrganisation,
    MembershipCategory,
    Person,
)
from web.search_query import clean_query


class IndexView(snippets.IndexView):
    @cached_property
    def search_query(self):
        # Hundreds of words or control characters make the database search backend fail on
        # PostgreSQL (Wagtail issue #4701): search with the cleaned words only.
        if self.search_form and self.search_form.is_valid():
            return clean_query(self.search_form.cleaned_data[self.search_kwarg])
        return ""


class CopyView(snippets.CopyView):
    def get_initial_form_instance(self):
        # The copy page's form posts to the add view. A form posted to the copy view itself (a
        # hand-made request) would otherwise save over the original: make it a new record too.
        if self.request.method != "POST":
            return super().get_initial_form_instance()
        new_record = self.model()
        if self.locale:
            new_record.locale = self.locale
        return new_record


class DeleteView(snippets.DeleteView):
    """Refuses in words a deletion that the database protects but the reference index missed.

    Wagtail's usage message relies on the reference index, which misses records written
    without signals (bulk imports, raw SQL); the database still enforces PROTECT.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            messages.error(self.request, still_used_message(self.object, error))
            return redirect(self.get_success_url())


class DeleteBulkAction(snippets_bulk_delete.DeleteBulkAction):
    """Deleting several records at once: the same refusal in words as DeleteView."""

    models = [BoardMandate, BoardMeeting, BoardRole, MemberOrganisation, MembershipCategory, Person]

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            messages.error(self.request, selection_still_used_message(error))
            return redirect(self.next_url)


def still_used_message(instance, error):
    user = next(iter(error.protected_objects))
    message = _("“%(object)s” cannot be deleted: it is still used, for example by “%(user)s”.")
    return message % {"object": instance, "user": user}


def selection_still_used_message(error):
    user = next(iter(error.protected_objects))
    message = _("Nothing was deleted: a selected record is still used, for example by “%(user)s”.")
    return message % {"user": user}


class SubmitTranslationView(SubmitSnippetTranslationView):
    """Translating a category or a role creates one: it needs the permission to add them.

    wagtail-localize only asks for “submit translations”, which Wagtail's Editors group holds,
    so an editor kept out of the members lists could still create records in them.
    """

    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        if not model.snippet_viewset.permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
