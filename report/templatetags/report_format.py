"""Template filters that write figures for the visitor's language (see report.figure_format)."""

from django import template

from report import figure_format

register = template.Library()


@register.filter
def amount(value):
    return figure_format.amount(value)


@register.filter
def number(value, decimals=None):
    return figure_format.number(value, decimals)


@register.filter
def percent(value, decimals=0):
    return figure_format.percent(value, decimals)


@register.filter
def signed_percent(value, decimals=1):
    return figure_format.signed_percent(value, decimals)


@register.filter
def long_date(value):
    return figure_format.long_date(value)


@register.filter
def month_year(value):
    return figure_format.month_year(value)


@register.filter
def figure(value, unit="number"):
    """{{ value|figure:"hours" }} → 68 577 h."""
    return figure_format.figure(value, unit)


@register.filter
def signed_number(value):
    """{{ 450|signed_number }} → +450."""
    return figure_format.signed_number(value)
