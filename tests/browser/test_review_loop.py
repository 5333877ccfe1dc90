"""The Direction's review in Chromium (issue 14): communications changes a key figure and submits
the report; the Direction compares it with the published version from the dashboard, reads
"68 577 → 70 125", requests changes with a comment and reads the confirmation; communications
opens the editor and reads the banner naming the Direction, the time and the comment. Wagtail's
checker ("Vérifications" side panel) lists the report's own content checks, and nothing else
on the demonstration report.

With SCREENSHOT_DIR set (`make screenshots`), the comparison and the banner are saved there.

URLs, in order:
- /admin/login/ (communications), /admin/pages/<report id>/edit/ ("Soumettre à …")
- /admin/login/ (direction), /admin/ (the dashboard's "En attente de votre vérification":
  ⋯ › "Comparer avec la version publiée" → /admin/pages/<id>/revisions/compare/live...<rev>/;
  ⋯ › "Demander des modifications" → the workflow action's dialog)
- /admin/login/ (communications), /admin/pages/<report id>/edit/ (the banner)
- /admin/pages/<report id>/edit/ (communications): a key figure emptied, the "Vérifications"
  side panel, which runs axe-core on /admin/pages/<report id>/edit/preview/
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import (
    change_figure,
    copy_of_demo_report,
    footer_action,
    open_editor,
    sign_in,
    sign_out,
)

pytestmark = pytest.mark.browser

TITLE = "Rapport annuel 2021-2022 : relecture"
SLUG = "relecture"
COMMENT = "Vérifiez les heures de services avec la comptabilité avant publication."
# A French number's thousands separator is a (narrow) no-break space.
CHANGED_FIGURE = re.compile("68[\u00a0\u202f ]577 → 70[\u00a0\u202f ]125")


@pytest.fixture
def review_report(site_url, django_db_blocker):
    with copy_of_demo_report(
        django_db_blocker,
        (TITLE, "Annual report 2021-2022: review"),
        (SLUG, "review"),
    ) as report:
        yield report


def screenshot(page, locator, name):
    """The window with `locator` in its middle, saved as `name` when SCREENSHOT_DIR is set."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if directory:
        locator.evaluate("(element) => element.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(Path(directory) / name), animations="disabled")


def leave_editor(page):
    """Let the editor's last requests (preview, autosave) end before the report is deleted."""
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")


def moderation_row(page, title):
    """The dashboard's row of `title` in "En attente de votre vérification", its ⋯ menu open."""
    row = page.locator("tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    return row


def test_the_direction_compares_requests_changes_and_the_editor_reads_them(
    site_url, review_report, new_browser_page
):
    report = review_report
    staff = new_browser_page()

    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, report)
    change_figure(staff, "68577", "70125")
    footer_action(staff, "Soumettre à Approbation du rapport annuel")
    sign_out(staff)

    # The Direction compares with the published version: the figure reads as on the page.
    sign_in(staff, site_url, "direction")
    staff.goto(f"{site_url}/admin/")
    row = moderation_row(staff, TITLE)
    with staff.expect_navigation():
        row.get_by_role("link", name="Comparer avec la version publiée").click()
    # The innermost part that reads the change: the key figure itself.
    changed = staff.locator(".comparison__child-object", has_text=CHANGED_FIGURE).last
    expect(changed).to_be_visible()
    text = staff.locator("main").inner_text()
    for raw in ("6857770125", "None", "True", "hours", "more_than", "revenue", "expense"):
        assert not re.search(rf"\b{raw}\b", text), raw
    screenshot(staff, changed, "comparison.png")

    # … and requests changes with a comment; the dialog confirms what happens next.
    staff.goto(f"{site_url}/admin/")
    row = moderation_row(staff, TITLE)
    row.get_by_role("button", name="Demander des modifications").click()
    dialog = staff.locator(".modal")
    dialog.locator("textarea[name=comment]").fill(COMMENT)
    with staff.expect_navigation():
        dialog.locator("[type=submit]").click()
    expect(staff.locator(".messages")).to_contain_text(
        f"Modifications demandées pour « {TITLE} » : Camille Communications verra votre commentaire"
    )
    sign_out(staff)

    # Communications reads who asked, when and what, atop the editor.
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, report)
    banner = staff.locator(".requested-changes")
    expect(banner).to_contain_text("Dominique Direction a demandé des modifications le")
    expect(banner).to_contain_text(re.compile(r"\d{4} à \d{1,2}\s+h\s+\d{2}"))
    expect(banner).to_contain_text(COMMENT)
    screenshot(staff, banner, "requested-changes.png")


def test_wagtails_checker_lists_the_reports_content_checks_and_nothing_else(
    site_url, review_report, new_browser_page
):
    staff = new_browser_page()
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, review_report)
    checks_toggle = staff.locator('[data-side-panel-toggle="checks"]')

    change_figure(staff, "68577", "")
    checks_toggle.click()

    issues = staff.locator(".w-content-checker__name")
    expect(issues).to_have_text(["Chiffre clé sans valeur"])
    expect(staff.locator(".w-content-checker__help")).to_have_text(
        ["Saisissez la valeur de l’année : un chiffre clé sans valeur n’est pas affiché."]
    )
    expect(checks_toggle).to_contain_text("1")
    # The report's panel lists the same, in a sentence.
    panel = staff.locator(".report-content-checks")
    expect(panel.locator("li")).to_have_count(0)  # as saved: the change is not saved yet
    screenshot(staff, staff.locator(".w-content-checker__row").first, "checks.png")
    leave_editor(staff)
