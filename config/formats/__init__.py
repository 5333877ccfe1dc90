"""Format modules: the site's `fr` and `en` use Django's Canadian formats (fr_CA, en_CA).

Django's fr_CA writes the hour's "h" unescaped ("H\xa0h\xa0i"), which a date format reads as the
12-hour clock: 15:09 came out as "15 03 09". The OQLF's "15 h 09" needs the letter escaped.
"""

from importlib import import_module

UNESCAPED_HOUR_LETTER = "\xa0h\xa0"
ESCAPED_HOUR_LETTER = "\xa0\\h\xa0"


def canadian_formats(django_locale):
    module = import_module(f"django.conf.locale.{django_locale}.formats")
    return {
        name: with_hour_letter_escaped(getattr(module, name))
        for name in dir(module)
        if name.isupper()
    }


def with_hour_letter_escaped(value):
    if isinstance(value, str):
        return value.replace(UNESCAPED_HOUR_LETTER, ESCAPED_HOUR_LETTER)
    return value
