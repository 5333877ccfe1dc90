import datetime

import pytest
from django.utils import translation
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from report.blocks.timeline import EventBlock, EventCategoryBlock, TimelineBlock
from tests.factories import ReportIndexPageFactory, ReportYearPageFactory

ASSEMBLIES = "Participation à des événements – AGA et autres"


def category(name=ASSEMBLIES, events=(), stated_count=None):
    return {
        "name": name,
        "stated_count": stated_count,
        "events": [{"date": date, "title": title} for date, title in events],
    }


def timeline(*categories, heading="Représentation et rayonnement", introduction=""):
    return TimelineBlock().to_python(
        {"heading": heading, "introduction": introduction, "categories": list(categories)}
    )


# Entered out of order on purpose: the page orders them by date.
ASSEMBLY_EVENTS = [
    ("2021-10-28", "AGA Chantier de l'économie sociale"),
    ("2021-06-03", "AGA CDRQ"),
]


def render(value, context, language):
    with translation.override(language):
        return " ".join(TimelineBlock().render(value, context).split())


@pytest.fixture
def context(home_page, rf):
    index = ReportIndexPageFactory(parent=home_page)
    return {"page": ReportYearPageFactory(parent=index), "request": rf.get("/")}


@pytest.mark.parametrize(
    ("language", "june", "october"),
    [("fr", "3 juin 2021", "28 octobre 2021"), ("en", "June 3, 2021", "October 28, 2021")],
)
def test_events_are_listed_by_date_with_dates_in_the_visitors_language(
    context, language, june, october
):
    html = render(timeline(category(events=ASSEMBLY_EVENTS)), context, language)

    assert f'<time class="timeline__date" datetime="2021-06-03">{june}</time>' in html
    assert f'<time class="timeline__date" datetime="2021-10-28">{october}</time>' in html
    assert html.index("AGA CDRQ") < html.index("AGA Chantier de l&#x27;économie sociale")
    assert '<ol class="timeline__events">' in html


def test_each_category_shows_its_counted_events(context):
    value = timeline(
        category(events=ASSEMBLY_EVENTS),
        category("Rencontres de développement", [("2021-09-14", "Rencontre MCE Conseils")]),
    )

    html = render(value, context, "en")

    assert '<p class="timeline__count"> 2 events </p>' in html
    assert '<p class="timeline__count"> 1 event </p>' in html


def test_events_on_the_same_day_keep_the_order_entered():
    value = timeline(
        category(
            events=[("2021-06-03", "Deuxième"), ("2021-06-03", "Premier"), ("2021-05-01", "A")]
        )
    )

    titles = [event["title"] for event in value["categories"][0].events_in_date_order]

    assert titles == ["A", "Deuxième", "Premier"]


def test_categories_are_one_level_below_the_timeline_heading(context):
    html = render(timeline(category(events=ASSEMBLY_EVENTS)), context, "fr")

    assert '<h3 class="timeline__heading">Représentation et rayonnement</h3>' in html
    assert f'<h4 class="timeline__category-name">{ASSEMBLIES}</h4>' in html


def test_categories_of_a_timeline_without_heading_are_h3(context):
    html = render(timeline(category(events=ASSEMBLY_EVENTS), heading=""), context, "fr")

    assert "<h4" not in html
    assert f'<h3 class="timeline__category-name">{ASSEMBLIES}</h3>' in html


def test_introduction_is_shown_as_paragraphs(context):
    value = timeline(category(events=ASSEMBLY_EVENTS), introduction="Une année active.")

    assert "<p>Une année active.</p>" in render(value, context, "fr")


def test_stated_count_that_differs_from_the_events_is_an_error_naming_both():
    block = EventCategoryBlock()
    value = block.to_python(category(events=ASSEMBLY_EVENTS, stated_count=3))

    with translation.override("en"), pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    message = error.value.block_errors["stated_count"].messages[0]
    assert "3" in message
    assert "2 events are listed" in message


def test_stated_count_error_is_shown_on_its_category_inside_the_timeline():
    block = TimelineBlock()
    value = timeline(
        category(events=ASSEMBLY_EVENTS, stated_count=2),
        category("Rencontres", [("2021-09-14", "Rencontre")], stated_count=4),
    )

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    categories_error = error.value.block_errors["categories"]
    assert isinstance(categories_error, ListBlockValidationError)
    assert list(categories_error.block_errors) == [1]
    assert "stated_count" in categories_error.block_errors[1].block_errors


@pytest.mark.parametrize("stated_count", [None, 2])
def test_stated_count_may_be_left_empty_or_match(stated_count):
    block = EventCategoryBlock()

    value = block.clean(
        block.to_python(category(events=ASSEMBLY_EVENTS, stated_count=stated_count))
    )

    assert value.count == 2


def test_dates_are_stored_as_dates():
    block = EventBlock()
    data = {"event-date": "2021-06-03", "event-title": "AGA CDRQ"}

    value = block.clean(block.value_from_datadict(data, {}, "event"))

    assert value["date"] == datetime.date(2021, 6, 3)


@pytest.mark.parametrize(
    ("language", "message"), [("en", "Enter a valid date."), ("fr", "Saisissez une date valide.")]
)
def test_text_that_is_not_a_date_is_rejected_with_a_message(language, message):
    block = EventBlock()
    data = {"event-date": "début juin", "event-title": "AGA CDRQ"}

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.value_from_datadict(data, {}, "event"))

    with translation.override(language):
        assert error.value.block_errors["date"].messages == [message]


def test_an_event_without_a_title_is_rejected():
    block = EventBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"date": "2021-06-03", "title": ""}))

    assert "title" in error.value.block_errors


@pytest.mark.parametrize("language", ["fr", "en"])
def test_preview_shows_the_2021_2022_assemblies(context, language):
    block = TimelineBlock()
    value = block.clean(block.get_preview_value())

    html = render(value, context, language)

    assert ASSEMBLIES in html
    assert 'datetime="2021-06-03"' in html
    assert 'datetime="2021-10-28"' in html
    assert block.get_description()
