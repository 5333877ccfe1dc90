"""Whatever the query string, the API answers 200, or 400 with a JSON message (404 where Wagtail
says not found; the find view redirects to a page it finds), never 500.

URLs tried:
- the listing, /api/v2/pages/, with `search`, `search_operator`, `order`, `offset`, `limit`,
  `fields`, `type`, `locale`, `child_of`, `descendant_of`, the filters by field (`slug`, `id`,
  `alias_of`, `first_published_at`, a report's `general_assembly_date`…) and unknown parameters;
- the detail, /api/v2/pages/<id>/, with `fields`;
- the find view, /api/v2/pages/find/?html_path=… (and `?id=…`).
The site settings (/admin/settings/home/sitesettings/ and /admin/settings/home/sitesettings/
<site_id>/) are tried in tests/home/test_site_settings_permissions.py.

Property-based (hypothesis) over the demonstration site. Stock Wagtail answers 500 to some of
these, several only on PostgreSQL (a NUL byte): run this module with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/consortium too.
"""

import datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from web.api import MAX_OFFSET, PublicPagesAPIViewSet

PAGES = "/api/v2/pages/"
FIND = "/api/v2/pages/find/"
HUGE = "99999999999999999999"
HTML_PATHS = ["/", "/a-propos/", "/about/", "/rapports-annuels/2021-2022/", "/nous-joindre/"]
PUBLISHED = datetime.datetime(2024, 5, 1, 13, 30, tzinfo=datetime.UTC)

# Any character a URL can carry (surrogates cannot be encoded in UTF-8).
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
# Control, invisible and combining characters, an emoji; then query and URL syntax.
ODD_CHARACTERS = st.sampled_from(
    [*"\x00\x1b\u202e\u200b\ufeff\u0301\U0001f642\u00a0", *"\"'%\\*_-,():&|!~<> "]
)
ODD_TEXT = st.text(st.one_of(ANY_CHARACTER, ODD_CHARACTERS), max_size=60)
LONG_TEXT = st.lists(st.text(ANY_CHARACTER, min_size=1, max_size=12), min_size=100, max_size=400)
FREE_TEXT = st.one_of(ODD_TEXT, LONG_TEXT.map(" ".join))

PAGE_FIELDS = [
    "id",
    "type",
    "detail_url",
    "title",
    "html_url",
    "slug",
    "show_in_menus",
    "seo_title",
    "search_description",
    "first_published_at",
    "alias_of",
    "parent",
    "locale",
]
# A report's own (`ReportYearPage.api_fields`), with `type=report.ReportYearPage`.
REPORT_FIELDS = [
    "fiscal_year",
    "fiscal_year_dates",
    "general_assembly_date",
    "theme",
    "introduction",
    "figures",
    "pdf_url",
]
PAGE_TYPES = [
    "wagtailcore.Page",
    "home.HomePage",
    "home.StandardPage",
    "home.ContactPage",
    "report.ReportIndexPage",
    "report.ReportYearPage",
    "report.MessagePage",
    "report.ProjectPage",
    "auth.User",
    "report.Nothing",
]


def known_or_odd(*known):
    """About half the time a value the API knows, otherwise any text."""
    return st.one_of(st.sampled_from(known), ODD_TEXT)


def comma_joined(element):
    return st.lists(element, min_size=1, max_size=4).map(",".join)


FIELD_NAME = known_or_odd(*PAGE_FIELDS, *REPORT_FIELDS, "random", "nothing")
ORDER = comma_joined(st.builds("{}{}".format, st.sampled_from(["", "-"]), FIELD_NAME))
# The syntax of `fields`: names, "*", "_", "-name", "name(sub,fields)".
FIELDS = st.recursive(
    st.one_of(FIELD_NAME, st.sampled_from(["*", "_", "-title", "-"])),
    lambda inner: st.one_of(comma_joined(inner), st.builds("{}({})".format, FIELD_NAME, inner)),
    max_leaves=6,
)
# The demonstration's pages have small ids.
PAGE_ID = st.integers(min_value=0, max_value=40).map(str)
NUMBER_TEXT = st.one_of(
    PAGE_ID,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "root", "-0", "+1", " 1", "1_0", "٣", "1e3", "0x10", HUGE, "9" * 5000]),
    ODD_TEXT,
)
DATE_TEXT = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    known_or_odd("2024-13-45", "2024-04-01T09:30:00+99:00", "2024-04-01T09:30:00Z"),
)
LISTING_VALUES = {
    "search": FREE_TEXT,
    "search_operator": known_or_odd("and", "or", "OR", "", "xor"),
    "order": ORDER,
    "offset": NUMBER_TEXT,
    "limit": NUMBER_TEXT,
    "fields": FIELDS,
    "type": st.one_of(comma_joined(st.sampled_from(PAGE_TYPES)), ODD_TEXT),
    "locale": known_or_odd("fr", "en", "xx"),
    "child_of": NUMBER_TEXT,
    "descendant_of": NUMBER_TEXT,
    "slug": known_or_odd("a-propos", "about", "rapports-annuels"),
    "title": known_or_odd("À propos", "About"),
    "id": NUMBER_TEXT,
    "alias_of": NUMBER_TEXT,
    "show_in_menus": known_or_odd("true", "false"),
    "first_published_at": DATE_TEXT,
}
REPORT_VALUES = {
    "general_assembly_date": DATE_TEXT,
    "theme": ODD_TEXT,
    "introduction": ODD_TEXT,
}


