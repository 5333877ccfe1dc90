"""The figures of the "Lectorat" admin report, read from the readership counts.

Every figure is a sum of `ReadershipCount.count` over the rows of a date range (both ends
included), both periods: the months that `rollup_readership` made from old days count where their
first day falls in the range. Nothing here is estimated or computed beyond sums and shares: a
figure the counts do not hold is zero, shown as such.

`Scope` says which pages a report covers: the whole site, or one annual report (its page and the
pages under it, in every language). The admin views (readership/admin_views.py) lay the figures
out; the CSV export writes the same `Table`s.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from readership import retention
from readership.models import SITE, Kind, ReadershipCount
from report import figure_format
from report.blocks.sections import stored_sections

# Beyond this many days, views over time are shown per month rather than per day.
MAX_DAYS_SHOWN_BY_DAY = 62
TOP = 10
DOWNLOAD_KINDS = (Kind.PDF, Kind.CSV, Kind.XLSX)


def languages():
    """The site's languages, in the order of the settings: French first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


@dataclass(frozen=True)
class DateRange:
    start: datetime.date
    end: datetime.date

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def by_month(self):
        """Per month when the range is long, or reaches back to days already rolled up."""
        return self.days > MAX_DAYS_SHOWN_BY_DAY or self.start < retention.first_kept_day()

    def periods(self):
        """Every day (or first day of a month) of the range, in order: a period without a count
        is a zero on the chart, not a gap."""
        if not self.by_month:
            return [self.start + datetime.timedelta(days=n) for n in range(self.days)]
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


@dataclass
class Row:
    """One line of a table: a label, then one count per language, then their total."""

    label: str
    counts: dict
    key: str = ""
    share: object = None  # a percentage (Decimal) where the table has one

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class Table:
    name: str
    title: str
    label_heading: str
    rows: list = field(default_factory=list)

    @property
    def total(self):
        return sum(row.total for row in self.rows)


class Scope:
    """The pages a readership report covers: `Scope.for_site()` or `Scope.for_report(page)`."""

    def __init__(self, page_ids=None, report=None):
        self.page_ids = page_ids
        self.report = report

    @classmethod
    def for_site(cls):
        return cls()

    @classmethod
    def for_report(cls, report):
        """An annual report: its page and those under it, in each language it is translated to."""
        translations = Page.objects.filter(translation_key=report.translation_key)
        ids = set()
        for translation in translations:
            ids.update(
                Page.objects.descendant_of(translation, inclusive=True).values_list("pk", flat=True)
            )
        return cls(page_ids=sorted(ids), report=report)

    def counts(self, kinds, date_range):
        rows = ReadershipCount.objects.filter(
            kind__in=kinds, day__range=(date_range.start, date_range.end)
        )
        if self.page_ids is not None:
            rows = rows.filter(page_id__in=self.page_ids)
        return rows


def per_language(rows, *group_by):
    """{(group values…): {language: total}} of `rows`."""
    totals = {}
    for row in rows.values(*group_by, "language").annotate(total=Sum("count")).order_by():
        key = tuple(row[name] for name in group_by)
        counts = totals.setdefault(key, zeros())
        if row["language"] in counts:
            counts[row["language"]] += row["total"]
    return totals


def views_over_time(scope, date_range):
    """A row per day (or month) of the range: the views in each language."""
    rows = scope.counts([Kind.VIEW], date_range)
    if date_range.by_month:
        totals = per_language(rows.annotate(month=TruncMonth("day")), "month")
    else:
        totals = per_language(rows, "day")
    return [
        Row(label=period, counts=totals.get((period,), zeros()), key=period.isoformat())
        for period in date_range.periods()
    ]


