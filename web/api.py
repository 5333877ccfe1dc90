"""The site's pages as JSON through Wagtail's API (wagtail.api.v2), under /api/v2/.

Only live, public pages are listed, whoever asks: a report restricted to some visitors is not
published data. A report gives its fiscal year and its figures (`ReportYearPage.api_fields`).
`?locale=en` lists the English pages; `?type=report.ReportYearPage&fields=figures` the reports
with their figures.

Whatever the query string, the API answers 200, or 400 with a JSON message (404 where Wagtail
says not found), never 500. Stock Wagtail 8.0.1 lets some bad values reach the database, which
refuses them: a NUL byte (PostgreSQL), a 21-digit offset or id (64-bit integers), a date that
is not one, an unknown search operator. They are refused here with Wagtail's own
`BadRequestError`, in Wagtail's extension points (the viewset, its filter backends and its
pagination); the search query is cleaned as the site's search box cleans it.

config/urls.py includes this module's `urlpatterns`. The API's addresses have no language
prefix; its 404s stay 404s (web/middleware.py redirects to /fr/… only addresses that may be
pages).
"""

from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import JsonResponse
from django.urls import path, re_path
from django.utils import timezone
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.search.query import PlainText

from web.search_query import clean_query

# Larger offsets are refused: any database takes a 32-bit integer (a 21-digit one overflows
# SQLite's and PostgreSQL's), and no site has that many pages. Wagtail caps the limit itself
# (WAGTAILAPI_LIMIT_MAX, 20).
MAX_OFFSET = 2**31 - 1

# Free text, cleaned rather than refused (`CleanSearchFilter`).
FREE_TEXT_PARAMETERS = {"search"}


def refuse_null_characters(query_parameters):
    """PostgreSQL refuses a NUL byte in any text it is given: answer 400 before it does."""
    for name, values in query_parameters.lists():
        if name in FREE_TEXT_PARAMETERS:
            continue
        if any("\x00" in text for text in [name, *values]):
            raise BadRequestError(f"null characters are not allowed for {name!r}")


def given_offset(query_parameters):
    """The offset asked for, or None where Wagtail's own check refuses the text."""
    try:
        return int(query_parameters.get("offset", 0))
    except ValueError:
        return None


class BoundedPagination(WagtailPagination):
    """Wagtail's, refusing offsets larger than a database's integers."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = given_offset(request.GET)
        if offset is not None and offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


def compared_field(field):
    """The field whose values a filter compares: a foreign key compares its target's (an id)."""
    return field.target_field if isinstance(field, models.ForeignKey) else field


def refuse_invalid_filter_value(field, name, value):
    """Raise BadRequestError for a value the database cannot compare with the field.

    Wagtail's `FieldsFilter` parses booleans itself and tags are names: those are left to it.
    """
    field = compared_field(field)
    if field.is_relation or isinstance(field, models.BooleanField):
        return
    try:
        python_value = field.to_python(value)
        if isinstance(field, models.IntegerField):
            # The range validators of the database's integers.
            field.run_validators(python_value)
    except ValidationError as error:
        raise BadRequestError(
            f"field filter error. {value!r} is not a valid value for {name}"
        ) from error
    if isinstance(field, models.DateTimeField) and timezone.is_naive(python_value):
        raise BadRequestError(
            f"field filter error. {name} needs a date, a time and a UTC offset "
            "(2024-05-01T09:30:00+00:00)"
        )


class TypedFieldsFilter(FieldsFilter):
    """Wagtail's filters by field (`?slug=…`, `?general_assembly_date=…`), refusing values of the
    wrong type with a 400 rather than letting the database refuse them with a 500."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        # The fields Wagtail's filter reads (it filters by locale separately).
        fields = set(view.get_available_fields(model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name not in fields:
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            refuse_invalid_filter_value(field, name, value)
        return super().filter_queryset(request, queryset, view)


class CleanSearchFilter(SearchFilter):
    """Wagtail's search, given the query as the site's search box cleans it, and only the
    operators the search backends know."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        operator = request.GET.get("search_operator") or ""
        if operator and operator.lower() not in PlainText.OPERATORS:
            raise BadRequestError(
                "search_operator must be one of: " + ", ".join(sorted(PlainText.OPERATORS))
            )
        query_parameters = request.GET.copy()
        query_parameters["search"] = clean_query(request.GET["search"])
        # Wagtail's filter reads nothing of the request but its query string (`GET`): a test
        # with a NUL byte in the query fails loudly if an upgrade reads more.
        return super().filter_queryset(SimpleNamespace(GET=query_parameters), queryset, view)


SAFER_FILTER_BACKENDS = {FieldsFilter: TypedFieldsFilter, SearchFilter: CleanSearchFilter}


class PublicPagesAPIViewSet(PagesAPIViewSet):
    # Wagtail's filters, in Wagtail's order (the search must stay last).
    filter_backends = [
        SAFER_FILTER_BACKENDS.get(backend, backend) for backend in PagesAPIViewSet.filter_backends
    ]
    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        # DRF's hook before every view (listing, detail, find): its errors get Wagtail's 400.
        super().initial(request, *args, **kwargs)
        refuse_null_characters(request.GET)

    def get_base_queryset(self):
        # Wagtail's own also lists the pages that a signed-in visitor may see.
        return super().get_base_queryset().public()

    def find_object(self, queryset, request):
        # Wagtail compares `?id=` with the ids as given: text there is a 500.
        if "id" in request.GET and not is_page_id(request.GET["id"]):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


def is_page_id(text):
    """A number the database can compare with ids (Django finds no page for a huge one)."""
    try:
        return int(text) >= 0
    except ValueError:
        return False


def not_found(request):
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    re_path(r"^api/", not_found),
]
