from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from cms.visibility import public


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists one locale's tree; this one lists the site in every language."""

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        roots = site.root_page.get_translations(inclusive=True)
        tree_filter = None
        for root in roots:
            subtree = Page.objects.descendant_of(root, inclusive=True)
            tree_filter = subtree if tree_filter is None else tree_filter | subtree
        return public(tree_filter.live()).order_by("path").defer_streamfields().specific()
