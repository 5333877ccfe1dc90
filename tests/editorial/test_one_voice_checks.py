"""One voice for content checks: what the report's panel lists, Wagtail's checker lists too.

Wagtail's checker runs axe-core on the editor's preview with the configuration it writes into
the page (`checker-axe-configuration`), from the userbar items the `construct_wagtail_userbar`
hooks give. The URLs that reach it:
- GET /admin/pages/<id>/edit/ (the "Checks" side panel's configuration);
- POST then GET /admin/pages/<id>/edit/preview/ (the preview it runs on, with the markers);
- GET the published page as an editor (the userbar's checker: no markers, nothing to flag);
- GET /admin/pages/add/report/reportyearpage/<index id>/ and its preview.
tests/browser/test_accessibility.py runs the same configuration in Chromium.
"""

import json
import re

import pytest

from report import checks
from report.content_checker import rule_id
from tests.editorial.helpers import create_draft, report_form
from tests.html import page_html

pytestmark = pytest.mark.django_db

# A report with two things to look at: an empty section, a key figure without its value.
BODY_WITH_WARNINGS = [
    ("section", {"heading": "Faits saillants", "anchor": "faits-saillants"}),
    (
        "key_figures",
        {
            "heading": "Services aux membres",
            "figures": [
                {"value": "", "unit": "hours", "qualifier": "more_than", "label": "Heures"}
            ],
            "notes": [],
        },
    ),
    ("section", {"heading": "Vie associative", "anchor": "vie-associative"}),
]


def checker_configuration(html):
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(match.group(1))


def preview_html(editor, page, body):
    url = f"/admin/pages/{page.id}/edit/preview/"
    state = editor.post(url, report_form(slug=page.slug, body=body))
    assert state.json() == {"is_valid": True, "is_available": True}
    return page_html(editor.get(url))


def save_draft(editor, page, body):
    response = editor.post(f"/admin/pages/{page.id}/edit/", report_form(slug=page.slug, body=body))
    assert response.status_code == 302


def markers(html):
    return re.findall(r'data-content-check="([\w-]+)"', html)


def test_wagtail_checker_runs_a_rule_per_kind_of_report_check_named_in_french(editor, report_index):
    draft = create_draft(editor, report_index)

    configuration = checker_configuration(page_html(editor.get(f"/admin/pages/{draft.id}/edit/")))

    rules = {rule["id"]: rule for rule in configuration["spec"]["rules"]}
    for check in checks.CHECKS:
        assert rule_id(check) in configuration["options"]["runOnly"]
        assert rules[rule_id(check)]["selector"] == f'[data-content-check="{check}"]'
    assert configuration["messages"][rule_id("figure-without-value")] == {
        "error_name": "Chiffre clé sans valeur",
        "help_text": (
            "Saisissez la valeur de l’année : un chiffre clé sans valeur n’est pas affiché."
        ),
    }
    # Wagtail's own rules are still there.
    assert "p-as-heading" in configuration["options"]["runOnly"]


def test_the_preview_marks_each_warning_of_the_panel_for_wagtails_checker(editor, report_index):
    draft = create_draft(editor, report_index)

    html = preview_html(editor, draft, BODY_WITH_WARNINGS)

    assert 'hidden class="content-check-markers"' in html
    assert markers(html) == ["figure-without-value", "empty-section"]
    # What the panel lists, for the same content.
    save_draft(editor, draft, BODY_WITH_WARNINGS)
    panel = page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))
    listed = re.search(r'<section class="report-content-checks".*?</section>', panel, re.S).group(0)
    assert listed.count("<li>") == len(markers(html))
    assert "Chiffre clé sans valeur" not in listed  # the panel says it in a sentence


def test_a_report_with_nothing_to_point_out_has_no_marker(editor, report_index, client):
    draft = create_draft(editor, report_index)

    html = preview_html(editor, draft, None)

    assert markers(html) == []
    assert "content-check-markers" not in html


def test_visitors_never_get_the_markers(editor, approver, report_index, client):
    from tests.editorial.helpers import approve, submit

    draft = create_draft(editor, report_index, body=None)
    approve(approver, draft, submit(editor, draft))

    assert "data-content-check" not in page_html(client.get(draft.url))