def some_of(values, at_most=4):
    """A few of the parameters, each with a value of its strategy."""
    names = st.lists(st.sampled_from(sorted(values)), max_size=at_most, unique=True)
    return names.flatmap(lambda chosen: st.fixed_dictionaries({n: values[n] for n in chosen}))


LISTING_PARAMETERS = st.one_of(
    some_of(LISTING_VALUES),
    some_of({**LISTING_VALUES, **REPORT_VALUES}).map(
        lambda parameters: {**parameters, "type": "report.ReportYearPage"}
    ),
)
KNOWN_PARAMETERS = {
    *PublicPagesAPIViewSet.known_query_parameters,
    *PAGE_FIELDS,
    *REPORT_FIELDS,
}
UNKNOWN_NAME = st.text(st.one_of(ANY_CHARACTER, ODD_CHARACTERS), min_size=1, max_size=20).filter(
    lambda name: name not in KNOWN_PARAMETERS
)

# The database is reset for each test, not for each example: the pages are only read.
API_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered(response, statuses=(200, 400, 404)):
    """An answer of the API, in JSON, with a message when it refuses."""
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    if response.status_code == 302:
        return
    assert response["Content-Type"].startswith("application/json")
    if response.status_code != 200:
        assert isinstance(response.json()["message"], str)


def message_of(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()["message"]


# The URLs of the issue (issue 15), each a 500 on PostgreSQL with Wagtail's API as it comes
# (but a huge limit: Wagtail caps it).


@pytest.mark.django_db
def test_a_nul_byte_in_the_search_is_cleaned_away(client, public_site):
    response = client.get(f"{PAGES}?search=propos%00&fields=title")

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["À propos"]
    assert client.get(f"{PAGES}?search=a%00b").status_code == 200


@pytest.mark.django_db
def test_an_unknown_search_operator_is_refused(client, public_site):
    message = message_of(client.get(f"{PAGES}?search=a&search_operator=xor"), 400)

    assert message == "search_operator must be one of: and, or"
    assert client.get(f"{PAGES}?search=propos&search_operator=OR").status_code == 200


@pytest.mark.django_db
def test_a_huge_offset_or_limit_is_refused(client, public_site):
    offset = message_of(client.get(f"{PAGES}?offset={HUGE}"), 400)
    limit = message_of(client.get(f"{PAGES}?limit={HUGE}"), 400)

    assert offset == f"offset cannot be higher than {MAX_OFFSET}"
    assert limit == "limit cannot be higher than 20"


@pytest.mark.django_db
def test_the_largest_offset_gives_an_empty_page(client, public_site):
    response = client.get(f"{PAGES}?offset={MAX_OFFSET}")

    assert response.status_code == 200
    assert response.json()["items"] == []


# Others found on the way: each a 500 with Wagtail's API as it comes, on SQLite or PostgreSQL.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            f"{PAGES}?alias_of={HUGE}",
            f"field filter error. '{HUGE}' is not a valid value for alias_of",
        ),
        (f"{PAGES}?id={HUGE}", f"field filter error. '{HUGE}' is not a valid value for id"),
        (
            f"{PAGES}?first_published_at=abc",
            "field filter error. 'abc' is not a valid value for first_published_at",
        ),
        (
            f"{PAGES}?first_published_at=2024-04-01T09:30:00",
            "field filter error. first_published_at needs a date, a time and a UTC offset "
            "(2024-05-01T09:30:00+00:00)",
        ),
        (
            f"{PAGES}?type=report.ReportYearPage&general_assembly_date=2024-13-45",
            "field filter error. '2024-13-45' is not a valid value for general_assembly_date",
        ),
        (f"{PAGES}?locale=fr%00", "null characters are not allowed for 'locale'"),
        (f"{PAGES}?site=testserver%00", "null characters are not allowed for 'site'"),
        (f"{PAGES}?%00=1", "null characters are not allowed for '\\x00'"),
        (f"{FIND}?html_path=/a-propos%00/", "null characters are not allowed for 'html_path'"),
        (f"{FIND}?id=abc", "id must be a positive integer"),
        (f"{PAGES}1/?fields=%00", "null characters are not allowed for 'fields'"),
    ],
)
def test_values_the_database_would_refuse_are_refused_first(client, public_site, url, message):
    assert message_of(client.get(url), 400) == message


