import datetime

import pytest
from django.utils import translation
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from report.blocks.timeline import EventBlock, EventCategoryBlock, TimelineBlock
from tests.admin_forms import report_form
from tests.factories import ReportIndexPageFactory, ReportYearPageFactory
from tests.html import page_html

ASSEMBLIES = "Participation à des événements – AGA et autres"


def category(name=ASSEMBLIES, events=(), stated_count=None):
    """Events as (date, title) or (date, title, precision)."""
    return {"name": name, "stated_count": stated_count, "events": [event(*e) for e in events]}


def event(date, title, precision="day"):
    return {"date": date, "precision": precision, "title": title}


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
    data = {"event-date": "2021-06-03", "event-precision": "day", "event-title": "AGA CDRQ"}

    value = block.clean(block.value_from_datadict(data, {}, "event"))

    assert value["date"] == datetime.date(2021, 6, 3)


@pytest.mark.parametrize(
    ("language", "message"), [("en", "Enter a valid date."), ("fr", "Saisissez une date valide.")]
)
def test_text_that_is_not_a_date_is_rejected_with_a_message(language, message):
    block = EventBlock()
    data = {"event-date": "début juin", "event-precision": "day", "event-title": "AGA CDRQ"}

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


# Dates as precise as the source: an event known only by its month or its year.

PRESENTATIONS = [
    ("2021-11-09", "Retournzy"),
    ("2021-10-01", "Le Beam", "month"),
    ("2021-09-13", "Domaine du Parc Savard"),
    ("2021-01-01", "Fondation", "year"),
]


@pytest.mark.parametrize(
    ("language", "october", "november"),
    [("fr", "octobre 2021", "9 novembre 2021"), ("en", "October 2021", "November 9, 2021")],
)
def test_an_event_known_by_its_month_or_year_shows_only_what_is_known(
    context, language, october, november
):
    html = render(timeline(category(events=PRESENTATIONS)), context, language)

    assert f'<time class="timeline__date" datetime="2021-10">{october}</time>' in html
    assert '<time class="timeline__date" datetime="2021">2021</time>' in html
    assert f'<time class="timeline__date" datetime="2021-11-09">{november}</time>' in html
    assert "1er octobre" not in html and "October 1," not in html
    titles = ["Fondation", "Domaine du Parc Savard", "Le Beam", "Retournzy"]
    assert sorted(titles, key=html.index) == titles


def test_an_event_of_a_month_sorts_as_its_first_day_in_the_order_entered():
    value = timeline(
        category(
            events=[
                ("2021-10-14", "Le 14"),
                ("2021-10-01", "Le Beam", "month"),
                ("2021-10-01", "Le 1er"),
                ("2021-09-30", "Septembre"),
            ]
        )
    )

    titles = [event["title"] for event in value["categories"][0].events_in_date_order]

    assert titles == ["Septembre", "Le Beam", "Le 1er", "Le 14"]


@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        ("day", datetime.date(2021, 10, 20)),
        ("month", datetime.date(2021, 10, 1)),
        ("year", datetime.date(2021, 1, 1)),
    ],
)
def test_the_date_is_stored_as_the_first_day_of_what_is_known(precision, stored):
    block = EventBlock()
    data = {"event-date": "2021-10-20", "event-precision": precision, "event-title": "Le Beam"}

    value = block.clean(block.value_from_datadict(data, {}, "event"))

    assert value["date"] == stored
    assert value["precision"] == precision


def test_an_event_stored_before_precisions_existed_is_a_dated_day():
    value = EventBlock().to_python({"date": "2021-06-03", "title": "AGA CDRQ"})

    assert (value["precision"], value.iso_date) == ("day", "2021-06-03")


def test_the_words_of_the_precision_are_not_searchable():
    value = timeline(category(events=PRESENTATIONS))

    with translation.override("fr"):
        words = " ".join(TimelineBlock().get_searchable_content(value))

    assert "Le Beam" in words
    assert "Mois" not in words and "Jour" not in words


@pytest.mark.django_db
def test_an_editor_publishes_an_event_known_by_its_month(superuser_client, client, report):
    body = [
        (
            "timeline",
            {
                "heading": "Démarches",
                "categories": [
                    {
                        "name": "Présentation des services du Consortium",
                        "stated_count": "2",
                        "events": [
                            event("2021-10-20", "Le Beam", "month"),
                            event("2021-09-13", "Domaine du Parc Savard"),
                        ],
                    }
                ],
            },
        )
    ]

    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form(body, slug=report.slug, **{"action-publish": "publish"}),
    )

    assert response.status_code == 302, page_html(response)[:3000]
    report.refresh_from_db()
    [timeline_value] = [child.value for child in report.body if child.block_type == "timeline"]
    beam = timeline_value["categories"][0]["events"][0]
    assert (beam["date"], beam["precision"]) == (datetime.date(2021, 10, 1), "month")
    html = page_html(client.get(report.url))
    assert '<time class="timeline__date" datetime="2021-10">octobre 2021</time>' in html
    assert html.index("Domaine du Parc Savard") < html.index("Le Beam")
