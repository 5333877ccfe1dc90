"""Locale-aware formatting from CLDR data (Babel), for the language the visitor reads."""

from babel import dates as babel_dates
from django.utils import translation
from django.utils.translation import gettext

# The site's languages are written as in Canada.
BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def site_language(language_code=None):
    """The language the site writes in, "fr" or "en": the given one, else the active one."""
    language = (language_code or translation.get_language() or "fr").split("-")[0]
    return language if language in BABEL_LOCALES else "fr"


def babel_locale(language_code=None):
    return BABEL_LOCALES[site_language(language_code)]


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
