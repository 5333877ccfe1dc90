"""Amounts, percentages, numbers and dates written for the visitor's language, from CLDR data.

Babel supplies the symbols, separators, symbol placement and date forms of fr_CA and en_CA;
this module only decides how a report prints them: whole dollars, negative amounts in
parentheses, signed percentages with one decimal.
"""

import inspect
import re
from decimal import Decimal
from functools import lru_cache, wraps

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units
from babel.core import Locale

from cms.languages import babel_locale, site_language

CURRENCY = "CAD"


def memoized(function):
    """Each value written once per language and process.

    A report writes the same amounts, dates and percentages many times over (its blocks, the
    PDF, the CSV), and each Babel call parses its locale and pattern again: a cache of the
    texts keeps the page's formatting nearly free. The arguments are values (numbers, dates,
    units), all hashable; values that compare equal format the same, since the number of
    decimals shown never depends on trailing zeros.
    """

    language_position = list(inspect.signature(function).parameters).index("language_code")

    @lru_cache(maxsize=4096)
    def cached(args, language):
        return function(*args, language_code=language)

    @wraps(function)
    def wrapper(*args, language_code=None):
        if len(args) > language_position:
            args, language_code = args[:language_position], args[language_position]
        return cached(args, site_language(language_code))

    return wrapper


def _number_pattern(decimals):
    return "#,##0" + ("." + "0" * decimals if decimals else "")


@memoized
def amount(value, language_code=None):
    """4 618 760 $ / $4,618,760; negative: (29 779) $ / ($29,779)."""
    if value is None:
        return ""
    locale_name = babel_locale(language_code)
    value = Decimal(value)
    standard = Locale.parse(locale_name).currency_formats["standard"].pattern.split(";")[0]
    whole = standard.replace("#,##0.00", "#,##0")
    text = babel_numbers.format_currency(
        abs(value), CURRENCY, format=whole, locale=locale_name, currency_digits=False
    )
    if value >= 0:
        return text
    number = babel_numbers.format_decimal(abs(value), format="#,##0", locale=locale_name)
    if standard.startswith("¤"):
        # CLDR's accounting form where the symbol comes first: ($29,779).
        return f"({text})"
    # Where the symbol follows the number, as in French, it stays outside: (29 779) $.
    return text.replace(number, f"({number})", 1)


@memoized
def number(value, decimals=None, language_code=None):
    """68 577 / 68,577; decimals shown only when the value has them (8,2 / 8.2)."""
    if value is None:
        return ""
    value = Decimal(value)
    if decimals is None:
        decimals = max(0, -value.normalize().as_tuple().exponent)
    return babel_numbers.format_decimal(
        value, format=_number_pattern(decimals), locale=babel_locale(language_code)
    )


@memoized
def percent(value, decimals=0, language_code=None):
    """A percentage given in percent (97 → 97 % / 97%)."""
    if value is None:
        return ""
    locale_name = babel_locale(language_code)
    pattern = Locale.parse(locale_name).percent_formats[None].pattern
    pattern = pattern.replace("#,##0", _number_pattern(decimals))
    return babel_numbers.format_percent(Decimal(value) / 100, format=pattern, locale=locale_name)


@memoized
def signed_percent(value, decimals=1, language_code=None):
    """A change in percent, always signed: +1,0 % / +1.0% (CLDR plus and minus signs)."""
    if value is None:
        return ""
    text = percent(abs(Decimal(value)), decimals, language_code=language_code)
    sign = babel_numbers.get_plus_sign_symbol(babel_locale(language_code))
    if Decimal(value) < 0:
        sign = babel_numbers.get_minus_sign_symbol(babel_locale(language_code))
    return f"{sign}{text}"


def ratio_percent(part, whole):
    """part / whole as a percentage (Decimal), or None when the whole is zero or missing."""
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole) * 100


@memoized
def long_date(value, language_code=None):
    """3 juin 2021 / June 3, 2021; the first of the month: 1er avril 2021 / April 1, 2021."""
    if value is None:
        return ""
    text = babel_dates.format_date(value, format="long", locale=babel_locale(language_code))
    if value.day == 1 and site_language(language_code) == "fr" and text.startswith("1 "):
        # French writes the first of a month as an ordinal (CLDR's patterns cannot say so).
        text = "1er" + text[1:]
    return text


@memoized
def month_year(value, language_code=None):
    """juin 2021 / June 2021."""
    if value is None:
        return ""
    return babel_dates.format_skeleton("yMMMM", value, locale=babel_locale(language_code))


@memoized
def figure(value, unit, language_code=None):
    """A value with its unit (see `report.blocks.fields.unit_choices`): 68 577 h / 68,577 h."""
    if value is None:
        return ""
    value = Decimal(value)
    decimals = _decimals(value)
    if unit == "currency":
        return amount(value, language_code=language_code)
    if unit == "percent":
        return percent(value, decimals, language_code=language_code)
    if unit == "hours":
        # The SI symbol reads the same in both languages (CLDR's short English form is "hrs").
        return f"{number(value, decimals, language_code=language_code)}\u00a0h"
    if unit == "years":
        text = babel_units.format_unit(
            value, "duration-year", length="long", locale=babel_locale(language_code)
        )
        # CLDR's fr_CA plural has an ordinary space: keep the number and its unit together.
        return text.replace(" ", "\u00a0")
    if unit == "score10":
        return f"{number(value, decimals, language_code=language_code)}/10"
    return number(value, decimals, language_code=language_code)


@memoized
def compact_figure(value, unit, language_code=None):
    """A short form for labels in charts where space is tight: 4,6 M$ / $4.6M."""
    if value is None:
        return ""
    value = Decimal(value)
    if abs(value) < 10_000 or unit not in ("currency", "number", "hours"):
        return figure(value, unit, language_code=language_code)
    locale_name = babel_locale(language_code)
    if unit == "currency":
        text = babel_numbers.format_compact_currency(
            value, CURRENCY, locale=locale_name, fraction_digits=1
        )
        if site_language(language_code) == "fr":
            # Québec writes the symbol against the abbreviation, 4,6 M$ (OQLF), where CLDR's
            # data has put a space or not from one release to the next.
            text = re.sub(r"(?<=[^\d\s])\s+\$$", "$", text)
        return text
    text = babel_numbers.format_compact_decimal(value, locale=locale_name, fraction_digits=1)
    return f"{text}\u00a0h" if unit == "hours" else text


def _decimals(value):
    """How many decimals a value shows: as many as it has, without trailing zeros."""
    return max(0, -Decimal(value).normalize().as_tuple().exponent)


@memoized
def signed_number(value, language_code=None):
    """A difference, always signed with CLDR's plus and minus signs: +2 / -0,5."""
    if value is None:
        return ""
    locale_name = babel_locale(language_code)
    sign = babel_numbers.get_plus_sign_symbol(locale_name)
    if Decimal(value) < 0:
        sign = babel_numbers.get_minus_sign_symbol(locale_name)
    return f"{sign}{number(abs(Decimal(value)), language_code=language_code)}"
