"""Pasting a table's rows again keeps the rows that were there (issue 13, finding 5).

An editor pastes into the paste field of a financial table (or a chart) the rows the table
already has plus a new one. Pasted rows are matched to the existing rows by label, case and
spaces aside: the rows already there keep their ListBlock item id, and with it their English
translation (wagtail-localize keys a string's translation by its block path,
`body.<block id>.rows.<item id>.label`); only new labels become new rows, rows left out of the
paste are removed, and the order is the paste's.

URLs involved:
- `/admin/pages/<id>/edit/`: the report's edit form, posted by the editor with the paste (the
  browser posts back each block's and each row's id, which the form's GET gives it);
- `/admin/pages/<id>/revisions/compare/<a>...<b>/`: the Direction's comparison of the revision
  before the paste with the one after;
- `/en/annual-reports/report-2021/`: the English report, once wagtail-localize has synced it.
"""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from editorial.localization import publish_translation
from report.blocks.charts import ChartBlock
from report.models import ReportYearPage
from tests.admin_forms import block_form_data, report_form
from tests.editorial.release_helpers import keep_block_ids
from tests.factories import ReportYearPageFactory, UserFactory
from tests.html import page_html
from tests.report import EXPENSES, NBSP, REVENUES, messages, post
from tests.report.conftest import ENGLISH as REPORT_ENGLISH

roles_migration = importlib.import_module("report.migrations.0002_editorial_roles_and_workflow")

CAPTION = "Résultats de l’exercice"
SOURCE = "États financiers audités"
GRANTS = {
    "label": "Subventions",
    "kind": "revenue",
    "actual": "30000",
    "budget": "25000",
    "previous_actual": "20000",
    "next_budget": "35000",
    "note": None,
}
ENGLISH = {
    **REPORT_ENGLISH,
    CAPTION: "Results for the year",
    SOURCE: "Audited financial statements",
    "Produits": "Revenues",
    "Frais d’exploitation": "Operating expenses",
}


def line(row, label=None):
    """A row as a spreadsheet copies it: label, kind, then the four amounts."""
    amounts = [row[column] for column in ("actual", "budget", "previous_actual", "next_budget")]
    return "\t".join([label or row["label"], row["kind"], *amounts])


def paste_of(*lines):
    return "\n".join(lines) + "\n"


def table(rows, paste="", notes=()):
    return {
        "caption": CAPTION,
        "rows": list(rows),
        "stated_result": {},
        "paste": paste,
        "show_chart": False,
        "source": SOURCE,
        "notes": list(notes),
    }


@pytest.fixture
def editor(superuser_client):
    """The browser that edits the report (the paste reads the same for every role)."""
    return superuser_client


@pytest.fixture
def approver(db):
    """The browser of the direction's approver."""
    roles_migration.create_roles_and_workflow(apps, None)
    user = UserFactory(username="dominique")
    user.groups.add(Group.objects.get(name=roles_migration.DIRECTION))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def report(report_index, english, public_site):
    """A published report whose financial table has two rows, translated into English."""
    page = ReportYearPageFactory(
        parent=report_index, body=[("financial_table", table([REVENUES, EXPENSES]))]
    )
    page.save_revision().publish()
    publish_translation(page, english, ENGLISH)
    return ReportYearPage.objects.get(pk=page.pk)


def latest(page):
    return ReportYearPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def rows_of(page):
    """(id, label) of the rows of the report's latest revision."""
    value = latest(page).body[0].value["rows"]
    return [(child.id, child.value["label"]) for child in value.bound_blocks]


def edit_form(page, paste, rows=None, notes=None):
    """The report's edit form as the browser posts it: its fields and rows unchanged, each
    block and row with its id, and `paste` in the paste field."""
    page = latest(page)
    stored = page.body[0].value
    rows = [dict(row) for row in stored["rows"]] if rows is None else rows
    notes = list(stored["notes"]) if notes is None else notes
    body = [("financial_table", table(rows, paste, notes))]
    stream_block = ReportYearPage.body.field.stream_block
    body_data = block_form_data(stream_block, body)
    keep_block_ids(stream_block, page.body, body_data)
    fields = {
        "title": page.title,
        "slug": page.slug,
        "theme": page.theme,
        "introduction": page.introduction,
    }
    return {**report_form(body, **fields), **nested_form_data({"body": body_data})}


