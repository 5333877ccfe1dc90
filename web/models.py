"""The page cache's generation, kept in the database (web/generation.py says why)."""

from django.db import models


class PageCacheGeneration(models.Model):
    """One row: the generation of the page cache, renewed in the transaction of every change that
    visitors see, so that a change cannot be committed without it."""

    value = models.BigIntegerField(
        help_text="Nanoseconds since the epoch when published content last changed, or more."
    )

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return str(self.value)
