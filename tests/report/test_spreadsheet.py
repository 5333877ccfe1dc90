"""Reading rows pasted from a spreadsheet or copied from the statements."""

from decimal import Decimal

import pytest
from django.utils import translation

from report.spreadsheet import (
    PasteError,
    is_blank,
    label_key,
    match_labels,
    numbered_lines,
    parse_amount,
    parse_chart_rows,
    parse_financial_rows,
    parse_number,
    split_cells,
)
from tests.report import NBSP

# The 2021-2022 statement as copied from a spreadsheet (tabs) with French amounts.
STATEMENT = (
    f"Produits\t4{NBSP}618{NBSP}760{NBSP}$\t4 598 552 $\t4 571 674 $\t5 786 386 $\n"
    "Frais d’exploitation\t4 648 539 $\t4 550 351 $\t4 023 699 $\t5 728 258 $\n"
)
REVENUES = {
    "label": "Produits",
    "kind": "revenue",
    "actual": Decimal(4618760),
    "budget": Decimal(4598552),
    "previous_actual": Decimal(4571674),
    "next_budget": Decimal(5786386),
}
EXPENSES = {
    "label": "Frais d’exploitation",
    "kind": "expense",
    "actual": Decimal(4648539),
    "budget": Decimal(4550351),
    "previous_actual": Decimal(4023699),
    "next_budget": Decimal(5728258),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 618 760 $", 4618760),
        (f"4{NBSP}618{NBSP}760{NBSP}$", 4618760),
        ("4\u202f618\u202f760\u202f$", 4618760),
        ("$4,618,760", 4618760),
        ("4618760", 4618760),
        ("(29 779) $", -29779),
        ("(29 779 $)", -29779),
        ("($29,779)", -29779),
        ("-29779", -29779),
        ("\u221229 779", -29779),  # the minus sign, not a hyphen
        ("-$29,779", -29779),
        ("+1 230", 1230),
        ("4 618 760 $ CA", 4618760),
        ("CA$ 4,618,760", 4618760),
        ("4.618.760", 4618760),
        ("0", 0),
    ],
)
def test_amounts_written_as_people_write_them(text, expected):
    assert parse_number(text) == Decimal(expected)
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8,5", "8.5"),
        ("8.5", "8.5"),
        ("97 %", "97"),
        (f"97,5{NBSP}%", "97.5"),
        ("1 234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("0,125", "0.125"),
        # One comma followed by three digits is a thousands separator, as in English.
        ("1,230", "1230"),
    ],
)
def test_decimal_commas_and_points_are_told_from_thousands_separators(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "1e20",
        "4 618 76O $",
        "4,61,8",
        "12,",
        "$$4",
        "4 % $",
        "(29 779",
        "29 779-",
        "1,234,56.7",
        "2021-2022",
    ],
)
def test_text_that_is_not_a_number_is_refused_with_its_text_in_the_message(text):
    with translation.override("en"), pytest.raises(ValueError, match="is not a number"):
        parse_number(text)


def test_the_editor_is_told_in_french_that_text_is_not_a_number():
    with translation.override("fr"), pytest.raises(ValueError) as raised:
        parse_number("4 618 76O $")

    assert str(raised.value) == "« 4 618 76O $ » n’est pas un nombre"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "“4 618 760,50 $” has cents: amounts are in whole dollars"),
        ("fr", "« 4 618 760,50 $ » contient des cents : les montants sont en dollars entiers"),
    ],
)
def test_amounts_with_cents_are_refused_rather_than_rounded(language, message):
    with translation.override(language), pytest.raises(ValueError) as raised:
        parse_amount("4 618 760,50 $")

    assert str(raised.value) == message


def test_amounts_with_zero_cents_are_whole_dollars():
    assert parse_amount("4 618 760,00 $") == Decimal(4618760)
    assert parse_amount("4 618 760,00 $").as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("Produits\t4 618 760 $\t4 598 552 $", ["Produits", "4 618 760 $", "4 598 552 $"]),
        ("Produits;4 618 760,00;8,5", ["Produits", "4 618 760,00", "8,5"]),
        ("Revenue,4618760,4598552", ["Revenue", "4618760", "4598552"]),
        ('"Revenue, net","$4,618,760"', ["Revenue, net", "$4,618,760"]),
        # Unquoted English amounts split by the comma delimiter are joined back together.
        ("Revenue,$4,618,760,$4,598,552", ["Revenue", "$4,618,760", "$4,598,552"]),
        ("Deficit,(29,779) $,12", ["Deficit", "(29,779) $", "12"]),
        # A label ending with a digit keeps its cell.
        ("Projet 2,100,250", ["Projet 2", "100,250"]),
        ("Produits\t4 618 760 $\t\t", ["Produits", "4 618 760 $"]),
        ("  Produits \t 12 ", ["Produits", "12"]),
    ],
)
def test_cells_are_split_by_tabs_else_semicolons_else_commas(line, cells):
    assert split_cells(line) == cells


def test_blank_lines_are_skipped_but_counted():
    assert list(numbered_lines("\nfirst\n  \nsecond\r\n")) == [(2, "first"), (4, "second")]


