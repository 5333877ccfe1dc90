"""The languages the site writes in, and the CLDR locale (Babel) each is written with."""

from django.utils import translation

# The site's languages are written as in Canada.
BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def site_language(language_code=None):
    """The language the site writes in, "fr" or "en": the given one, else the active one."""
    language = (language_code or translation.get_language() or "fr").split("-")[0]
    return language if language in BABEL_LOCALES else "fr"


def babel_locale(language_code=None):
    return BABEL_LOCALES[site_language(language_code)]
