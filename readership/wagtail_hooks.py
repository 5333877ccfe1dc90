from wagtail import hooks

from readership.counting import MARKER_HEADER, marker


@hooks.register("on_serve_page")
def mark_pages_to_count(serve_page):
    """Mark the response of a page (or of a report's download) where Wagtail serves it: the page
    cache stores the mark with the page, and readership.middleware counts each answer."""

    def serve(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        mark = marker(page, request, response)
        if mark is not None:
            response[MARKER_HEADER] = mark
        return response

    return serve
