from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import localized_home_page

register = template.Library()


def current_site(context):
    return Site.find_for_request(context["request"])


@register.simple_tag(takes_context=True)
def home_page(context):
    site = current_site(context)
    return localized_home_page(site) if site else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    home = home_page(context)
    items = home.get_children().live().public().in_menu() if home else Page.objects.none()
    current = context.get("page")
    return {
        "home": home,
        "menu_items": items,
        "current_path": current.path if isinstance(current, Page) else "",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1) if isinstance(page, Page) else []
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"languages": language_links(context)}


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language, where the visitor should go to read this page in it.

    A page links to its live translation, or to the home page of that language where it has
    none; any other view (search, 404) links to the same address in the other language.
    """
    request = context["request"]
    page = context.get("page")
    current_language = translation.get_language()
    site = current_site(context)
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translated_page_url(page, code, site)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if url else None,
                "is_current": code == current_language,
            }
        )
    return links


def translated_page_url(page, language_code, site):
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    translation_page = page.get_translation_or_none(locale)
    if translation_page is None or not translation_page.live:
        translation_page = localized_home_page(site, locale) if site else None
    return translation_page.url if translation_page else None
