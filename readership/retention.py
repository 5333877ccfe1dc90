"""Daily counts kept READERSHIP_RETENTION_MONTHS (25 by default), then one row per month.

`rollup_readership` (daily, from cron or the platform's scheduler) adds the daily rows of every
whole month older than the retention into "month" rows (day = the month's first day, the same
totals) and deletes them, in one transaction. Run twice, the second run finds no daily row to
roll: nothing changes.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from readership.models import Period, ReadershipCount
from readership.stores import add_to_database

DEFAULT_RETENTION_MONTHS = 25


def retention_months():
    return getattr(settings, "READERSHIP_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)


def first_kept_day(today=None, months=None):
    """The first day of the oldest month kept by day: whole months only are rolled up."""
    today = today or timezone.localdate()
    months = retention_months() if months is None else months
    month_index = today.year * 12 + (today.month - 1) - months
    return date(month_index // 12, month_index % 12 + 1, 1)


def roll_up(today=None):
    """Roll the daily rows before `first_kept_day` into months; returns (daily rows rolled,
    month rows written)."""
    cutoff = first_kept_day(today)
    with transaction.atomic():
        old_days = ReadershipCount.objects.filter(period=Period.DAY, day__lt=cutoff)
        months = (
            old_days.annotate(month=TruncMonth("day"))
            .values("month", "page_id", "language", "kind", "detail")
            .annotate(total=Sum("count"))
            .order_by()
        )
        rows = [
            (
                Period.MONTH,
                month["month"],
                month["page_id"],
                month["language"],
                month["kind"],
                month["detail"],
                month["total"],
            )
            for month in months
        ]
        if rows:
            add_to_database(rows)
        rolled, _by_model = old_days.delete()
    return rolled, len(rows)
