"""The search page's searches: the words, and whether they found anything (home/views.py sends
`home.search.search_made`; readership/apps.py connects this to it)."""

from readership.counting import countable, search_page_count


def count_search(sender, request, query, result_count, **kwargs):
    """One search per query typed: the later pages of its results are not searches again."""
    if not query or request.method != "GET" or request.GET.get("page", "1") != "1":
        return
    if countable(request):
        search_page_count(request, query, result_count)
