"""Readership counts: how many times, per day, page and language, the site was read — nothing else.

One table, `ReadershipCount`: each row is a total, never an event. Its key says what was counted:

- `period` and `day`: "day" rows hold one day (in the site's time zone); "month" rows, made by
  `rollup_readership` from the daily rows older than READERSHIP_RETENTION_MONTHS (25 by default),
  hold a whole month under its first day. A range of dates older than the retention therefore
  sums the months that start in it; newer ranges are exact to the day.
- `page_id`: the Wagtail page (its id, not a foreign key: the counts outlive a deleted page, and a
  page deleted between a visit and the flush never makes the flush fail); 0 for what belongs to
  the site rather than a page (searches).
- `language`: the language of the address read ("fr", "en"). Each translation is a page of its
  own; group a report's languages through Wagtail's `translation_key`.
- `kind` and `detail` (see `Kind`): a page view (`detail` empty), a download of the report's PDF
  (empty) or of a block's data as CSV or XLSX (the block's id), a report section reached on
  screen (its anchor, from the beacon), a referring site (its host only, counted with the view
  of the page it led to), a search that found something or nothing (the words, normalised).
- `count`: the total. Counts are added (readership/stores.py), never overwritten.

The admin report's queries, for example (`Sum` from django.db.models):

    views per day and language of a report (its page and translations) over a range:
        ReadershipCount.objects.filter(kind=Kind.VIEW, page_id__in=ids, day__range=(start, end))
        .values("day", "language").annotate(total=Sum("count")).order_by("day")
    by month: the same with `.annotate(month=TruncMonth("day")).values("month", "language")`;
    sections reached (a funnel down the table of contents):
        .filter(kind=Kind.SECTION, page_id__in=ids, …).values("detail").annotate(…)
    downloads: kind in (PDF, CSV, XLSX); top referring sites: kind=REFERRER, by `detail`;
    searches that found nothing: page_id=0, kind=SEARCH_EMPTY, by `detail`.

Indexes serve them: the unique key (kind, day, …) for the site-wide ones by kind and dates, and
(page_id, kind, day) for a report's. Counts still in the servers' buffers (a second at most) or
in Redis (a minute at most, until moved) are not in the table yet: `stores.move_redis_counts()`
moves those of Redis first when a report must be exact to the minute.

Never stored: an IP address, a cookie, a user agent, a user, a full referring address, or any
identifier of a visitor or a visit; the counting (readership/counting.py) reads what it needs
from the request and keeps only the key above.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")


class Kind(models.TextChoices):
    VIEW = "view", _("Page views")
    PDF = "pdf", _("PDF downloads")
    CSV = "csv", _("CSV downloads")
    XLSX = "xlsx", _("Excel downloads")
    SECTION = "section", _("Sections reached")
    REFERRER = "referrer", _("Referring sites")
    SEARCH = "search", _("Searches")
    SEARCH_EMPTY = "search_empty", _("Searches with no result")


# What is counted for the site rather than for one page.
SITE = 0
LANGUAGE_LENGTH = 8
DETAIL_LENGTH = 200


class ReadershipCount(models.Model):
    period = models.CharField(_("period"), max_length=5, choices=Period, default=Period.DAY)
    day = models.DateField(_("day"))
    page_id = models.PositiveIntegerField(_("page"), default=SITE)
    language = models.CharField(_("language"), max_length=LANGUAGE_LENGTH)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    detail = models.CharField(_("detail"), max_length=DETAIL_LENGTH, blank=True, default="")
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("readership count")
        verbose_name_plural = _("readership counts")
        constraints = [
            # The key that counts are added to (readership/stores.py: INSERT … ON CONFLICT).
            models.UniqueConstraint(
                fields=["kind", "day", "page_id", "language", "detail", "period"],
                name="readership_count_key",
            )
        ]
        indexes = [models.Index(fields=["page_id", "kind", "day"], name="readership_page_kind_day")]

    def __str__(self):
        return f"{self.day} {self.page_id} {self.language} {self.kind} {self.detail}: {self.count}"
