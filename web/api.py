"""The site's pages as JSON through Wagtail's API (wagtail.api.v2), under /api/v2/.

Only live, public pages are listed, whoever asks: a report restricted to some visitors is not
published data. A report gives its fiscal year and its figures (`ReportYearPage.api_fields`).
`?locale=en` lists the English pages; `?type=report.ReportYearPage&fields=figures` the reports
with their figures.

config/urls.py includes this module's `urlpatterns`. The API's addresses have no language
prefix; its 404s stay 404s (web/middleware.py redirects to /fr/… only addresses that may be
pages).
"""

from django.http import JsonResponse
from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # Wagtail's own also lists the pages that a signed-in visitor may see.
        return super().get_base_queryset().public()


def not_found(request):
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    re_path(r"^api/", not_found),
]
