"""Pages visitors may read, selected in the query that lists them.

Wagtail's `PageQuerySet.public()` reads every view restriction in a query of its own each time
it is called, and a page calls it several times (the menu, the other reports, the sitemap's
alternates). Here the same condition is a subquery of the listing's own query: a page is
private when it, or one of its ancestors, has a view restriction, that is when the path of a
restricted page begins its path (Wagtail's tree paths).
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def outside_private_sections():
    """A condition on pages: no view restriction on the page nor above it."""
    restriction_on_or_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restriction_on_or_above)


def public(pages):
    """`pages.public()` in the same query."""
    return pages.filter(outside_private_sections())
