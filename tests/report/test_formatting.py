"""Figures written for the visitor's language from CLDR data: the table of docs/report-blocks.md."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from report import figure_format
from tests.report import NBSP

CONTRACT_TABLE = [
    # (function, arguments, French, English)
    (figure_format.amount, (4618760,), f"4{NBSP}618{NBSP}760{NBSP}$", "$4,618,760"),
    (figure_format.amount, (-29779,), f"(29{NBSP}779){NBSP}$", "($29,779)"),
    (figure_format.signed_percent, (Decimal("1.03"),), f"+1,0{NBSP}%", "+1.0%"),
    (figure_format.percent, (97,), f"97{NBSP}%", "97%"),
    (figure_format.number, (68577,), f"68{NBSP}577", "68,577"),
    (figure_format.figure, (68577, "hours"), f"68{NBSP}577{NBSP}h", f"68,577{NBSP}h"),
    (figure_format.long_date, (datetime.date(2021, 6, 3),), "3 juin 2021", "June 3, 2021"),
    (figure_format.long_date, (datetime.date(2021, 4, 1),), "1er avril 2021", "April 1, 2021"),
    (
        figure_format.long_date,
        (datetime.date(2021, 10, 11),),
        "11 octobre 2021",
        "October 11, 2021",
    ),
]


@pytest.mark.parametrize(("function", "arguments", "french", "english"), CONTRACT_TABLE)
def test_the_contract_table_in_both_languages(function, arguments, french, english):
    with translation.override("fr"):
        assert function(*arguments) == french
    with translation.override("en"):
        assert function(*arguments) == english


@pytest.mark.parametrize(("function", "arguments", "french", "english"), CONTRACT_TABLE)
def test_an_explicit_language_wins_over_the_active_one(function, arguments, french, english):
    with translation.override("en"):
        assert function(*arguments, language_code="fr") == french


@pytest.mark.parametrize(
    ("value", "unit", "french", "english"),
    [
        (Decimal(300), "number", "300", "300"),
        (Decimal("8.25"), "number", "8,25", "8.25"),
        (Decimal("97.00"), "percent", f"97{NBSP}%", "97%"),
        (Decimal("97.5"), "percent", f"97,5{NBSP}%", "97.5%"),
        (Decimal(2500000), "currency", f"2{NBSP}500{NBSP}000{NBSP}$", "$2,500,000"),
        (Decimal(-1200), "currency", f"(1{NBSP}200){NBSP}$", "($1,200)"),
        (Decimal(12), "years", f"12{NBSP}ans", f"12{NBSP}years"),
        (Decimal(1), "years", f"1{NBSP}an", f"1{NBSP}year"),
        (Decimal("8.2"), "score10", "8,2/10", "8.2/10"),
        (Decimal("1234.5"), "hours", f"1{NBSP}234,5{NBSP}h", f"1,234.5{NBSP}h"),
    ],
)
def test_a_figure_is_written_with_its_unit(value, unit, french, english):
    assert figure_format.figure(value, unit, "fr") == french
    assert figure_format.figure(value, unit, "en") == english


def test_nothing_is_written_for_a_missing_value():
    for unit in ["number", "currency", "percent", "hours", "years", "score10"]:
        assert figure_format.figure(None, unit) == ""
    assert figure_format.compact_figure(None, "currency") == ""
    assert figure_format.signed_number(None) == ""


@pytest.mark.parametrize(
    ("value", "unit", "french", "english"),
    [
        (Decimal(4618760), "currency", f"4,6{NBSP}M$", "$4.6M"),
        (Decimal(68577), "hours", f"68,6{NBSP}k{NBSP}h", f"68.6K{NBSP}h"),
        (Decimal(9999), "number", f"9{NBSP}999", "9,999"),
        (Decimal(97), "percent", f"97{NBSP}%", "97%"),
    ],
)
def test_compact_figures_shorten_only_large_amounts_and_counts(value, unit, french, english):
    assert figure_format.compact_figure(value, unit, "fr") == french
    assert figure_format.compact_figure(value, unit, "en") == english


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [(450, "+450", "+450"), (Decimal("-0.5"), "-0,5", "-0.5"), (0, "+0", "+0")],
)
def test_signed_numbers_always_carry_their_sign(value, french, english):
    assert figure_format.signed_number(value, "fr") == french
    assert figure_format.signed_number(value, "en") == english


def test_negative_change_uses_the_minus_sign_of_the_language():
    assert figure_format.signed_percent(Decimal("-1.03"), 1, "fr") == f"-1,0{NBSP}%"
    assert figure_format.signed_percent(Decimal("-1.03"), 1, "en") == "-1.0%"


def render_template(source, language, **context):
    with translation.override(language):
        return Template("{% load report_format %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "french", "english"),
    [
        ("{{ value|amount }}", f"(29{NBSP}779){NBSP}$", "($29,779)"),
        ("{{ value|number }}", f"-29{NBSP}779", "-29,779"),
        ('{{ value|figure:"hours" }}', f"-29{NBSP}779{NBSP}h", f"-29,779{NBSP}h"),
        ("{{ value|signed_number }}", f"-29{NBSP}779", "-29,779"),
    ],
)
def test_template_filters_write_for_the_active_language(source, french, english):
    assert render_template(source, "fr", value=Decimal(-29779)) == french
    assert render_template(source, "en", value=Decimal(-29779)) == english


def test_the_figure_filter_reads_the_unit_from_a_variable():
    html = render_template("{{ value|figure:unit }}", "fr", value=Decimal(97), unit="percent")

    assert html == f"97{NBSP}%"
