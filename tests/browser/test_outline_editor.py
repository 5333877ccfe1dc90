"""The report's editor as an outline whose blocks are drawn when opened (cms/outline.py), in
Chromium, on a copy of the demonstration report.

What the script relies on beyond Wagtail's documented block API is checked here, so that an
upgrade that changes it fails: Wagtail collapses the body's blocks and fires
`wagtail:panel-toggle` when one is opened; it calls setError on a block with an error and opens
its panel; its comments read `comments-data` and find their field by content path; its
unsaved-changes warning and autosave serialise the form with `new FormData(form)`.

URLs: /admin/login/ (communications), /admin/pages/<copy id>/edit/ (opened, saved as a draft
with "Enregistrer le brouillon", posted again with an error). The form data these post is read
by the server as in tests/cms/test_outline.py, which lists the other URLs that take it.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Comment

from cms.outline import stored_value
from tests.browser.admin_steps import (
    copy_of_demo_report,
    footer_action,
    open_editor,
    sign_in,
)
from tests.browser.live_database import live_database

pytestmark = pytest.mark.browser

BODY_BLOCKS = (
    "[data-contentpath=body] [data-streamfield-stream-container] > [data-streamfield-child]"
)
TOGGLE = ":scope > section > .w-panel__header [data-panel-toggle]"
HEADING = ":scope > section > .w-panel__header [data-panel-heading-text]"


@pytest.fixture
def outline_report(site_url, django_db_blocker):
    with copy_of_demo_report(
        django_db_blocker,
        ("Rapport annuel 2021-2022 : plan", "Annual report 2021-2022: outline"),
        ("plan", "outline"),
    ) as report:
        yield report


def stored_body(report, django_db_blocker):
    """The latest revision's body as stored, without the keys Draftail gives the paragraphs of
    the rich text blocks (a rich text saved from its editor may get new ones)."""
    with live_database(django_db_blocker):
        report.refresh_from_db()
        body = report.get_latest_revision_as_object().body
        stored = stored_value(body.stream_block, body)
        return json.loads(re.sub(r' data-block-key=\\"\w+\\"', "", stored))


def autosaved(request):
    """Wagtail's autosave: the edit form posted in the background (w-autosave)."""
    return request.method == "POST" and request.url.endswith("/edit/")


def leave_editor(page):
    """Let the editor's last requests (autosave, editing session) end before the test reads
    the database: the live server shares the test's SQLite connection, which two threads must
    not use at once."""
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")


def record_form_posts(page):
    """The edit form's posts from now on (saves and Wagtail's autosaves)."""
    posts = []
    page.on("request", lambda request: posts.append(request.url) if autosaved(request) else None)
    return posts


def editor_of_first_section(report, django_db_blocker, new_browser_page, site_url):
    """(the body as stored, the position of its first section, the editor signed in on it)."""
    before = stored_body(report, django_db_blocker)
    position = next(i for i, child in enumerate(before) if child["type"] == "section")
    staff = new_browser_page()
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, report)
    return before, position, staff


def wait_for_change_detection(page):
    """Wagtail's unsaved-changes check starts two seconds after the editor loads, then runs
    every half second (UnsavedController); an edit it finds is autosaved."""
    page.wait_for_timeout(3_500)


def test_the_editor_opens_on_an_outline_whose_blocks_are_drawn_when_opened(
    site_url, outline_report, new_browser_page, django_db_blocker
):
    before = stored_body(outline_report, django_db_blocker)
    staff = new_browser_page()
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, outline_report)
    posts = record_form_posts(staff)
    blocks = staff.locator(BODY_BLOCKS)
    count = blocks.count()
    outlined = staff.locator("[data-contentpath=body] input[name$='-value-outline']")

    assert count == len(outline_report.body)
    assert outlined.count() >= 20
    assert staff.locator("[data-contentpath=body] [data-field-input]").count() < 20
    headings = [blocks.nth(i).locator(HEADING).inner_text() for i in range(count)]
    assert "Les objectifs pour l’année 2021-2022" in headings

    # Opened, each block shows its form and the heading Wagtail itself gives it.
    for position in range(count):
        block = blocks.nth(position)
        block.locator(TOGGLE).click()
        expect(block.locator(TOGGLE)).to_have_attribute("aria-expanded", "true")
        expect(block.locator(HEADING)).to_have_text(headings[position])
    expect(outlined).to_have_count(0)
    assert staff.locator("[data-contentpath=body] [data-field-input]").count() > 200

    # Opening blocks to read them is not an edit: nothing autosaved, and the draft saved is the
    # same.
    wait_for_change_detection(staff)
    assert posts == []
    footer_action(staff, "Enregistrer le brouillon")
    leave_editor(staff)
    assert stored_body(outline_report, django_db_blocker) == before


