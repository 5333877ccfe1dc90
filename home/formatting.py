"""Locale-aware formatting from CLDR data (Babel), for the language the visitor reads."""

from babel import dates as babel_dates
from django.utils.translation import gettext

from cms.languages import babel_locale, site_language

# The OQLF writes 8 h 30 (CLDR's fr_CA: 08 h 30), the h between non-breaking spaces.
FRENCH_TIME_OF_DAY = "H\u00a0'h'\u00a0mm"


def weekday_name(weekday, language_code=None):
    """Monday is 0, as in Python's `date.weekday()`."""
    return babel_dates.get_day_names("wide", locale=babel_locale(language_code))[weekday]


def time_of_day(value, language_code=None):
    pattern = "short" if site_language(language_code) == "en" else FRENCH_TIME_OF_DAY
    return babel_dates.format_time(value, format=pattern, locale=babel_locale(language_code))


def phone_href(number):
    """A `tel:` link for a North American number as people write it (418 622-1001)."""
    digits = "".join(char for char in number if char.isdigit())
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}"


def labelled(label, value):
    """“Label: value”, with the space French puts before the colon (“Libellé : valeur”)."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}
