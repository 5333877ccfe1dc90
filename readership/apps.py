from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    """How the site is read, counted without cookies nor personal data (readership/models.py)."""

    name = "readership"
    verbose_name = _("Readership")

    def ready(self):
        from home.search import search_made
        from readership import searches

        # The search page sends it: home knows nothing of the apps above it (README).
        search_made.connect(searches.count_search, dispatch_uid="readership_count_search")
