"""Times in the admin and on the site, in Québec French as the OQLF writes them: "15 h 09"
(config/formats/), where Django's fr_CA formats gave "15 03 09"."""

import datetime

from django.utils import formats, translation

NBSP = "\u00a0"
AFTERNOON = datetime.datetime(2026, 12, 6, 15, 9, 42)


def formatted(name, language="fr"):
    with translation.override(language):
        return formats.date_format(AFTERNOON, name)


def test_french_times_read_hours_h_minutes():
    assert formatted("TIME_FORMAT") == f"15{NBSP}h{NBSP}09"
    assert formatted("DATETIME_FORMAT") == f"6 décembre 2026, 15{NBSP}h{NBSP}09"
    assert formatted("SHORT_DATETIME_FORMAT") == f"2026-12-06 15{NBSP}h{NBSP}09"


def test_english_times_are_left_as_django_writes_them():
    assert "3:09" in formatted("TIME_FORMAT", "en")