def save_paste(client, page, paste):
    response = client.post(f"/admin/pages/{page.id}/edit/", edit_form(page, paste))
    assert response.status_code == 302, page_html(response)[:3000]


def resync_english(page, english):
    """wagtail-localize's sync of the English report with the French one's latest revision."""
    source, _created = TranslationSource.update_or_create_from_instance(latest(page))
    source.create_or_update_translation(english, publish=True, fallback=True)
    return source


def untranslated(source, locale):
    """The source strings that have no translation into `locale` at their place."""
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    return sorted(
        segment.string.data
        for segment in segments
        if not StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=locale
        ).exists()
    )


def test_the_rows_pasted_again_keep_their_ids_and_the_new_row_gets_one(editor, report):
    before = rows_of(report)
    edit_page = page_html(editor.get(f"/admin/pages/{report.id}/edit/"))
    # The browser is given each row's id, and posts it back (edit_form does as it does).
    assert all(row_id in edit_page for row_id, _label in before)

    save_paste(editor, report, paste_of(line(REVENUES), line(EXPENSES), line(GRANTS)))

    after = rows_of(report)
    assert after[:2] == before
    assert after[2][1] == "Subventions"
    assert after[2][0] not in {row_id for row_id, _label in before}
    assert latest(report).body[0].value["paste"] == ""
    assert latest(report).body[0].value["rows"][2]["actual"] == Decimal(30000)


def test_the_rows_pasted_again_keep_their_english_translation(editor, report, english, client):
    save_paste(editor, report, paste_of(line(REVENUES), line(EXPENSES), line(GRANTS)))

    source = resync_english(report, english)

    assert untranslated(source, english) == ["Subventions"]
    english_report = Page.objects.get(translation_key=report.translation_key, locale=english)
    html = page_html(client.get(english_report.url))
    assert "Revenues" in html
    assert "Operating expenses" in html
    assert "Subventions" in html
    assert "Produits" not in html
    assert "Frais d’exploitation" not in html


