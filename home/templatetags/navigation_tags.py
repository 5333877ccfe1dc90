from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from cms.routing import routed_ancestors
from cms.visibility import public

register = template.Library()


def current_site(context):
    return Site.find_for_request(context["request"])


def once_per_request(context, key, compute):
    """`compute()`, run once per request: the head, the header, the menu and the language
    switcher all ask for the home pages and the translations, and each must cost one query."""
    request = context.get("request")
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_navigation_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def homes_by_language(context):
    """{language code: the site's live home page in that language}."""
    site = current_site(context)
    if site is None:
        return {}
    return live_translations(context, site.root_page.translation_key)


def live_translations(context, translation_key):
    """{language code: the live page} for one page of the site in all its languages.

    The header's home links and the language switcher ask for the translations of the home
    page and of the page shown: both are read in one query per request.
    """
    page = context.get("page")
    keys = {translation_key}
    site = current_site(context)
    if site is not None:
        keys.add(site.root_page.translation_key)
    if isinstance(page, Page):
        keys.add(page.translation_key)

    def read():
        pages = Page.objects.live().filter(translation_key__in=keys).select_related("locale")
        by_key = {key: {} for key in keys}
        for live_page in pages:
            by_key[live_page.translation_key][live_page.locale.language_code] = live_page
        return by_key

    by_key = once_per_request(context, ("live translations", frozenset(keys)), read)
    return by_key[translation_key]


def content_language(language_code):
    try:
        return get_supported_content_language_variant(language_code)
    except LookupError:
        return settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def home_page(context):
    """The site's home page in the visitor's language, if it is live."""
    return homes_by_language(context).get(content_language(translation.get_language()))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    home = home_page(context)
    items = public(home.get_children().live().in_menu()) if home else Page.objects.none()
    current = context.get("page")
    return {
        "home": home,
        "menu_items": items,
        "current_path": current.path if isinstance(current, Page) else "",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page):
        ancestors = routed_ancestors(page)
        if ancestors is None:  # Not found by the routing (a preview): read from the tree.
            ancestors = page.get_ancestors().filter(depth__gt=1)
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
    page = context.get("page")
    key = ("language_links", translation.get_language(), getattr(page, "pk", None))
    return once_per_request(context, key, lambda: build_language_links(context, page))


def build_language_links(context, page):
    request = context["request"]
    current_language = translation.get_language()
    if isinstance(page, Page):
        translations = live_translations(context, page.translation_key)
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            translation_page = translations.get(code) or homes_by_language(context).get(code)
            url = translation_page.url if translation_page else None
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if url else None,
                "is_current": code == current_language,
                # The language of visitors whose language the site does not have (x-default).
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return links
