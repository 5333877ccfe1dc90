"""The "Lectorat" report in the admin: its figures are the counts, over the dates asked, for whom
may read them.

Every URL that shows readership figures, tried here:
- /admin/readership/ (the site) and /admin/readership/export/ (its CSV);
- /admin/readership/report/<page id>/ (an annual report) and …/export/;
- the dashboard, /admin/ (the readership panel);
- the report's page header and the page listing's "more" menu, which link to its readership.
The counts themselves are not exposed anywhere else: no API endpoint, snippet, Django admin nor
Wagtail listing shows `ReadershipCount` (readership/models.py has no viewset).
Tried as anonymous, as an editor with admin access outside Communications and Direction, with
dates that are not a range (reversed, malformed, year 20, longer than ten years) and with a page
that is not an annual report.
"""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from readership import retention
from readership.counting import today
from readership.models import Kind, Period, ReadershipCount
from tests.editorial.conftest import (  # noqa: F401 (fixtures)
    PASSWORD,
    communications_user,
    direction_user,
    logged_in_client,
    readership_migration,
    roles,
)
from tests.factories import UserFactory
from tests.html import page_html
from tests.readership.conftest import counted
from tests.readership.test_beacon import send
from tests.report.conftest import english_report, message, president, project  # noqa: F401

pytestmark = pytest.mark.django_db

SITE_REPORT = "/admin/readership/"
SITE_EXPORT = "/admin/readership/export/"


@pytest.fixture
def communications(communications_user):  # noqa: F811
    return logged_in_client(communications_user)


@pytest.fixture
def direction(direction_user):  # noqa: F811
    return logged_in_client(direction_user)