@pytest.mark.parametrize("cell", ["", "  ", "-", "–", "—"])
def test_empty_cells_and_dashes_are_blank(cell):
    assert is_blank(cell)


def test_the_statement_pasted_from_a_spreadsheet_gives_its_rows():
    assert parse_financial_rows(STATEMENT) == [REVENUES, EXPENSES]


def test_column_headings_on_the_first_line_are_left_out():
    text = "Description\t2021-2022 réel\t2021-2022 budgété\t2020-2021 réel\n" + STATEMENT

    assert parse_financial_rows(text) == [REVENUES, EXPENSES]


def test_a_copied_variance_column_is_left_out_because_the_table_computes_it():
    text = "Produits\t4 618 760 $\t4 598 552 $\t4 571 674 $\t1 %\t5 786 386 $"

    assert parse_financial_rows(text) == [REVENUES]


def test_english_amounts_separated_by_commas():
    text = "Revenues,revenue,$4,618,760,$4,598,552,$4,571,674,$5,786,386"

    assert parse_financial_rows(text) == [{**REVENUES, "label": "Revenues"}]


def test_semicolon_separated_lines():
    text = "Produits;4618760;4598552;4571674;5786386"

    assert parse_financial_rows(text) == [REVENUES]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Honoraires\trevenue\t1\t2\t3", "revenue"),
        ("Honoraires\tRevenus\t1\t2\t3", "revenue"),
        ("Salaires\texpense\t1\t2\t3", "expense"),
        ("Salaires\tCharges\t1\t2\t3", "expense"),
        ("Revenus de services\t1\t2\t3", "revenue"),
        ("Dépenses de fonctionnement\t1\t2\t3", "expense"),
        ("depenses\t1\t2\t3", "expense"),
        ("Expenses (operating)\t1\t2\t3", "expense"),
    ],
)
def test_the_kind_is_a_cell_of_its_own_or_the_first_word_of_the_label(line, kind):
    assert parse_financial_rows(line)[0]["kind"] == kind


def test_a_kind_alone_on_its_line_applies_to_the_rows_below_it():
    text = "Produits\nHonoraires\t1\t2\t3\nSubventions\t4\t5\t6\nCharges\nSalaires\t7\t8\t9\n"

    rows = parse_financial_rows(text)

    assert [(row["label"], row["kind"]) for row in rows] == [
        ("Honoraires", "revenue"),
        ("Subventions", "revenue"),
        ("Salaires", "expense"),
    ]


def test_next_years_budget_is_optional():
    rows = parse_financial_rows("Produits\t1\t2\t3\nCharges\t4\t5\t6\t-")

    assert rows[0]["next_budget"] is None
    assert rows[1]["next_budget"] is None
    assert rows[1]["previous_actual"] == Decimal(6)


def test_negative_amounts_in_parentheses():
    assert parse_financial_rows("Produits\t(1 000) $\t2\t3")[0]["actual"] == Decimal(-1000)


# How a paste error names its line, for editors working in each language of the admin.
LINE_OPENING = {"en": "Line {number} (“", "fr": "Ligne {number} (« "}


def assert_paste_error(text, line_number, *fragments, language="en"):
    with translation.override(language), pytest.raises(PasteError) as raised:
        parse_financial_rows(text)
    assert raised.value.line_number == line_number
    assert str(raised.value).startswith(LINE_OPENING[language].format(number=line_number))
    for fragment in fragments:
        assert fragment in str(raised.value)
    return raised.value


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("en", "“4 618 76O $” is not a number"),
        ("fr", "« 4 618 76O $ » n’est pas un nombre"),
    ],
)
def test_an_unreadable_amount_names_the_line_and_the_amount(language, reason):
    text = STATEMENT + "Subventions\trevenue\t4 618 76O $\t1\t2\n"

    error = assert_paste_error(text, 3, "Subventions", reason, language=language)

    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("language", "fragment"),
    [
        ("en", "add “revenue” or “expense” after the label"),
        ("fr", "ajoutez « produit » ou « charge » après le libellé"),
    ],
)
def test_a_line_without_a_kind_asks_for_one(language, fragment):
    assert_paste_error("Honoraires\t1\t2\t3", 1, fragment, language=language)


@pytest.mark.parametrize(
    ("language", "computed", "field"),
    [
        ("en", "computed from the rows", "Surplus (deficit) as printed in the statements"),
        (
            "fr",
            "calculés à partir des lignes",
            "« Excédent (déficit) selon les états financiers »",
        ),
    ],
)
@pytest.mark.parametrize(
    "label", ["Total des produits", "Sous-total", "Excédent (déficit)", "Deficit", "Surplus"]
)
def test_totals_and_results_are_refused_because_they_are_computed(label, language, computed, field):
    text = STATEMENT + f"{label}\t1\t2\t3\n"

    assert_paste_error(text, 3, computed, field, language=language)


