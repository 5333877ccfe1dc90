"""While an editor previews the report, its links lead to the previews of its pages' drafts, and
its pages not yet live appear as last edited; visitors see none of it."""

import pytest

from report.models import ProjectPage
from tests.editorial.helpers import approve, report_form
from tests.editorial.release_helpers import (
    MESSAGE_TITLE,
    MESSAGE_WORD,
    PROJECT_TITLE,
    PROJECT_WORD,
    RELEASE_BODY,
    add_page,
    compose_report,
    edit_page,
    fresh,
    message_form,
    project_form,
    submit_report,
)
from tests.factories import PersonFactory
from tests.html import page_html

pytestmark = pytest.mark.django_db

NEW_HEADLINE = "Un titre pas encore approuvé"
NEW_PROJECT_TITLE = "Projet encore en brouillon"


@pytest.fixture
def author(db):
    return PersonFactory()


@pytest.fixture
def draft_report(editor, report_index, author):
    report, message, project = compose_report(editor, report_index, author)
    return {"report": report, "message": message, "project": project}


def draft_url(page, mode=None):
    return f"/admin/pages/{page.id}/view_draft/" + (f"?mode={mode}" if mode else "")


def test_the_draft_reports_cards_lead_to_the_drafts_of_its_pages(editor, draft_report):
    html = page_html(editor.get(draft_url(draft_report["report"])))

    assert f'href="{draft_url(draft_report["message"])}"' in html
    assert f'href="{draft_url(draft_report["project"])}"' in html
    assert MESSAGE_TITLE in html and PROJECT_TITLE in html


def test_a_draft_page_leads_back_to_the_draft_report(editor, draft_report):
    for name in ("message", "project"):
        html = page_html(editor.get(draft_url(draft_report[name])))
        assert f'href="{draft_url(draft_report["report"])}"' in html


def test_the_preview_panel_links_to_the_drafts(editor, draft_report):
    report = draft_report["report"]
    preview_url = f"/admin/pages/{report.id}/edit/preview/"
    editor.post(preview_url, report_form(slug=report.slug, body=RELEASE_BODY))

    html = page_html(editor.get(preview_url))

    assert f'href="{draft_url(draft_report["message"])}"' in html


def test_the_print_layout_holds_the_draft_pages_in_full(editor, draft_report):
    html = page_html(editor.get(draft_url(draft_report["report"], mode="print")))

    assert MESSAGE_WORD in html
    assert PROJECT_WORD in html


@pytest.fixture
def live_report_with_drafts(editor, approver, draft_report, author):
    """A published report, its message changed in a draft, a new project not yet approved."""
    approve(approver, draft_report["report"], submit_report(editor, draft_report["report"]))
    message = edit_page(
        editor, draft_report["message"], message_form(author, headline=NEW_HEADLINE)
    )
    new_project = add_page(
        editor,
        draft_report["report"],
        ProjectPage,
        project_form(title=NEW_PROJECT_TITLE, slug="nouveau-projet"),
    )
    return {**draft_report, "message": message, "new_project": new_project}


def test_the_preview_shows_the_drafts_visitors_do_not_see(editor, client, live_report_with_drafts):
    report = fresh(live_report_with_drafts["report"])
    message = fresh(live_report_with_drafts["message"])

    preview = page_html(editor.get(draft_url(report)))
    assert NEW_HEADLINE in preview
    assert NEW_PROJECT_TITLE in preview
    assert f'href="{draft_url(live_report_with_drafts["new_project"])}"' in preview

    visitor = page_html(client.get(report.url))
    assert NEW_HEADLINE not in visitor
    assert NEW_PROJECT_TITLE not in visitor
    assert "/admin/" not in visitor
    assert f'href="{message.url}"' in visitor
    message_html = page_html(client.get(message.url))
    assert f'href="{report.url}"' in message_html
    assert "/admin/" not in message_html


def test_the_print_preview_holds_the_changed_and_the_new_pages(editor, live_report_with_drafts):
    print_preview = page_html(
        editor.get(draft_url(live_report_with_drafts["report"], mode="print"))
    )
    assert NEW_PROJECT_TITLE in print_preview
    assert NEW_HEADLINE in print_preview
