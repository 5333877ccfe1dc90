"""Locale-aware formatting from CLDR data (Babel), for the language the visitor reads."""

from babel import dates as babel_dates
from django.utils.translation import gettext

from cms.languages import babel_locale


def weekday_name(weekday, language_code=None):
    """Monday is 0, as in Python's `date.weekday()`."""
    return babel_dates.get_day_names("wide", locale=babel_locale(language_code))[weekday]


def time_of_day(value, language_code=None):
    return babel_dates.format_time(value, format="short", locale=babel_locale(language_code))


def phone_href(number):
    """A `tel:` link for a North American number as people write it (418 622-1001)."""
    digits = "".join(char for char in number if char.isdigit())
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}"


def labelled(label, value):
    """“Label: value”, with the space French puts before the colon (“Libellé : valeur”)."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}
