from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import sharing_cards
from home import views as home_views
from readership import views as readership_views
from report import opendata
from web import health

urlpatterns = [
    # For the load balancer and monitoring: outside the language prefixes, never cached.
    path("health/", health.health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # A page's sharing image (og:image), one address per version of it (home/sharing_cards.py).
    re_path(
        r"^sharing-card/(?P<page_id>[0-9]{1,10})/(?P<fingerprint>[0-9a-f]{16})\.png$",
        sharing_cards.serve_sharing_card,
        name="sharing_card",
    ),
    # The sections of a report reached on screen, sent by static/js/readership.js.
    path("readership/sections/", readership_views.sections, name="readership_sections"),
    # Wagtail's API: /api/v2/pages/ (web/api.py).
    path("", include("web.api")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language in the URL: /fr/… and /en/…; "/" is sent to the
# visitor's language by LocaleMiddleware (Accept-Language, French otherwise).
urlpatterns += i18n_patterns(
    path(_("search/"), home_views.search, name="search"),
    # What the site counts of its reading, and what it never keeps (readership/views.py).
    path(_("privacy/"), readership_views.privacy, name="privacy"),
    # A report block's data, …/2021-2022/data/<block id>.csv or .xlsx, served by the report page.
    re_path(opendata.DATA_URL_PATTERN, opendata.serve_page_data, name="report_block_data"),
    path("", include(wagtail_urls)),
)

handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
