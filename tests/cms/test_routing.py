"""The routing of cms/routing.py answers every address as Wagtail's own routing does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ReportIndexPageFactory, ReportYearPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    """/fr/rapports-annuels/rapport-2021/ and /fr/a-propos/equipe/conseil/."""
    index = ReportIndexPageFactory(parent=home_page)
    report = ReportYearPageFactory(parent=index)
    about = StandardPageFactory(parent=home_page, title="À propos", slug="a-propos")
    team = StandardPageFactory(parent=about, title="Équipe", slug="equipe")
    board = StandardPageFactory(parent=team, title="Conseil", slug="conseil")
    return {"index": index, "report": report, "about": about, "team": team, "board": board}


def test_a_deep_page_is_served_with_its_breadcrumbs(client, tree):
    response = client.get("/fr/a-propos/equipe/conseil/")

    html = response.content.decode()
    assert response.status_code == 200
    breadcrumbs = html[html.index('class="breadcrumbs"') :]
    assert breadcrumbs.index('href="/fr/a-propos/"') < breadcrumbs.index(
        'href="/fr/a-propos/equipe/"'
    )
    assert 'aria-current="page" href="/fr/a-propos/equipe/conseil/"' in breadcrumbs


def test_pages_passed_through_cost_no_query_of_their_own(client, tree):
    """Two levels deeper, the same number of queries: the pages on the way are read together."""

    def queries(url):
        client.get(url)  # The site's root paths are cached by the first request.
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries("/fr/a-propos/equipe/conseil/") == queries("/fr/a-propos/")


@pytest.mark.parametrize(
    "address",
    [
        "/fr/nulle-part/",
        "/fr/nulle-part/plus-loin/",
        "/fr/a-propos/nulle-part/",
        "/fr/a-propos/nulle-part/plus-loin/",
        "/fr/a-propos/equipe/conseil/plus-loin/",
        "/fr/rapports-annuels/rapport-2021/nulle-part/",
        "/fr/rapports-annuels/rapport-2021/nulle-part/plus-loin/",
    ],
)
def test_addresses_that_name_no_page_answer_404(client, tree, address):
    assert client.get(address).status_code == 404


def test_a_report_answers_its_own_routes_below_it(client, tree):
    """The report index is passed through; the report (a routable page) takes the rest."""
    assert client.get("/fr/rapports-annuels/rapport-2021/").status_code == 200
    assert client.get("/fr/rapports-annuels/rapport-2021/pdf/").status_code == 200


def test_an_unpublished_page_on_the_way_is_passed_through_as_wagtail_does(client, tree):
    tree["team"].unpublish()

    assert client.get("/fr/a-propos/equipe/").status_code == 404
    assert client.get("/fr/a-propos/equipe/conseil/").status_code == 200


def test_an_unpublished_page_at_the_end_answers_404(client, tree):
    tree["board"].unpublish()

    assert client.get("/fr/a-propos/equipe/conseil/").status_code == 404


@pytest.mark.parametrize("restricted", ["about", "team", "board"])
def test_a_private_section_stays_private_below_it(client, tree, restricted):
    PageViewRestriction.objects.create(
        page=tree[restricted], restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/fr/a-propos/equipe/conseil/")

    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/admin/login/" in response["Location"]


def test_a_password_on_the_report_index_protects_the_report(client, tree):
    PageViewRestriction.objects.create(
        page=tree["index"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get("/fr/rapports-annuels/rapport-2021/")

    assert response.status_code == 200
    assert "Rapport annuel 2021-2022" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