@pytest.mark.django_db
def test_good_values_of_the_same_filters_still_work(client, public_site):
    about = public_site["about"]
    Page.objects.filter(pk=about.pk).update(first_published_at=PUBLISHED)

    def listed(query):
        response = client.get(f"{PAGES}?{query}")
        assert response.status_code == 200, response.content[:300]
        return [item["id"] for item in response.json()["items"]]

    # The same moment, in UTC and in Québec's summer time.
    assert listed("first_published_at=2024-05-01T13:30:00%2B00:00") == [about.pk]
    assert listed("first_published_at=2024-05-01T09:30:00-04:00") == [about.pk]
    assert listed(f"id={about.pk}") == [about.pk]
    assert listed("alias_of=1") == []
    assert listed("type=report.ReportYearPage&general_assembly_date=2024-10-01") == []
    assert listed(f"offset=0&limit=1&id={about.pk}") == [about.pk]
    assert client.get(f"{FIND}?html_path=/a-propos/").status_code == 302
    assert client.get(f"{FIND}?id={about.pk}").status_code == 302
    assert client.get(f"{FIND}?id={HUGE}").status_code == 404
    assert client.get(f"{PAGES}{HUGE}/").status_code == 404


# Hypothesis, over the demonstration site (French and English, a report with its figures).


@pytest.mark.django_db
@API_SETTINGS
@given(parameters=LISTING_PARAMETERS)
@example(parameters={"search": "a\x00b"})
@example(parameters={"search": "a", "search_operator": "xor"})
@example(parameters={"offset": HUGE})
@example(parameters={"limit": HUGE})
@example(parameters={"search": "rapport", "order": "random"})
@example(parameters={"type": "report.ReportYearPage", "fields": "*", "locale": "en"})
def test_any_listing_query_is_answered(demo_content, db, client, parameters):
    assert_answered(client.get(PAGES, parameters))


@pytest.mark.django_db
@API_SETTINGS
@given(
    unknown=st.dictionaries(UNKNOWN_NAME, ODD_TEXT, min_size=1, max_size=3),
    known=st.fixed_dictionaries({}, optional={"search": FREE_TEXT, "offset": NUMBER_TEXT}),
)
def test_unknown_parameters_are_refused(demo_content, db, client, unknown, known):
    response = client.get(PAGES, {**known, **unknown})

    assert_answered(response, statuses=(400,))


@pytest.mark.django_db
@API_SETTINGS
@given(
    # A page of the site (by its position), or any number.
    page=st.one_of(st.integers(min_value=0, max_value=60), st.integers(min_value=0).map(str)),
    fields=st.one_of(st.none(), FIELDS),
)
def test_any_detail_query_is_answered(demo_content, db, client, page, fields):
    if isinstance(page, int):
        site_pages = Page.objects.live().public().filter(depth__gt=1).order_by("id")
        ids = list(site_pages.values_list("id", flat=True))
        page = ids[page % len(ids)]
    parameters = {} if fields is None else {"fields": fields}

    assert_answered(client.get(f"{PAGES}{page}/", parameters))


@pytest.mark.django_db
@API_SETTINGS
@given(
    html_path=st.one_of(
        st.sampled_from(HTML_PATHS),
        st.lists(st.one_of(st.sampled_from(HTML_PATHS), ODD_TEXT), max_size=8).map("/".join),
    ),
    page_id=st.one_of(st.none(), PAGE_ID, NUMBER_TEXT),
)
def test_any_find_query_is_answered(demo_content, db, client, html_path, page_id):
    parameters = {"html_path": html_path} if page_id is None else {"id": page_id}

    assert_answered(client.get(FIND, parameters), statuses=(302, 400, 404))
