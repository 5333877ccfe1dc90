"""Counting at the HTTP edge, where the pages served from the page cache pass too.

In MIDDLEWARE after WhiteNoise (static files are answered before, never counted) and before
web.caching.PageCacheMiddleware (most visits are answered by it, without a view). A response
marked as a page to count (readership/counting.py, `MARKER_HEADER`, set where Wagtail serves
the page and stored with it by the page cache) is counted if it is a 200 to a GET of a request
that may be counted; the mark is removed from every response, counted or not.
"""

from readership.counting import MARKER_HEADER, count_marked, countable


class ReadershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        mark = response.get(MARKER_HEADER)
        if mark is None:
            return response
        del response[MARKER_HEADER]
        # A 304 (a browser revalidating a page it has) never carries the mark: not counted.
        if response.status_code == 200 and request.method == "GET" and countable(request):
            count_marked(request, mark)
        return response
