from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from home.search import page_excerpt, search_expression, search_made, suggestion
from home.sitemaps import AllLocalesSitemap
from web.search_query import clean_query

RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(search_expression(query))
        )
    else:
        results = Page.objects.none()
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    page_of_results.object_list = list(page_of_results.object_list)
    for result in page_of_results:
        # The passage that matched, in the page's language (the results are in the visitor's).
        result.search_excerpt = page_excerpt(result, query)
    if query:
        search_made.send(
            search, request=request, query=query, result_count=page_of_results.paginator.count
        )
    suggested = ""
    if query and not page_of_results.paginator.count:
        suggested = suggestion(query, Locale.get_active().language_code)
    return render(
        request,
        "home/search.html",
        {
            "search_query": query,
            "search_results": page_of_results,
            "search_suggestion": suggested,
            "search_suggestion_url": (
                f"{reverse('search')}?{urlencode({'q': suggested})}" if suggested else ""
            ),
        },
    )


@require_safe
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})


@require_safe
@cache_page(60 * 60)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