def test_a_block_changed_after_opening_is_saved_and_the_others_are_kept(
    site_url, outline_report, new_browser_page, django_db_blocker
):
    before, position, staff = editor_of_first_section(
        outline_report, django_db_blocker, new_browser_page, site_url
    )
    block = staff.locator(BODY_BLOCKS).nth(position)

    block.locator(TOGGLE).click()
    heading = staff.locator(f"input[name='body-{position}-value-heading']")
    wait_for_change_detection(staff)
    with staff.expect_event("requestfinished", autosaved, timeout=20_000) as autosave:
        heading.fill("Un titre revu")
    assert autosave.value.response().status == 200

    # Saved: the opened block read from its fields, the others as they were.
    footer_action(staff, "Enregistrer le brouillon")
    leave_editor(staff)
    after = stored_body(outline_report, django_db_blocker)
    assert after[position]["value"]["heading"] == "Un titre revu"
    assert after[:position] + after[position + 1 :] == before[:position] + before[position + 1 :]


def test_a_rich_text_changed_after_opening_is_saved_and_the_others_are_kept(
    site_url, outline_report, new_browser_page, django_db_blocker
):
    before = stored_body(outline_report, django_db_blocker)
    position = next(i for i, child in enumerate(before) if child["type"] == "text")
    staff = new_browser_page()
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, outline_report)
    block = staff.locator(BODY_BLOCKS).nth(position)
    assert block.locator(".public-DraftEditor-content").count() == 0  # Not drawn yet.

    block.locator(TOGGLE).click()
    editor = block.locator(".public-DraftEditor-content")
    editor.click()
    staff.keyboard.press("Control+End")
    staff.keyboard.type(" Texte ajouté.")
    # Draftail writes its content to the field a moment after the typing (as without outline).
    content = staff.locator(f"input[name='body-{position}-value']")
    expect(content).to_have_value(re.compile("Texte ajouté"))
    footer_action(staff, "Enregistrer le brouillon")
    leave_editor(staff)

    after = stored_body(outline_report, django_db_blocker)
    assert after[position]["value"].endswith("Texte ajouté.</p>")
    assert after[position]["value"].startswith(before[position]["value"][:20])
    assert after[:position] + after[position + 1 :] == before[:position] + before[position + 1 :]


def test_a_block_with_an_error_opens_with_it_and_keeps_what_was_typed(
    site_url, outline_report, new_browser_page, django_db_blocker
):
    before, position, staff = editor_of_first_section(
        outline_report, django_db_blocker, new_browser_page, site_url
    )
    wrong = "Faits saillants!"

    staff.locator(BODY_BLOCKS).nth(position).locator(TOGGLE).click()
    staff.locator(f"input[name='body-{position}-value-anchor']").fill(wrong)
    footer_action(staff, "Enregistrer le brouillon")

    block = staff.locator(BODY_BLOCKS).nth(position)
    expect(block.locator(TOGGLE)).to_have_attribute("aria-expanded", "true")
    anchor = block.locator(f"input[name='body-{position}-value-anchor']")
    expect(anchor).to_have_value(wrong)
    expect(block).to_contain_text("Utilisez des lettres minuscules sans accents")
    leave_editor(staff)
    assert stored_body(outline_report, django_db_blocker) == before


def test_a_block_holding_a_comment_is_drawn_for_the_comment(
    site_url, outline_report, new_browser_page, django_db_blocker
):
    body = outline_report.body
    position = next(i for i, child in enumerate(body) if child.block_type == "key_figures")
    with live_database(django_db_blocker):
        Comment.objects.create(
            page=outline_report,
            user=get_user_model().objects.get(username="direction"),
            text="Chiffre à vérifier avec la comptabilité.",
            contentpath=f"body.{body[position].id}.heading",
            revision_created=outline_report.latest_revision,
        )
    staff = new_browser_page()
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, outline_report)

    block = staff.locator(BODY_BLOCKS).nth(position)
    expect(block.locator(f"input[name='body-{position}-value-heading']")).to_have_count(1)
    expect(block.locator("input[name$='-value-outline']")).to_have_count(0)
    staff.locator('[data-side-panel-toggle="comments"]').click()
    expect(staff.locator(".comment", has_text="Chiffre à vérifier")).to_be_visible()
    leave_editor(staff)
