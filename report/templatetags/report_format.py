"""Template filters that write figures for the visitor's language (see report.formatting)."""

from django import template

from report import formatting

register = template.Library()


@register.filter
def amount(value):
    return formatting.amount(value)


@register.filter
def number(value, decimals=None):
    return formatting.number(value, decimals)


@register.filter
def percent(value, decimals=0):
    return formatting.percent(value, decimals)


@register.filter
def signed_percent(value, decimals=1):
    return formatting.signed_percent(value, decimals)


@register.filter
def long_date(value):
    return formatting.long_date(value)


@register.filter
def month_year(value):
    return formatting.month_year(value)


@register.filter
def figure(value, unit="number"):
    """{{ value|figure:"hours" }} → 68 577 h."""
    return formatting.figure(value, unit)


@register.filter
def signed_number(value):
    """{{ 450|signed_number }} → +450."""
    return formatting.signed_number(value)
