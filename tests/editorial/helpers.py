"""What an editor posts and what a visitor sees, for the editorial workflow tests."""

from wagtail.test.utils.form_data import nested_form_data

from report.models import ReportYearPage
from tests.admin_forms import block_form_data
from tests.html import page_html

# A word that nothing else on the site contains, to look for the report in search results.
SECRET_WORD = "ornithorynque"

REPORT_BODY = [
    ("section", {"heading": "Faits saillants", "anchor": "faits-saillants"}),
    ("text", f"<p>Une année marquée par l’{SECRET_WORD} du Consortium.</p>"),
    (
        "key_figures",
        {
            "heading": "Services aux membres",
            "figures": [
                {"value": "68577", "unit": "hours", "qualifier": "", "label": "Heures de services"}
            ],
            "notes": [],
        },
    ),
    ("quote", {"quote": "En s’aidant soi-même, on aide les autres.", "attribution": "Yvan Laurin"}),
]

REPORT_TITLE = "Rapport annuel 2022-2023"
REPORT_SLUG = "2022-2023"


def report_form(body=None, **fields):
    """The admin form of a 2022-2023 report as the editor's browser posts it."""
    data = {
        "title": REPORT_TITLE,
        "slug": REPORT_SLUG,
        "fiscal_year_start": "2022-04-01",
        "fiscal_year_end": "2023-03-31",
        "general_assembly_date": "2023-10-13",
        "theme": "Ensemble plus loin",
        "introduction": f"L’année de l’{SECRET_WORD}.",
        "body": block_form_data(
            ReportYearPage.body.field.stream_block, REPORT_BODY if body is None else body
        ),
        **fields,
    }
    return nested_form_data(data)


def visitor_sees(client, url):
    """The HTML an anonymous visitor gets at `url`, folded (asserts it is served)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return page_html(response)


def search_results(client, query, language="fr"):
    path = {"fr": "/fr/recherche/", "en": "/en/search/"}[language]
    return visitor_sees(client, f"{path}?q={query}")


def sitemap(client):
    return client.get("/sitemap.xml").content.decode()


def where_listed(client, page, index_url, language="fr"):
    """Where a visitor finds `page`: its URL served, the index, home, search, sitemap."""
    home = visitor_sees(client, f"/{language}/")
    return {
        "page": client.get(page.url).status_code == 200,
        "index": page.url in visitor_sees(client, index_url),
        "home": page.url in home or page.title in home,
        "search": page.url in search_results(client, SECRET_WORD, language),
        "sitemap": page.url in sitemap(client),
    }


NOWHERE = {"page": False, "index": False, "home": False, "search": False, "sitemap": False}
EVERYWHERE = {"page": True, "index": True, "home": True, "search": True, "sitemap": True}


def add_url(index):
    return f"/admin/pages/add/report/reportyearpage/{index.id}/"


def workflow_action_url(page, action, task_state):
    return f"/admin/pages/workflow/action/{page.id}/{action}/{task_state.id}/"


def create_draft(editor, index, **fields):
    response = editor.post(add_url(index), report_form(**fields))
    assert response.status_code == 302, page_html(response)[:3000]
    return ReportYearPage.objects.get(locale=index.locale, slug="2022-2023")


def submit(editor, page, **fields):
    response = editor.post(
        f"/admin/pages/{page.id}/edit/",
        report_form(slug=page.slug, **{"action-submit": "action-submit", **fields}),
    )
    assert response.status_code == 302, page_html(response)[:3000]
    page.refresh_from_db()
    return page.current_workflow_task_state


def english_alias(page, english):
    return page.get_translation_or_none(english)


def approve(approver, page, task_state, comment=""):
    """The approver's "Approve" on the page's current task."""
    response = approver.post(workflow_action_url(page, "approve", task_state), {"comment": comment})
    assert response.status_code == 302, page_html(response)[:3000]
    page.refresh_from_db()
    return page


def publish_through_approval(editor, approver, index, **fields):
    """A new report, composed and submitted by the editor, approved by the direction."""
    page = create_draft(editor, index, **fields)
    return approve(approver, page, submit(editor, page, **fields))
