"""A translation source updated string by string (`update_translation_source`, in
editorial/localization.py) holds the segments that wagtail-localize's own `refresh_segments`
gives it, in a fraction of the queries.

It is what the report's release calls for each page it publishes (report/release.py), on the
approval: POST /admin/pages/workflow/action/<page id>/approve/<task state id>/ (the Direction).
The other URLs that read the segments it writes: the translation editor
(/admin/localize/translate/<translation id>/), the translation status (/admin/translations/) and
the release panel of the report's edit view (/admin/pages/<id>/edit/); they read what
wagtail-localize would have stored, which these tests check.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StreamValue
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    TemplateSegment,
    TranslationSource,
)

from editorial.localization import update_translation_source
from report.models import ReportYearPage

pytestmark = pytest.mark.django_db

SEGMENT_MODELS = (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment)


@pytest.fixture
def demo_report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr", slug="2021-2022")


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale_id=page.locale_id)


def segments(source):
    """Every segment of `source`, with its row: what the translation editor reads."""
    rows = set()
    for model in SEGMENT_MODELS:
        for segment in model.objects.filter(source=source).select_related("context"):
            text = segment.string.data if model is StringSegment else None
            rows.add((model.__name__, segment.pk, segment.context.path, segment.order, text))
    return rows


def edited(report):
    """The report's draft with its title, one heading and the order of two blocks changed and
    one block removed: strings new, moved and gone."""
    draft = report.get_latest_revision_as_object()
    draft.title = "Rapport annuel 2021-2022 (révisé)"
    body = list(draft.body)
    first_section = next(child for child in body if child.block_type == "section")
    first_section.value["heading"] = "Introduction, revue"
    body[1], body[2] = body[2], body[1]
    del body[3]
    draft.body = StreamValue(
        draft.body.stream_block, [(child.block_type, child.value, child.id) for child in body]
    )
    draft.save_revision()
    return ReportYearPage.objects.get(pk=report.pk).get_latest_revision_as_object()


def test_the_segments_are_those_of_wagtail_localize(demo_report):
    draft = edited(demo_report)

    source, changed = update_translation_source(draft)
    ours = segments(source)
    source.refresh_segments()  # wagtail-localize's own, from the same content.

    assert changed
    assert segments(source) == ours
    texts = {row[4] for row in ours}
    assert "Rapport annuel 2021-2022 (révisé)" in texts
    assert "Introduction, revue" in texts
    assert "Rapport annuel 2021-2022" not in texts


def test_only_the_changed_strings_cost_queries(demo_report):
    draft = edited(demo_report)
    source = source_of(demo_report)
    string_count = StringSegment.objects.filter(source=source).count()

    with CaptureQueriesContext(connection) as queries:
        update_translation_source(draft)

    # wagtail-localize's refresh: some four queries a string (121 strings: about 500); here
    # a few for each changed string and each segment that is not a string (62 in all).
    assert string_count > 100
    assert len(queries) < string_count * 2 / 3


def test_an_unchanged_page_leaves_its_source_as_it_was(demo_report):
    page = demo_report.get_latest_revision_as_object()
    before = source_of(demo_report)
    rows = segments(before)

    source, changed = update_translation_source(page)

    assert not changed
    assert source.last_updated_at == before.last_updated_at
    assert segments(source) == rows


def test_a_page_without_a_source_gets_wagtail_localizes(demo_report):
    source_of(demo_report).delete()

    source, changed = update_translation_source(demo_report)

    assert changed
    fresh = segments(source)
    source.refresh_segments()
    assert segments(source) == fresh
    assert any(row[4] == demo_report.title for row in fresh)
