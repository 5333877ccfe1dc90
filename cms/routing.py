"""Finding the page of an address with fewer queries than Wagtail's routing, same answers.

Wagtail's `Page.route()` goes down the address one segment at a time: for each, it looks the
child up by its slug, then reads it whole (`.specific`) to call its own `route()`, two queries
a level, although a page only passed through needs none of its fields. Here the pages of the
address are read together by their URL paths, and only the page that answers is read whole.

It goes down only through pages whose class routes as `BasePage` does (the report index, a
standard page): a page with routes of its own (a report, a routable page) takes the rest of the
address itself, as in Wagtail. An address that reaches no page ends in Wagtail's own routing, so
its 404 is unchanged. The pages walked through are kept as each page's parent (treebeard's
`get_parent()` answers without a query), which the breadcrumbs and the privacy check read.
"""

from django.http import Http404
from wagtail.models import Page


def route_by_url_path(page, request, path_components, routes_like):
    """`page.route(request, path_components)` in two queries however deep the address, or
    None when the first segment names no child of `page` (Wagtail's routing then answers).

    `routes_like`: the `route` function of the pages that may be passed through.
    """
    prefixes = [
        page.url_path + "/".join(path_components[: length + 1]) + "/"
        for length in range(len(path_components))
    ]
    found = {
        candidate.url_path: candidate
        for candidate in Page.objects.filter(url_path__in=prefixes, path__startswith=page.path)
    }
    parent, consumed = page, 0
    for prefix in prefixes:
        child = found.get(prefix)
        if child is None or child.specific_class is None:
            break
        child._cached_parent_obj = parent
        parent, consumed = child, consumed + 1
        if child.specific_class.route is not routes_like:
            break  # A page with routes of its own answers the rest of the address.
    if parent is page:
        return None
    remaining = path_components[consumed:]
    if remaining and parent.specific_class.route is routes_like:
        # It has no child of the next segment's slug: Wagtail's 404.
        raise Http404
    return parent.specific.route(request, remaining)


def routed_ancestors(page):
    """The page's ancestors from the home page (depth 2) down, as the routing kept them, or
    None when it did not keep them all (a preview, a page found otherwise)."""
    ancestors = []
    current = page
    while current.depth > 2:
        if "_cached_parent_obj" not in current.__dict__:
            return None
        current = current.get_parent()
        ancestors.append(current)
    return ancestors[::-1]
