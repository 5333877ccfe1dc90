"""The financial table: computed headings, variances and results, checked and pasted rows."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from report.blocks.financial import (
    FinancialRowBlock,
    FinancialTableBlock,
    FiscalYear,
    column_headings,
    computed_result,
    result_variance,
    variance,
)
from tests.report import (
    EXPENSES,
    NBSP,
    REVENUES,
    clean_errors,
    list_form,
    messages,
    post,
    render,
    stored_list,
    translatable_strings,
)

NO_STATED_RESULT = {"actual": None, "budget": None, "previous_actual": None, "next_budget": None}


def table(*rows, stated=None, paste="", show_chart=False, notes=(), source=""):
    return FinancialTableBlock().to_python(
        {
            "caption": "Résultats de l’exercice",
            "rows": list(rows or (REVENUES, EXPENSES)),
            "stated_result": {**NO_STATED_RESULT, **(stated or {})},
            "paste": paste,
            "show_chart": show_chart,
            "source": source,
            "notes": list(notes),
        }
    )


def cells(html, label):
    """The cells of the row headed `label`, as text."""
    row = re.search(rf"<th scope=\"row\"> {re.escape(label)} .*?</tr>", html).group(0)
    return re.findall(r'<td class="report-table__number"[^>]*> (.*?) </td>', row)


# An empty cell: a dash for the eye, words for screen readers in the visitor's language.
NOT_AVAILABLE = {
    language: f'<span aria-hidden="true">—</span><span class="visually-hidden">{words}</span>'
    for language, words in [("en", "not available"), ("fr", "non disponible")]
}


def test_french_visitors_read_amounts_variances_and_the_computed_result():
    html = render(FinancialTableBlock(), table(), "fr")

    assert cells(html, "Produits") == [
        f"4{NBSP}618{NBSP}760{NBSP}$",
        f"4{NBSP}598{NBSP}552{NBSP}$",
        f"4{NBSP}571{NBSP}674{NBSP}$",
        f"+1,0{NBSP}%",
        f"5{NBSP}786{NBSP}386{NBSP}$",
    ]
    assert cells(html, "Frais d’exploitation")[3] == f"+15,5{NBSP}%"
    assert cells(html, "Excédent (déficit) de l’exercice") == [
        f"(29{NBSP}779){NBSP}$",
        f"48{NBSP}201{NBSP}$",
        f"547{NBSP}975{NBSP}$",
        NOT_AVAILABLE["fr"],
        f"58{NBSP}128{NBSP}$",
    ]


def test_english_visitors_read_amounts_the_english_way():
    html = render(FinancialTableBlock(), table(), "en")

    assert cells(html, "Produits")[:4] == ["$4,618,760", "$4,598,552", "$4,571,674", "+1.0%"]
    assert cells(html, "Surplus (deficit) for the year")[0] == "($29,779)"


def test_column_headings_come_from_the_pages_fiscal_year():
    html = render(FinancialTableBlock(), table(), "en")

    headings = re.findall(r'<th scope="col" class="report-table__number">(.*?)</th>', html)
    assert headings == [
        "2021-2022 actual",
        "2021-2022 budget",
        "2020-2021 actual",
        "Variance",
        "2022-2023 budget",
    ]


def test_next_years_report_gets_next_years_headings():
    page = SimpleNamespace(
        fiscal_year_start=datetime.date(2022, 4, 1), fiscal_year_end=datetime.date(2023, 3, 31)
    )

    html = render(FinancialTableBlock(), table(), "en", page=page)

    assert ">2022-2023 actual</th>" in html
    assert ">2021-2022 actual</th>" in html
    assert ">2023-2024 budget</th>" in html


def test_without_a_page_the_preview_year_is_used():
    html = render(FinancialTableBlock(), table(), "en", page=None)

    assert ">2021-2022 actual</th>" in html


def test_a_page_without_a_fiscal_year_gets_plain_headings():
    html = render(FinancialTableBlock(), table(), "en", page=SimpleNamespace(title="Page"))

    assert ">Actual</th>" in html
    assert ">Last year&#x27;s actual</th>" in html
    assert ">Next year&#x27;s budget</th>" in html


def test_a_calendar_fiscal_year_is_named_by_its_year():
    assert str(FiscalYear(2021, 2021)) == "2021"
    assert str(FiscalYear(2021, 2022).shifted(-1)) == "2020-2021"
    with translation.override("fr"):
        headings = column_headings(FiscalYear(2021, 2021))
    assert headings["previous_actual"] == "2020 réel"


def test_the_next_budget_column_is_left_out_when_no_row_has_one():
    rows = [{**row, "next_budget": None} for row in (REVENUES, EXPENSES)]

    html = render(FinancialTableBlock(), table(*rows), "en")

    assert "2022-2023 budget" not in html
    assert len(cells(html, "Produits")) == 4


def test_the_table_is_an_accessible_table_that_scrolls_on_a_phone():
    html = render(FinancialTableBlock(), table(), "fr", id="abc")

    assert (
        '<div class="table-scroll" tabindex="0" role="region" '
        'aria-labelledby="financial-table-abc-caption">'
    ) in html
    assert '<caption id="financial-table-abc-caption">Résultats de l’exercice</caption>' in html
    assert '<th scope="col"> <span class="visually-hidden">Élément</span> </th>' in html
    assert html.count('<th scope="row">') == 3
    assert '<tfoot> <tr class="report-table__total">' in html


def test_several_rows_of_a_kind_get_their_total():
    fees = {**REVENUES, "label": "Honoraires", "actual": "4000000", "previous_actual": "4000000"}
    grants = {**REVENUES, "label": "Subventions", "actual": "618760", "previous_actual": "571674"}

    html = render(FinancialTableBlock(), table(fees, grants, EXPENSES), "en")

    assert cells(html, "Total revenues")[0] == "$4,618,760"
    assert cells(html, "Total revenues")[3] == "+1.0%"
    assert "Total expenses" not in html
    assert html.index("Subventions") < html.index("Total revenues") < html.index("Frais")


def test_revenues_come_before_expenses_whatever_the_order_entered():
    html = render(FinancialTableBlock(), table(EXPENSES, REVENUES), "en")

    assert html.index("Produits") < html.index("Frais d’exploitation")


@pytest.mark.parametrize(
    ("actual", "previous", "expected"),
    [
        (Decimal(4618760), Decimal(4571674), Decimal(47086) / Decimal(4571674) * 100),
        (Decimal(90), Decimal(100), Decimal(-10)),
        (Decimal(5), Decimal(0), None),
        (None, Decimal(5), None),
    ],
)
def test_variance_is_the_change_over_last_years_actual(actual, previous, expected):
    assert variance(actual, previous) == expected


@pytest.mark.parametrize(
    ("actual", "previous", "expected"),
    [
        (Decimal(110), Decimal(100), Decimal(10)),
        (Decimal(-110), Decimal(-100), Decimal(-10)),
        (Decimal(-29779), Decimal(547975), None),
        (Decimal(10), Decimal(0), None),
    ],
)
def test_a_results_variance_is_shown_only_between_two_surpluses_or_two_deficits(
    actual, previous, expected
):
    assert result_variance(actual, previous) == expected


def test_the_result_is_revenues_minus_expenses():
    rows = table()["rows"]

    assert computed_result(rows, "actual") == Decimal(-29779)
    assert computed_result(rows, "previous_actual") == Decimal(547975)


def test_footnote_references_link_to_the_numbered_notes():
    value = table(
        {**REVENUES, "note": 1},
        EXPENSES,
        notes=["Comprend des aides liées à la COVID-19."],
        source="États financiers audités",
    )

    html = render(FinancialTableBlock(), value, "fr", id="t1")

    assert (
        '<th scope="row"> Produits <sup class="note-reference">'
        '<a href="#financial-table-t1-note-1"><span class="visually-hidden">Note </span>1</a>'
        "</sup> </th>"
    ) in html
    assert '<li id="financial-table-t1-note-1">Comprend des aides liées à la COVID-19.</li>' in html
    assert "Source : États financiers audités" in html


def test_a_stated_result_that_matches_the_rows_is_accepted():
    value = table(stated={"actual": "-29779", "budget": "48201", "next_budget": "58128"})

    assert FinancialTableBlock().clean(value)["stated_result"]["actual"] == Decimal(-29779)


def test_the_printed_2020_2021_surplus_does_not_match_the_rows_and_both_are_named():
    value = table(stated={"previous_actual": "548175"})

    error = clean_errors(FinancialTableBlock(), value, language="fr")

    stated_errors = error.block_errors["stated_result"].block_errors
    assert list(stated_errors) == ["previous_actual"]
    message = messages(stated_errors["previous_actual"], "fr")
    assert f"547{NBSP}975{NBSP}$" in message
    assert f"548{NBSP}175{NBSP}$" in message


def test_the_stated_result_message_in_english():
    error = clean_errors(FinancialTableBlock(), table(stated={"actual": "-29780"}))

    assert messages(error.block_errors["stated_result"].block_errors["actual"]) == (
        "The rows give a surplus (deficit) of ($29,779), but ($29,780) is entered here: "
        "correct the rows or this amount."
    )


def test_a_stated_result_for_a_column_the_rows_do_not_fill_is_refused():
    rows = [{**row, "next_budget": None} for row in (REVENUES, EXPENSES)]

    error = clean_errors(FinancialTableBlock(), table(*rows, stated={"next_budget": "58128"}))

    assert "cannot be checked" in messages(
        error.block_errors["stated_result"].block_errors["next_budget"]
    )


def test_next_years_budget_on_some_rows_only_is_refused_on_the_rows_missing_it():
    value = table(REVENUES, {**EXPENSES, "next_budget": None})

    error = clean_errors(FinancialTableBlock(), value)

    row_errors = error.block_errors["rows"].block_errors
    assert list(row_errors) == [1]
    assert "on every row, or on none" in messages(row_errors[1].block_errors["next_budget"])


def test_a_note_number_without_its_note_is_refused_on_the_row():
    error = clean_errors(FinancialTableBlock(), table({**REVENUES, "note": 1}, EXPENSES))

    note_error = error.block_errors["rows"].block_errors[0].block_errors["note"]
    assert "There is no note 1" in messages(note_error)


def test_every_problem_is_reported_at_once():
    value = table({**REVENUES, "note": 3}, EXPENSES, stated={"actual": "0", "budget": "1"})

    error = clean_errors(FinancialTableBlock(), value)

    assert sorted(error.block_errors) == ["rows", "stated_result"]
    assert sorted(error.block_errors["stated_result"].block_errors) == ["actual", "budget"]


STATEMENT = (
    "Description\t2021-2022 réel\t2021-2022 budgété\t2020-2021 réel\tVAR\t2022-2023 budgété\n"
    f"Produits\t4{NBSP}618{NBSP}760{NBSP}$\t4 598 552 $\t4 571 674 $\t1 %\t5 786 386 $\n"
    "Frais d’exploitation\t4 648 539 $\t4 550 351 $\t4 023 699 $\t15 %\t5 728 258 $\n"
)


def test_pasted_lines_replace_the_rows_and_the_paste_is_emptied():
    value = table({**REVENUES, "label": "Ancienne ligne"}, paste=STATEMENT)

    cleaned = FinancialTableBlock().clean(value)

    assert cleaned["paste"] == ""
    assert [row["label"] for row in cleaned["rows"]] == ["Produits", "Frais d’exploitation"]
    assert [row["kind"] for row in cleaned["rows"]] == ["revenue", "expense"]
    assert cleaned["rows"][0]["actual"] == Decimal(4618760)
    assert cleaned["rows"][1]["next_budget"] == Decimal(5728258)
    assert cleaned["rows"][0]["note"] is None


def test_pasted_rows_show_the_computed_result():
    cleaned = FinancialTableBlock().clean(table(paste=STATEMENT))

    html = render(FinancialTableBlock(), cleaned, "fr")

    assert cells(html, "Excédent (déficit) de l’exercice")[0] == f"(29{NBSP}779){NBSP}$"


def test_pasted_rows_are_checked_against_the_stated_result():
    error = clean_errors(
        FinancialTableBlock(), table(paste=STATEMENT, stated={"previous_actual": "548175"})
    )

    assert list(error.block_errors) == ["stated_result"]


def test_an_unreadable_pasted_line_is_named_on_the_paste_field():
    paste = STATEMENT + "Subventions\trevenue\t12 abc\t1\t2\n"

    error = clean_errors(FinancialTableBlock(), table(paste=paste))

    assert list(error.block_errors) == ["paste"]
    assert messages(error.block_errors["paste"]).startswith("Line 4 (“Subventions revenue 12 abc")
    assert "“12 abc” is not a number" in messages(error.block_errors["paste"])


def test_a_pasted_amount_too_large_for_a_row_is_named_on_the_paste_field():
    paste = "Produits\t4 618 760 000 000 $\t1\t2"

    error = clean_errors(FinancialTableBlock(), table(paste=paste))

    assert messages(error.block_errors["paste"]) == (
        "The pasted row “Produits” cannot be saved: Actual, this fiscal year: This amount is "
        "too large: check the number of digits."
    )


def test_a_paste_of_headings_only_finds_no_rows():
    error = clean_errors(FinancialTableBlock(), table(paste="Description\tRéel\tBudget"))

    assert messages(error.block_errors["paste"]) == "No rows were found in the pasted text."


def test_an_empty_paste_keeps_the_rows():
    value = table(paste="  \n")

    assert FinancialTableBlock().clean(value)["rows"][0]["label"] == "Produits"


def row_form(row):
    return {key: "" if value is None else str(value) for key, value in row.items()}


def table_form(*rows, paste="", stated=None):
    return {
        "caption": "Résultats",
        "rows": list_form([row_form(row) for row in rows]),
        "stated_result": {**dict.fromkeys(NO_STATED_RESULT, ""), **(stated or {})},
        "paste": paste,
        "show_chart": "",
        "source": "",
        "notes": list_form([]),
    }


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("beaucoup", "Enter an amount in dollars, for example 4618760, or -29779 for a deficit."),
        ("NaN", "Enter an amount in dollars, for example 4618760, or -29779 for a deficit."),
        ("Infinity", "Enter an amount in dollars, for example 4618760, or -29779 for a deficit."),
        ("1e20", "Enter an amount in dollars, for example 4618760, or -29779 for a deficit."),
        ("99999999999999999", "This amount is too large: check the number of digits."),
        ("1000000000001", "This amount is too large: check the number of digits."),
        ("-1000000000001", "This amount is too large: check the number of digits."),
        ("4618760.50", "Amounts are in whole dollars: leave out the cents."),
        ("", "This field is required."),
    ],
)
def test_an_editor_posting_a_wrong_amount_is_told_what_to_fix(typed, message):
    error = post(FinancialTableBlock(), table_form({**REVENUES, "actual": typed}, EXPENSES))

    row_error = error.block_errors["rows"].block_errors[0]
    assert list(row_error.block_errors) == ["actual"]
    assert messages(row_error.block_errors["actual"]) == message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("4 618 760 $", 4618760),
        (f"4{NBSP}618{NBSP}760{NBSP}$", 4618760),
        ("$4,618,760", 4618760),
        ("(29 779) $", -29779),
        ("-29779", -29779),
        ("4618760.00", 4618760),
    ],
)
def test_an_editor_may_type_amounts_as_printed(typed, expected):
    value = post(FinancialTableBlock(), table_form({**REVENUES, "actual": typed}, EXPENSES))

    assert value["rows"][0]["actual"] == Decimal(expected)


def test_an_editor_pasting_the_statement_gets_the_rows():
    value = post(FinancialTableBlock(), table_form(REVENUES, paste=STATEMENT))

    assert len(value["rows"]) == 2
    assert value["paste"] == ""


def test_an_editor_pasting_over_an_empty_new_row_is_not_told_the_row_is_empty():
    empty_row = dict.fromkeys(REVENUES, "")

    value = post(FinancialTableBlock(), table_form(empty_row, paste=STATEMENT))

    assert [row["label"] for row in value["rows"]] == ["Produits", "Frais d’exploitation"]


def test_a_draft_may_leave_amounts_empty():
    block = FinancialTableBlock()
    value = table({**REVENUES, "budget": None}, EXPENSES)

    cleaned = block.clean_deferred(value)

    assert cleaned["rows"][0]["budget"] is None
    html = render(block, cleaned, "en")
    assert cells(html, "Produits")[1] == NOT_AVAILABLE["en"]
    assert cells(html, "Surplus (deficit) for the year")[1] == NOT_AVAILABLE["en"]


def test_the_chart_compares_revenues_and_expenses_oldest_first():
    html = render(FinancialTableBlock(), table(show_chart=True), "fr", id="t1")

    chart = html[html.index("<svg") :]
    assert 'role="img"' in chart
    assert (
        'aria-labelledby="financial-table-t1-chart-title financial-table-t1-chart-description"'
        in chart
    )
    title = "Résultats de l’exercice : produits et charges"
    assert f'<title id="financial-table-t1-chart-title">{title}</title>' in chart
    assert f'<p class="report-chart__title">{title}</p>' in html, "a visible title too"
    description = re.search(r"<desc [^>]*>(.*?)</desc>", chart).group(1)
    assert description.startswith("Total des produits et des charges. 2020-2021 réel : produits")
    assert (
        f"2021-2022 réel : produits 4{NBSP}618{NBSP}760{NBSP}$, "
        f"charges 4{NBSP}648{NBSP}539{NBSP}$" in description
    )
    assert chart.index(">2020-2021 réel<") < chart.index(">2022-2023 budgété<")
    assert chart.count("<rect ") == 8


def test_no_chart_unless_asked():
    assert "<svg" not in render(FinancialTableBlock(), table(), "fr")


def test_text_is_offered_for_translation_but_not_amounts_kinds_or_the_paste():
    raw = {
        "caption": "Résultats de l’exercice",
        "rows": stored_list([{**REVENUES, "note": 1}, EXPENSES]),
        "stated_result": {**NO_STATED_RESULT, "actual": "-29779"},
        "paste": "Produits\t1\t2\t3",
        "show_chart": True,
        "source": "États financiers audités",
        "notes": stored_list(["Comprend des aides liées à la COVID-19."]),
    }

    strings = translatable_strings(FinancialTableBlock(), raw)

    assert strings == [
        "Comprend des aides liées à la COVID-19.",
        "Frais d’exploitation",
        "Produits",
        "Résultats de l’exercice",
        "États financiers audités",
    ]


def test_the_preview_is_the_2021_2022_statement(superuser_client):
    block = FinancialTableBlock()

    response = superuser_client.get("/admin/block-preview/", {"id": block.definition_prefix})

    html = response.content.decode()
    assert response.status_code == 200
    assert "css/site.css" in html  # The one stylesheet of the site.
    assert "2021-2022" in html
    assert "(29" in html and "779)" in html
    assert "<svg" in html


def test_the_preview_value_is_valid_and_the_block_complete():
    block = FinancialTableBlock()

    cleaned = block.clean(block.get_preview_value())

    assert cleaned["stated_result"]["actual"] == Decimal(-29779)
    assert block.meta.icon and block.meta.help_text and block.get_description()
    assert block.is_previewable
    assert FinancialRowBlock().meta.label_format == "{label}"


def test_a_report_page_offers_translators_the_text_of_its_figures_and_nothing_else(
    report_index,
):
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    from report.blocks.figures import SocialMediaBlock
    from tests.factories import ReportYearPageFactory

    # Stored as the admin stores it: list items carry ids.
    social = SocialMediaBlock().get_prep_value(SocialMediaBlock().get_preview_value())
    body = [
        {
            "type": "financial_table",
            "id": "table",
            "value": {
                "caption": "Résultats de l’exercice",
                "rows": stored_list([REVENUES, EXPENSES]),
                "stated_result": {**NO_STATED_RESULT, "actual": "-29779"},
                "paste": "Produits\t4 618 760 $\t1\t2",
                "show_chart": True,
                "source": "États financiers audités",
                "notes": stored_list([]),
            },
        },
        {
            "type": "social_media",
            "id": "social",
            "value": social,
        },
    ]
    page = ReportYearPageFactory(parent=report_index, body=body)
    page.refresh_from_db()

    strings = {
        segment.string.data
        for segment in extract_segments(page)
        if isinstance(segment, StringSegmentValue) and segment.path.startswith("body.")
    }

    assert strings == {
        "Résultats de l’exercice",
        "Produits",
        "Frais d’exploitation",
        "États financiers audités",
        "Nos réseaux sociaux",
        "LinkedIn",
        "Facebook",
        "Statistiques de LinkedIn et de Facebook, 31 mars 2022",
    }
