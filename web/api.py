"""The site's pages as JSON through Wagtail's API (wagtail.api.v2), under /api/v2/.

Only live, public pages are listed, whoever asks: a report restricted to some visitors is not
published data. A report gives its fiscal year and its figures (`ReportYearPage.api_fields`).
`?locale=en` lists the English pages; `?type=report.ReportYearPage&fields=figures` the reports
with their figures.

config/urls.py includes this module's `urlpatterns`.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


def outside_language_urls(request):
    """Keep an answer of the API as it is. The API's URLs have no language prefix, and Django's
    LocaleMiddleware turns a 404 outside the prefixed URLs into a redirect to /fr/api/…, which
    Wagtail's pages match: it reads the URLconf of the request, this module, which has none."""
    getattr(request, "_request", request).urlconf = __name__


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # Wagtail's own also lists the pages that a signed-in visitor may see.
        return super().get_base_queryset().public()

    def finalize_response(self, request, response, *args, **kwargs):
        outside_language_urls(request)
        return super().finalize_response(request, response, *args, **kwargs)


def not_found(request):
    outside_language_urls(request)
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    re_path(r"^api/", not_found),
]
