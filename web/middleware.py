"""Answers for addresses that are not pages, for form posts that cannot be read, and the
`Cache-Control: private` of responses made for one visitor."""

import logging
import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms.streamfield import MalformedFormData
from cms.typography import typeset_html

logger = logging.getLogger("django.security.MalformedFormData")

# Paths of the site that are not pages: their 404 is theirs, never a redirect to /fr/….
NOT_PAGE_PREFIXES = ("/admin/", "/documents/", "/api/", "/django-admin/")
# A first segment that reads as a language code (/de/, /xx/, /pt-br/): a language the site does
# not have, not a page to look for in French. (Two letters only: /faq/ may be a page.)
LANGUAGE_LIKE_SEGMENT = re.compile(r"^/[a-z]{2}(?:[-_][a-z0-9]{2,8})?/", re.IGNORECASE)


def could_be_a_page(path):
    """Whether an address without a language prefix may be a page in the visitor's language."""
    reserved = (*NOT_PAGE_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
    if path.startswith(reserved) or LANGUAGE_LIKE_SEGMENT.match(path):
        return False
    last_segment = path.rstrip("/").rsplit("/", 1)[-1]
    # Files (favicon.ico, wp-login.php, sitemap.xml) are not pages: pages have no dots.
    return "." not in last_segment


class PageLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, redirecting a 404 to the language prefix only for page paths.

    Django retries any unprefixed 404 under /fr/, which Wagtail's catch-all page route always
    accepts: /admin/nonexistent/ became a redirect to /fr/admin/nonexistent/ and /de/ to /fr/de/.
    `/` and old unprefixed page addresses (/rapports-annuels/…) are still redirected.
    """

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and not translation.get_language_from_path(request.path_info)
            and not could_be_a_page(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class MalformedFormDataMiddleware:
    """A post the admin's forms cannot read (`MalformedFormData`): 400 with a clear message.

    Nothing was saved: the editor reloads the screen, which shows the last saved version.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MalformedFormData):
            return None
        logger.warning("Refused %s %s: %s", request.method, request.path, exception)
        return HttpResponseBadRequest(
            format_html(
                '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title>'
                '</head><body><h1>{}</h1><p>{}</p><p><a href="{}">{}</a></p></body></html>',
                translation.get_language(),
                _("The form could not be read"),
                _("The form could not be read"),
                _(
                    "The data sent was incomplete or damaged, so nothing was saved. Reload the "
                    "page to edit its last saved version."
                ),
                request.path,
                _("Reload the page"),
            )
        )


class TypographyMiddleware:
    """The site's pages set in the typography of their languages (cms/typography.py).

    Inside the page cache and the compression, so that a cached page is stored set; a preview
    goes through it too (Wagtail runs the middleware for the page's own address). The admin and
    the API are left as Wagtail and the editors write them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_visitor_html(request, response):
            response.content = typeset_html(response.content.decode(response.charset))
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(response.content))
        return response


def is_visitor_html(request, response):
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith("text/html")
        and not request.path_info.startswith(NOT_PAGE_PREFIXES)
    )


class PrivateResponseMiddleware:
    """`Cache-Control: private` on every response made for one visitor, so that a CDN or a shared
    proxy never gives it to anybody else: a page for a signed-in user (an editor's userbar, the
    user's own content), a page showing a notice to that visitor (the messages cookie), a
    response that sets a cookie (a form's CSRF token, a session). Pages for anonymous visitors
    stay public (web/caching.py); the admin says `private, no-store` already."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if made_for_one_visitor(request, response):
            patch_cache_control(response, private=True)
        return response


def made_for_one_visitor(request, response):
    if response.cookies or "messages" in request.COOKIES:
        return True
    # The user is read only for a request with a session cookie, whose page read it already.
    user = getattr(request, "user", None)
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and user is not None
    return signed_in and user.is_authenticated