def views_by_page(scope, date_range, limit=None):
    """The pages read most, each under its title in the source language (a page's translations
    add up on one line); for a report, all its pages, read or not, in the order of the tree.
    Views of pages deleted since are added on a line of their own, last."""
    totals = per_language(scope.counts([Kind.VIEW], date_range), "page_id")
    shown = scope.page_ids if scope.page_ids is not None else [key[0] for key in totals]
    pages = Page.objects.filter(pk__in=shown).select_related("locale").order_by("path")
    lines, found = {}, set()
    for page in pages:
        found.add(page.pk)
        line = lines.setdefault(page.translation_key, Row(label="", counts=zeros()))
        for language, total in totals.get((page.pk,), {}).items():
            line.counts[language] += total
        if not line.label or page.locale.language_code == languages()[0]:
            line.label, line.key = page.title, page.url_path
    rows = list(lines.values())
    if scope.page_ids is None:
        rows.sort(key=lambda row: (-row.total, row.label))
    rows = rows[:limit] if limit else rows
    # The counts outlive their page: those of deleted pages on a line of their own.
    deleted = zeros()
    for (page_id,), counts in totals.items():
        if page_id not in found:
            for language, total in counts.items():
                deleted[language] += total
    if sum(deleted.values()):
        rows.append(Row(label=str(_("Pages deleted since")), counts=deleted))
    return rows


def downloads(scope, date_range):
    """PDF, CSV and Excel downloads, per language."""
    totals = per_language(scope.counts(DOWNLOAD_KINDS, date_range), "kind")
    return [
        Row(label=str(Kind(kind).label), counts=totals.get((kind,), zeros()), key=kind)
        for kind in DOWNLOAD_KINDS
    ]


def sections_reached(scope, date_range):
    """A report's sections in the order of its table of contents, each with how many page views
    reached it on screen (the beacon), per language, and that as a share of the report's views.

    wagtail-localize gives a section the same block id in every language: the counts of each
    translation's anchors add up on the section's line. Counts under an anchor the report no
    longer has (a section renamed or removed) are shown on a line of their own, never dropped.
    """
    source = scope.report.get_translation_or_none(Locale.get_default()) or scope.report
    translations = {
        page.pk: page
        for page in type(source).objects.filter(translation_key=source.translation_key)
    }
    block_of_anchor = {
        (page_id, anchor): block_id
        for page_id, page in translations.items()
        for block_id, anchor, _heading in stored_sections(page.body)
    }
    rows = scope.counts([Kind.SECTION], date_range).filter(page_id__in=translations)
    totals = per_language(rows, "page_id", "detail")
    reached, elsewhere = {}, zeros()
    for (page_id, anchor), counts in totals.items():
        block_id = block_of_anchor.get((page_id, anchor))
        target = reached.setdefault(block_id, zeros()) if block_id else elsewhere
        for language, total in counts.items():
            target[language] += total
    views = sum(
        per_language(scope.counts([Kind.VIEW], date_range).filter(page_id__in=translations))
        .get((), zeros())
        .values()
    )
    lines = [
        Row(
            label=f"{number:02d} {heading}",
            counts=reached.get(block_id, zeros()),
            key=anchor or "",
        )
        for number, (block_id, anchor, heading) in enumerate(stored_sections(source.body), 1)
    ]
    if sum(elsewhere.values()):
        lines.append(Row(label=str(_("Sections since renamed or removed")), counts=elsewhere))
    for line in lines:
        line.share = figure_format.ratio_percent(line.total, views)
    return lines


def top_referrers(scope, date_range, limit=TOP):
    """The other sites that led readers here (their host), most first."""
    return _top_details(scope.counts([Kind.REFERRER], date_range), limit)


def searches(date_range, kind=Kind.SEARCH, limit=TOP):
    """The words searched most on the site (searches are the site's, not a page's)."""
    rows = ReadershipCount.objects.filter(
        kind=kind, page_id=SITE, day__range=(date_range.start, date_range.end)
    )
    return _top_details(rows, limit)


def _top_details(rows, limit):
    totals = per_language(rows, "detail")
    lines = [Row(label=key[0], counts=counts, key=key[0]) for key, counts in totals.items()]
    lines.sort(key=lambda row: (-row.total, row.label))
    return lines[:limit]


def zeros():
    return dict.fromkeys(languages(), 0)