@pytest.fixture
def outsider(db):
    """An editor who may use the admin but is in neither group."""
    user = UserFactory(username="outsider", password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return logged_in_client(user)


def report_url(report, export=False):
    return f"/admin/readership/report/{report.pk}/" + ("export/" if export else "")


def export_rows(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


def table(rows, title):
    """{line: (fr, en, total)} of one table of the export."""
    return {row[1]: tuple(int(value) for value in row[2:5]) for row in rows if row[0] == title}


def add(kind, page_id, language, day, count, detail="", period=Period.DAY):
    ReadershipCount.objects.create(
        kind=kind,
        page_id=page_id,
        language=language,
        day=day,
        count=count,
        detail=detail,
        period=period,
    )


# The figures are the counts


def test_the_report_s_figures_are_what_its_readers_did(
    reader,
    report,
    english_report,  # noqa: F811 (the fixture imported above)
    communications,
):
    """Readers read the report in both languages, download its PDF, scroll through its sections
    and come from other sites; the admin report says exactly that, in its tables and its CSV."""
    for _ in range(3):
        reader.get(report.url, headers={"Referer": "https://www.linkedin.com/feed/?x=1"})
    reader.get(english_report.url)
    reader.get(report.url + "pdf/")
    english_anchor = english_report.body[0].value["anchor"]
    send(reader, {"page": report.pk, "sections": ["introduction", "affaires-financieres"]})
    send(reader, {"page": report.pk, "sections": ["introduction"]})
    send(reader, {"page": english_report.pk, "sections": [english_anchor]})
    stored = counted()

    header, rows = export_rows(communications, report_url(report, export=True))

    assert header[:5] == ["Tableau", "Ligne", "Français", "Anglais", "Total"]
    views = table(rows, "Vues par jour")
    assert views[today().isoformat()] == (3, 1, 4)
    assert sum(views[day][2] for day in views) == sum(
        count for (_page, _lang, kind, _detail), count in stored.items() if kind == "view"
    )
    pages = table(rows, "Vues par page")
    assert pages == {"Rapport annuel 2021-2022": (3, 1, 4)}
    assert table(rows, "Sections atteintes") == {
        "01 Introduction": (2, 1, 3),
        "02 Affaires financières": (1, 0, 1),
    }
    shares = {row[1]: row[5] for row in rows if row[0] == "Sections atteintes"}
    assert shares == {"01 Introduction": "75.0", "02 Affaires financières": "25.0"}
    assert table(rows, "Téléchargements") == {
        "Téléchargements du PDF": (1, 0, 1),
        "Téléchargements CSV": (0, 0, 0),
        "Téléchargements Excel": (0, 0, 0),
    }
    assert table(rows, "Sites référents") == {"www.linkedin.com": (3, 0, 3)}


def test_the_page_shows_the_same_figures_formatted_in_french_with_charts(report, communications):
    add(Kind.VIEW, report.pk, "fr", today(), 12345)
    add(Kind.VIEW, report.pk, "en", today(), 678)
    add(Kind.SECTION, report.pk, "fr", today(), 1234, detail="introduction")

    response = communications.get(report_url(report))
    html = page_html(response)

    assert "Lectorat de « Rapport annuel 2021-2022 »" in html
    # Thousands apart by a no-break space, as the site writes them in French (CLDR's fr_CA).
    assert "13\u00a0023" in response.content.decode()
    assert "12\u00a0345" in response.content.decode()
    assert '<th scope="row">01 Introduction</th>' in html
    assert (
        "9,5\u00a0%" in response.content.decode()
    )  # 1 234 of 13 023 views reached the first section
    # The project's SVG charts, each named, with the table of its figures after it.
    # Views over time and sections; no chart of downloads, where nothing was downloaded.
    assert html.count('role="img"') == 2
    assert '<title id="readership-chart-views-title">Vues par jour</title>' in html
    assert '<ul class="chart-legend">' in html  # the colours of the two languages, named


def test_the_site_report_adds_every_page_and_lists_searches(
    reader, public_site, report, communications
):
    reader.get("/fr/a-propos/")
    reader.get("/en/about/")
    reader.get(report.url)
    reader.get("/fr/recherche/", {"q": "propos"})
    reader.get("/fr/recherche/", {"q": "zzyzx"})
    reader.get("/fr/recherche/", {"q": "zzyzx"})
    counted()

    _header, rows = export_rows(communications, SITE_EXPORT)

    assert table(rows, "Vues par page") == {
        public_site["about"].title: (1, 1, 2),
        "Rapport annuel 2021-2022": (1, 0, 1),
    }
    assert table(rows, "Recherches")["propos"] == (1, 0, 1)
    assert table(rows, "Recherches sans résultat") == {"zzyzx": (2, 0, 2)}
    html = page_html(communications.get(SITE_REPORT))
    assert "zzyzx" in html
    assert f'href="/admin/readership/report/{report.pk}/?start=' in html


def test_words_searched_that_look_like_a_formula_stay_text_in_the_csv(
    reader, public_site, communications
):
    """An attacker searches for a spreadsheet formula: the team's CSV must not run it."""
    reader.get("/fr/recherche/", {"q": '=HYPERLINK("http://evil.example","clic")'})
    reader.get("/fr/recherche/", {"q": "+1+1"})
    counted()
    _header, rows = export_rows(communications, SITE_EXPORT)
    searched = [row[1] for row in rows if row[0] == "Recherches sans résultat"]
    # (The search page cleans the quotes out of what it is given.)
    assert sorted(searched) == ["'+1+1", "'=hyperlink( http://evil.example , clic )"]


def test_words_searched_are_shown_as_text_never_as_markup(reader, public_site, communications):
    reader.get("/fr/recherche/", {"q": "<svg onload=alert(1)>"})
    counted()
    html = communications.get(SITE_REPORT).content.decode()
    assert "<svg onload" not in html
    assert "&lt;svg onload=alert(1)&gt;" in html


def test_views_of_a_page_deleted_since_stay_counted(public_site, report, communications):
    add(Kind.VIEW, report.pk, "fr", today(), 2)
    add(Kind.VIEW, 987654, "fr", today(), 5)  # A page deleted since: its counts remain.
    _header, rows = export_rows(communications, SITE_EXPORT)
    assert table(rows, "Vues par page") == {
        "Rapport annuel 2021-2022": (2, 0, 2),
        "Pages supprimées depuis": (5, 0, 5),
    }
    assert sum(total for _fr, _en, total in table(rows, "Vues par jour").values()) == 7


def test_a_section_renamed_since_keeps_its_counts_on_a_line_of_its_own(report, communications):
    add(Kind.SECTION, report.pk, "fr", today(), 4, detail="ancien-nom")
    _header, rows = export_rows(communications, report_url(report, export=True))
    assert table(rows, "Sections atteintes")["Sections renommées ou retirées depuis"] == (4, 0, 4)


# Dates


def test_only_the_days_of_the_range_count_both_ends_included(report, communications):
    for day, count in [(1, 1), (2, 10), (3, 100), (4, 1000)]:
        add(Kind.VIEW, report.pk, "fr", datetime.date(2026, 3, day), count)

    _header, rows = export_rows(
        communications, report_url(report, export=True), start="2026-03-02", end="2026-03-03"
    )

    assert table(rows, "Vues par jour") == {
        "2026-03-02": (10, 0, 10),
        "2026-03-03": (100, 0, 100),
    }


def test_a_long_range_is_shown_per_month_with_the_rolled_up_months(report, communications):
    old_month = retention.first_kept_day() - datetime.timedelta(days=40)
    add(Kind.VIEW, report.pk, "fr", old_month.replace(day=1), 70, period=Period.MONTH)
    recent = today()
    add(Kind.VIEW, report.pk, "en", recent, 5)

    _header, rows = export_rows(
        communications,
        report_url(report, export=True),
        start=old_month.replace(day=1).isoformat(),
        end=recent.isoformat(),
    )

    views = table(rows, "Vues par mois")
    assert views[old_month.replace(day=1).isoformat()] == (70, 0, 70)
    assert views[recent.replace(day=1).isoformat()] == (0, 5, 5)
    assert sum(total for _fr, _en, total in views.values()) == 75


def test_without_dates_the_last_30_days_are_shown(report, communications):
    add(Kind.VIEW, report.pk, "fr", today() - datetime.timedelta(days=29), 2)
    add(Kind.VIEW, report.pk, "fr", today() - datetime.timedelta(days=30), 3)
    _header, rows = export_rows(communications, report_url(report, export=True))
    views = table(rows, "Vues par jour")
    assert len(views) == 30
    assert sum(total for _fr, _en, total in views.values()) == 2


@pytest.mark.parametrize(
    ("query", "explanation"),
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, "La fin de la période ne peut pas"),
        ({"start": "0020-03-10", "end": "2026-03-01"}, "La période doit commencer le"),
        ({"start": "2000-01-01", "end": "2026-03-01"}, "ne peut pas dépasser dix ans"),
        ({"start": "hier", "end": "2026-03-01"}, "Saisissez une date valide"),
        ({"start": "9999-01-01", "end": "9999-12-31"}, "La période doit finir le"),
        ({"end": "2026-03-01"}, "Champ requis"),
        ({"start": "2026-03-01\x00", "end": "2026-03-01"}, "Saisissez une date valide"),
    ],
)
def test_dates_that_are_no_range_get_a_message_and_a_400(
    report, communications, query, explanation
):
    for url in (SITE_REPORT, report_url(report)):
        response = communications.get(url, query)
        assert response.status_code == 400
        html = page_html(response)
        assert explanation in html
        assert "Vues par jour" not in html
    for url in (SITE_EXPORT, report_url(report, export=True)):
        assert communications.get(url, query).status_code == 400


