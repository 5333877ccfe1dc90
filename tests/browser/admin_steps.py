"""Steps of the editorial browser tests: signing in as a demo editor, editing a report, the
footer's actions, and a published copy of the demonstration report to change freely."""

import contextlib
import os
import re

from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Locale

from demo import report_content
from demo.management.commands.load_demo_site import DEMO_EDITORS
from editorial.localization import publish_translation
from report.models import ReportYearPage
from tests.browser.live_database import live_database


def password(username):
    for name, _group, variable, default, _names in DEMO_EDITORS:
        if name == username:
            return os.environ.get(variable, default)
    raise KeyError(username)


def live_revisions(page):
    """{language: (live revision, latest revision)} of `page` and its translations."""
    return {
        translation.locale.language_code: (
            translation.live_revision_id,
            translation.latest_revision_id,
        )
        for translation in ReportYearPage.objects.filter(translation_key=page.translation_key)
    }


@contextlib.contextmanager
def copy_of_demo_report(django_db_blocker, titles, slugs):
    """A published copy of the demonstration report, translated into English in full, deleted
    afterwards; `titles` and `slugs` are (French, English). Checks that the demonstration report
    itself was left as it was (the other browser tests read it as loaded)."""
    with live_database(django_db_blocker):
        demo = ReportYearPage.objects.get(locale__language_code="fr", slug="2021-2022")
        demo_revisions = live_revisions(demo)
        report = demo.copy(
            to=demo.get_parent(),
            update_attrs={"slug": slugs[0], "title": titles[0], "draft_title": titles[0]},
            copy_revisions=False,
            keep_live=False,
        ).specific
        assert report.translation_key != demo.translation_key
        report.save_revision().publish()
        english = Locale.objects.get(language_code="en")
        translations = {
            **report_content.ENGLISH,
            titles[0]: titles[1],
            slugs[0]: slugs[1],
        }
        _translated, missing = publish_translation(report, english, translations)
        assert missing == []
        cache.clear()
    yield report
    with live_database(django_db_blocker):
        for page in ReportYearPage.objects.filter(translation_key=report.translation_key):
            page.delete()
        cache.clear()
        assert live_revisions(demo) == demo_revisions, "the demonstration report was changed"


def sign_in(page, site_url, username):
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password(username))
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    assert "/admin/login/" not in page.url, f"{username} could not sign in"


def sign_out(page):
    """ "Se déconnecter" from the account menu at the foot of the admin's sidebar."""
    page.locator(".sidebar-footer__account").click()
    logout = page.locator('form[action="/admin/logout/"] button')
    with page.expect_navigation():
        logout.click()
    assert "/admin/login/" in page.url, page.url


def open_editor(page, site_url, report):
    page.goto(f"{site_url}/admin/pages/{report.id}/edit/")
    page.locator("form[data-edit-form] footer").wait_for()


def open_blocks_holding(page, text):
    """Open the report body's blocks whose stored value holds `text`: their forms are drawn when
    they are opened (cms/outline.py), so their fields are not in the page before."""
    opened = page.evaluate(
        """(text) => [...document.querySelectorAll('input[name$="-value-outline"]')]
            .filter((input) => input.value.includes(text))
            .map((input) => input.closest('section[data-panel]'))
            .map((panel) => panel.querySelector('[data-panel-toggle]').click())
            .length""",
        text,
    )
    page.evaluate("() => new Promise(requestAnimationFrame)")
    return opened


def open_block_of(page, field):
    """Open the block of the report's body that holds `field` (a locator): the body's blocks
    open collapsed (report/blocks/__init__.py)."""
    block = page.locator("[data-contentpath=body] section[id^='block-']").filter(has=field).first
    toggle = block.locator("[data-panel-toggle]").first
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(field).to_be_visible()


def change_figure(page, old, new):
    """Type `new` in the key figure's value field that holds `old`."""
    open_blocks_holding(page, old)
    name = page.evaluate(
        """(old) => [...document.querySelectorAll('input[name^="body-"][name$="-value-value"]')]
            .find((input) => /-value-figures-\\d+-value-value$/.test(input.name)
                             && input.value === old).name""",
        old,
    )
    field = page.locator(f'input[name="{name}"]')
    open_block_of(page, field)
    field.fill(new)
    expect(field).to_have_value(new)


def replace_text(page, old, new):
    """Replace the text of the rich text block that reads `old` (Draftail) with `new`."""
    open_blocks_holding(page, old)
    field_id = (
        page.locator("[data-streamfield-widget]")
        .filter(has=page.locator(".public-DraftEditor-content", has_text=old))
        .locator("input[type=hidden]")
        .get_attribute("id")
    )
    widget = page.locator("[data-streamfield-widget]").filter(has=page.locator(f"#{field_id}"))
    editor = widget.locator(".public-DraftEditor-content")
    open_block_of(page, editor)
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(new)
    expect(editor).to_have_text(new)
    # Draftail writes the text into the block's hidden input, which the form posts, after a
    # pause in the typing: on a loaded machine (CI running beside benchmarks) that took over 5 s.
    expect(widget.locator("input[type=hidden]")).to_have_value(
        re.compile(re.escape(new)), timeout=20_000
    )


def footer_action(page, name):
    """Click `name` in the footer's action menu, opening the menu first."""
    footer = page.locator("form[data-edit-form] footer")
    action = footer.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        footer.locator("[data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        action.click()
