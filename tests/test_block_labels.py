"""Every block label of every page's StreamFields is capitalised, as Wagtail's own labels are.

The admin shows a block's label above its fields ("Titre", "Ancre") and wagtail-localize's
translation editor as the heading of its strings: "titre" beside Wagtail's "Titre" read as a
mistake. The StreamField itself is labelled by its model field's verbose name, lower case as
Django's convention has it (forms capitalise it): only the blocks inside are walked.
"""

import pytest
from django.utils import translation
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models


def descendants(block, path):
    """(path, block) of every block under `block`: struct and stream children, list items."""
    if isinstance(block, blocks.ListBlock):
        children = [("item", block.child_block)]
    else:
        children = getattr(block, "child_blocks", {}).items()
    for name, child in children:
        child_path = f"{path}.{name}"
        yield child_path, child
        yield from descendants(child, child_path)


def page_blocks():
    """(path, block) of every block of every StreamField of every page model."""
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield from descendants(field.stream_block, f"{model.__name__}.{field.name}")


def uncapitalised_labels():
    return [
        (path, str(block.label))
        for path, block in page_blocks()
        if not str(block.label)[:1].isupper()
    ]


def test_the_walk_reaches_nested_blocks_of_each_page_model():
    paths = {path for path, _block in page_blocks()}
    assert "ReportYearPage.body.timeline.categories" in paths
    assert "ReportYearPage.body.timeline.categories.item.events.item.date" in paths
    assert "ProjectPage.teams.team.name" in paths
    assert "ProjectPage.activities.activity" in paths
    assert "HomePage.body.call_to_action.heading" in paths


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_block_label_starts_with_a_capital(language):
    with translation.override(language):
        assert uncapitalised_labels() == []


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Heading", "Anchor", "Introduction", "Categories"]),
        ("fr", ["Titre", "Ancre", "Introduction", "Catégories"]),
    ],
)
def test_the_labels_editors_reported_read_capitalised(language, labels):
    body = dict(page_blocks())
    with translation.override(language):
        assert [
            str(body["ReportYearPage.body.section.heading"].label),
            str(body["ReportYearPage.body.section.anchor"].label),
            str(body["ReportYearPage.body.timeline.introduction"].label),
            str(body["ReportYearPage.body.timeline.categories"].label),
        ] == labels