def test_the_comparison_shows_one_added_row_and_none_removed(editor, approver, report):
    first = ReportYearPage.objects.get(pk=report.pk).get_latest_revision()
    save_paste(editor, report, paste_of(line(REVENUES), line(EXPENSES), line(GRANTS)))
    second = ReportYearPage.objects.get(pk=report.pk).get_latest_revision()

    response = approver.get(f"/admin/pages/{report.id}/revisions/compare/{first.id}...{second.id}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="comparison__child-object addition"') == 1
    assert 'class="comparison__child-object deletion"' not in html
    added = html.split('class="comparison__child-object addition"')[1].split("</div>")[0]
    assert "Subventions" in added


def test_labels_differing_only_by_case_and_spaces_match(editor, report):
    before = rows_of(report)

    save_paste(
        editor,
        report,
        paste_of(
            line(REVENUES, label="  PRODUITS "),
            line(EXPENSES, label=f"frais{NBSP}{NBSP}d’exploitation"),
        ),
    )

    after = rows_of(report)
    assert [row_id for row_id, _label in after] == [row_id for row_id, _label in before]
    # The label is the pasted one: the editor may have corrected its case.
    assert [label for _row_id, label in after] == ["PRODUITS", f"frais{NBSP}{NBSP}d’exploitation"]


def test_a_row_left_out_of_the_paste_is_removed_and_the_order_is_the_pastes(editor, report):
    (revenues_id, _), (expenses_id, _) = rows_of(report)

    save_paste(editor, report, paste_of(line(GRANTS), line(EXPENSES)))

    after = rows_of(report)
    assert [label for _row_id, label in after] == ["Subventions", "Frais d’exploitation"]
    assert after[1][0] == expenses_id
    assert revenues_id not in {row_id for row_id, _label in after}


def test_a_paste_in_another_order_keeps_each_rows_id(editor, report):
    before = {label: row_id for row_id, label in rows_of(report)}

    save_paste(editor, report, paste_of(line(EXPENSES), line(GRANTS), line(REVENUES)))

    after = rows_of(report)
    assert [label for _row_id, label in after] == [
        "Frais d’exploitation",
        "Subventions",
        "Produits",
    ]
    assert after[0][0] == before["Frais d’exploitation"]
    assert after[2][0] == before["Produits"]


def test_a_label_pasted_twice_matches_the_existing_rows_in_order(editor, report):
    rows = [REVENUES, {**REVENUES, "actual": "1"}, EXPENSES]
    form = edit_form(report, "", rows=rows)
    assert editor.post(f"/admin/pages/{report.id}/edit/", form).status_code == 302
    first_id, second_id, expenses_id = (row_id for row_id, _label in rows_of(report))

    save_paste(editor, report, paste_of(line(REVENUES), line(REVENUES), line(REVENUES)))

    after = rows_of(report)
    assert [label for _row_id, label in after] == ["Produits"] * 3
    assert after[0][0] == first_id
    assert after[1][0] == second_id
    assert after[2][0] not in {first_id, second_id, expenses_id}


def test_a_matched_row_keeps_its_note(editor, report):
    rows = [{**REVENUES, "note": 1}, EXPENSES]
    form = edit_form(report, "", rows=rows, notes=["Comprend des aides liées à la COVID-19."])
    assert editor.post(f"/admin/pages/{report.id}/edit/", form).status_code == 302

    save_paste(editor, report, paste_of(line(REVENUES), line(EXPENSES), line(GRANTS)))

    assert [row["note"] for row in latest(report).body[0].value["rows"]] == [1, None, None]


def test_a_bad_paste_gives_the_form_error_and_keeps_the_rows(editor, report):
    before = rows_of(report)
    revisions = report.revisions.count()

    response = editor.post(
        f"/admin/pages/{report.id}/edit/",
        edit_form(report, paste_of(line(REVENUES), "Subventions\trevenue\t12 abc\t1\t2")),
    )

    assert response.status_code == 200
    body_error = response.context["form"].errors["body"].as_data()[0].as_json_data()
    assert body_error == {
        "blockErrors": {
            0: {
                "blockErrors": {
                    "paste": {
                        "messages": [
                            "Ligne 2 (« Subventions revenue 12 abc 1 2 ») : « 12 abc » n’est "
                            "pas un nombre"
                        ]
                    }
                }
            }
        }
    }
    assert report.revisions.count() == revisions
    assert rows_of(report) == before


def chart_form(rows, paste):
    """A chart's admin form: its rows with their ids, and the paste."""
    return {
        "title": "Abonnés",
        "description": "LinkedIn compte plus d’abonnés que Facebook.",
        "chart_type": "horizontal_bar",
        "unit": "number",
        "rows": {
            "count": len(rows),
            **{
                str(index): {"deleted": "", "order": index, "value": value, "id": row_id}
                for index, (row_id, value) in enumerate(rows)
            },
        },
        "paste": paste,
        "source": "",
        "notes": {"count": 0},
    }


def test_a_chart_pasted_again_keeps_its_rows_ids():
    rows = [
        ("id-linkedin", {"label": "LinkedIn", "value": "1230"}),
        ("id-facebook", {"label": "Facebook", "value": "582"}),
    ]

    value = post(ChartBlock(), chart_form(rows, "linkedin\t1 300\nInstagram\t90\nFacebook\t600\n"))

    bound = value["rows"].bound_blocks
    assert [child.value["label"] for child in bound] == ["linkedin", "Instagram", "Facebook"]
    assert bound[0].id == "id-linkedin"
    assert bound[2].id == "id-facebook"
    assert bound[1].id not in {"id-linkedin", "id-facebook"}
    assert [child.value["value"] for child in bound] == [Decimal(1300), Decimal(90), Decimal(600)]


def test_a_bad_chart_paste_is_still_named_on_the_paste_field():
    rows = [("id-linkedin", {"label": "LinkedIn", "value": "1230"})]

    error = post(ChartBlock(), chart_form(rows, "LinkedIn\t12\nFacebook\tdouze\n"))

    assert list(error.block_errors) == ["paste"]
    assert "“douze” is not a number" in messages(error.block_errors["paste"])
