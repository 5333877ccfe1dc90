"""Format modules: the site's `fr` and `en` use Django's Canadian formats (fr_CA, en_CA)."""

from importlib import import_module


def canadian_formats(django_locale):
    module = import_module(f"django.conf.locale.{django_locale}.formats")
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}