# Who may read the figures


def test_communications_and_direction_read_them(report, communications, direction):
    for client in (communications, direction):
        for url in (SITE_REPORT, SITE_EXPORT, report_url(report), report_url(report, True)):
            assert client.get(url).status_code == 200


def test_anonymous_and_other_editors_do_not(client, report, outsider):
    add(Kind.VIEW, report.pk, "fr", today(), 4321)
    for url in (SITE_REPORT, SITE_EXPORT, report_url(report), report_url(report, True)):
        anonymous = client.get(url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith("/admin/login/")
        refused = outsider.get(url)
        assert refused.status_code in (302, 403)
        assert b"4321" not in refused.content and "4\u00a0321".encode() not in refused.content


def test_a_page_that_is_no_annual_report_is_not_found(public_site, communications):
    about = public_site["about"]
    assert communications.get(f"/admin/readership/report/{about.pk}/").status_code == 404
    assert communications.get("/admin/readership/report/999999/export/").status_code == 404


# Where the admin leads to it


def test_the_dashboard_shows_the_last_30_days_to_those_who_may_read_them(
    report, communications, outsider
):
    add(Kind.VIEW, report.pk, "fr", today(), 1500)
    add(Kind.PDF, report.pk, "en", today(), 7)
    add(Kind.VIEW, report.pk, "fr", today() - datetime.timedelta(days=31), 900)

    html = communications.get("/admin/").content.decode()

    assert "Lectorat, 30 derniers jours" in html
    assert "1\u00a0500" in html and "2\u00a0400" not in html
    assert f'href="/admin/readership/report/{report.pk}/"' in html
    assert "Lectorat, 30 derniers jours" not in page_html(outsider.get("/admin/"))


def test_the_report_s_page_header_and_menu_lead_to_its_readership(report, communications):
    edit = page_html(communications.get(f"/admin/pages/{report.pk}/edit/"))
    assert f'href="/admin/readership/report/{report.pk}/"' in edit
    listing = page_html(communications.get(f"/admin/pages/{report.get_parent().pk}/"))
    assert f'href="/admin/readership/report/{report.pk}/"' in listing


def test_the_site_activity_menu_holds_the_readership_report(communications, outsider):
    assert f'"url": "{SITE_REPORT}"' in communications.get("/admin/").content.decode()
    assert SITE_REPORT not in outsider.get("/admin/").content.decode()


def test_the_migration_grants_the_permission_to_both_groups(roles):  # noqa: F811
    permission = Permission.objects.get(
        content_type__app_label="readership", codename="view_readershipcount"
    )
    for group in roles.values():
        group.permissions.remove(permission)
    readership_migration.grant(apps, None)
    for group in roles.values():
        assert group.permissions.filter(pk=permission.pk).exists()


def test_the_queries_do_not_grow_with_the_days_pages_or_counts(
    report,
    message,  # noqa: F811 (the fixtures imported above)
    project,  # noqa: F811
    communications,
    django_assert_max_num_queries,
):
    """Each table is one grouped query: a year of counts on the report's pages costs what a day
    costs (24 queries measured on the demonstration report, 19 for the site)."""
    for offset in range(365):
        day = today() - datetime.timedelta(days=offset)
        for page in (report, message, project):
            add(Kind.VIEW, page.pk, "fr", day, 3)
    query = {"start": (today() - datetime.timedelta(days=364)).isoformat(), "end": today()}
    with django_assert_max_num_queries(26):
        assert communications.get(report_url(report), query).status_code == 200
    with django_assert_max_num_queries(21):
        assert communications.get(SITE_REPORT, query).status_code == 200