@pytest.mark.parametrize(
    ("line", "count"),
    [("Produits\t1\t2", 2), ("Produits\t1\t2\t3\t4\t5", 5)],
)
@pytest.mark.parametrize(
    ("language", "expected", "found"),
    [
        ("en", "expected 3 or 4 amounts", "found {count}"),
        ("fr", "il faut 3 ou 4 montants", "mais la ligne en compte {count}"),
    ],
)
def test_a_line_with_too_few_or_too_many_amounts_says_how_many_it_has(
    line, count, language, expected, found
):
    text = "Charges\t1\t2\t3\n" + line

    assert_paste_error(text, 2, expected, found.format(count=count), language=language)


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "amount 2 is missing"), ("fr", "le montant 2 est manquant")],
)
def test_a_missing_required_amount_is_named_by_its_position(language, fragment):
    assert_paste_error("Produits\t1\t\t3", 1, fragment, language=language)


@pytest.mark.parametrize(
    ("language", "fragment"),
    [("en", "the label, is empty"), ("fr", "le libellé, est vide")],
)
def test_an_empty_label_is_refused(language, fragment):
    assert_paste_error("Produits\t1\t2\t3\n\trevenue\t1\t2\t3", 2, fragment, language=language)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_long_line_is_shortened_in_the_message(language):
    error = assert_paste_error("Produits " + "très " * 30 + "\t1", 1, language=language)

    assert "…" in str(error)
    assert len(str(error)) < 250


def test_chart_rows_are_label_and_value():
    text = "Montérégie\t12\nCapitale-Nationale\t8,5\n"

    assert parse_chart_rows(text) == [
        {"label": "Montérégie", "value": Decimal(12)},
        {"label": "Capitale-Nationale", "value": Decimal("8.5")},
    ]


def test_chart_rows_skip_a_heading_line_and_read_units():
    text = "Région;Part\nMontérégie;45 %\nEstrie;(3)"

    assert parse_chart_rows(text) == [
        {"label": "Montérégie", "value": Decimal(45)},
        {"label": "Estrie", "value": Decimal(-3)},
    ]


@pytest.mark.parametrize(
    ("language", "found", "advice"),
    [
        ("en", "expected 2 cells (label, value) and found 3", "tab or a semicolon"),
        (
            "fr",
            "il faut 2 cellules (libellé, valeur), mais la ligne en compte 3",
            "une tabulation ou un point-virgule",
        ),
    ],
)
def test_a_decimal_comma_split_by_commas_is_explained(language, found, advice):
    with translation.override(language), pytest.raises(PasteError) as raised:
        parse_chart_rows("Capitale-Nationale,8,5")

    assert raised.value.line_number == 1
    assert found in str(raised.value)
    assert advice in str(raised.value)


@pytest.mark.parametrize(
    ("text", "line_number", "language", "fragment"),
    [
        ("Estrie\t12\nMauricie\tdouze", 2, "en", "“douze” is not a number"),
        ("Estrie\t12\nMauricie\t—", 2, "en", "the value is missing"),
        ("Estrie\t12\n\t4", 2, "en", "the label, is empty"),
        ("Estrie\t12\nMauricie\tdouze", 2, "fr", "« douze » n’est pas un nombre"),
        ("Estrie\t12\nMauricie\t—", 2, "fr", "la valeur est manquante"),
        ("Estrie\t12\n\t4", 2, "fr", "le libellé, est vide"),
    ],
)
def test_unreadable_chart_lines_are_named(text, line_number, language, fragment):
    with translation.override(language), pytest.raises(PasteError) as raised:
        parse_chart_rows(text)

    assert raised.value.line_number == line_number
    assert fragment in str(raised.value)


def test_nothing_pasted_gives_no_rows():
    assert parse_financial_rows(" \n\n") == []
    assert parse_chart_rows("") == []


@pytest.mark.parametrize(
    "label",
    ["Produits", "produits", "  PRODUITS ", f"Produits{NBSP}", "Produits\u202f", "produitS"],
)
def test_labels_are_matched_case_and_spaces_aside(label):
    assert label_key(label) == label_key("Produits")


def test_labels_keep_their_accents_and_inner_words():
    assert label_key(f"Frais{NBSP}{NBSP}d’exploitation") == "frais d’exploitation"
    assert label_key("Dépenses") != label_key("Depenses")
    assert label_key("Produits nets") != label_key("Produits")
    # The same accented letter, composed or not, is the same label.
    assert label_key("Pr\u00e9vus") == label_key("Pre\u0301vus")


def test_pasted_labels_are_matched_to_the_existing_rows_in_the_pastes_order():
    existing = ["Produits", "Frais d’exploitation"]

    assert match_labels(existing, ["frais d’exploitation", "Subventions", "PRODUITS"]) == [
        1,
        None,
        0,
    ]


def test_a_label_pasted_twice_matches_each_existing_row_once_in_order():
    existing = ["Produits", "Charges", "produits"]

    assert match_labels(existing, ["Produits", "Produits", "Produits", "Charges"]) == [
        0,
        2,
        None,
        1,
    ]


def test_rows_without_a_label_match_nothing():
    assert match_labels(["", None], ["Produits"]) == [None]
    assert match_labels([], ["Produits"]) == [None]
