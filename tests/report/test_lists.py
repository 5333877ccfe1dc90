import pytest
from django.utils import translation
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from report.blocks.lists import ObjectivesBlock, OrderedListBlock
from tests.factories import ReportIndexPageFactory, ReportYearPageFactory

DIVERSIFICATION = "Diversification des utilisateurs de services"
MARGIN = "Amélioration de la marge bénéficiaire"
TERRITORY = "Développer une stratégie de développement et d’ancrage territorial"
NETWORKS = "Redynamiser les relations avec les réseaux coopératifs et mutualistes"


def render(block, value, context, language):
    with translation.override(language):
        return " ".join(block.render(value, context).split())


def objectives(*objectives, heading="Objectifs de l'exercice"):
    raw = [
        {"text": text, "status": status} if status is not None else {"text": text}
        for text, status in objectives
    ]
    return ObjectivesBlock().to_python({"heading": heading, "objectives": raw})


def ordered_list(*items, heading="Orientations stratégiques", introduction=""):
    return OrderedListBlock().to_python(
        {"heading": heading, "introduction": introduction, "items": list(items)}
    )


@pytest.fixture
def context(home_page, rf):
    index = ReportIndexPageFactory(parent=home_page)
    return {"page": ReportYearPageFactory(parent=index), "request": rf.get("/")}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_objectives_are_a_list_with_a_heading(context, language):
    value = objectives((DIVERSIFICATION, "achieved"), (MARGIN, "in_progress"))

    html = render(ObjectivesBlock(), value, context, language)

    assert '<h3 class="objectives__heading">Objectifs de l&#x27;exercice</h3>' in html
    assert '<ul class="objectives__list">' in html
    assert html.count('<li class="objective ') == 2
    assert html.index(DIVERSIFICATION) < html.index(MARGIN)


@pytest.mark.parametrize(
    ("status", "words", "icon"),
    [
        ("achieved", "Achieved", "✓"),
        ("in_progress", "In progress", "◐"),
        ("not_achieved", "Not achieved", "✕"),
        ("planned", "Planned", "○"),
    ],
)
def test_objective_status_is_written_in_words_beside_a_decorative_icon(
    context, status, words, icon
):
    html = render(ObjectivesBlock(), objectives((MARGIN, status)), context, "en")

    assert f'<li class="objective objective--{status}">' in html
    assert f'<span class="objective__icon" aria-hidden="true">{icon}</span>' in html
    assert (
        '<span class="objective__status"><span class="visually-hidden">Status:</span> '
        f"{words}</span>"
    ) in html


def test_objectives_need_at_least_one_objective():
    block = ObjectivesBlock()

    with translation.override("en"), pytest.raises(StructBlockValidationError) as error:
        block.clean(objectives())

    with translation.override("en"):
        assert error.value.block_errors["objectives"].messages == ["Add at least one objective."]


def test_an_unknown_status_is_rejected():
    block = ObjectivesBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(objectives((MARGIN, "forgotten")))

    objectives_error = error.value.block_errors["objectives"]
    assert isinstance(objectives_error, ListBlockValidationError)
    assert "status" in objectives_error.block_errors[0].block_errors


def test_a_draft_may_keep_an_empty_list_of_objectives():
    block = ObjectivesBlock()

    value = block.clean_deferred(objectives())

    assert list(value["objectives"]) == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_ordered_list_numbers_its_items_in_the_order_entered(context, language):
    value = ordered_list(TERRITORY, NETWORKS, introduction="Pour 2022-2025.")

    html = render(OrderedListBlock(), value, context, language)

    assert '<h3 class="ordered-list__heading">Orientations stratégiques</h3>' in html
    assert "<p>Pour 2022-2025.</p>" in html
    assert '<ol class="ordered-list__items">' in html
    assert html.index(f"<li>{TERRITORY}</li>") < html.index(f"<li>{NETWORKS}</li>")


def test_ordered_list_without_heading_has_no_heading(context):
    html = render(OrderedListBlock(), ordered_list(TERRITORY, heading=""), context, "fr")

    assert "<h3" not in html


def test_ordered_list_needs_at_least_one_item():
    block = OrderedListBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(ordered_list())

    with translation.override("en"):
        assert error.value.block_errors["items"].messages == ["Add at least one item to the list."]


def test_an_empty_item_is_shown_on_the_item():
    block = OrderedListBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(ordered_list(TERRITORY, ""))

    items_error = error.value.block_errors["items"]
    assert isinstance(items_error, ListBlockValidationError)
    assert list(items_error.block_errors) == [1]


def test_a_draft_may_keep_an_empty_ordered_list():
    assert list(OrderedListBlock().clean_deferred(ordered_list())["items"]) == []


@pytest.mark.parametrize(
    ("block", "expected"),
    [(ObjectivesBlock(), [DIVERSIFICATION, MARGIN]), (OrderedListBlock(), [TERRITORY, NETWORKS])],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_previews_show_the_2021_2022_report(context, block, expected, language):
    value = block.clean(block.get_preview_value())

    html = render(block, value, context, language)

    assert all(text in html for text in expected)
    assert block.get_description()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_objective_whose_status_the_report_does_not_give_shows_none(context, language):
    """Unknown is a state of its own: no status written, no status icon, no default."""
    html = render(
        ObjectivesBlock(), objectives((MARGIN, None), (DIVERSIFICATION, "")), context, language
    )

    assert html.count('<li class="objective">') == 2
    assert "objective__status" not in html
    assert '<span class="objective__icon" aria-hidden="true">•</span>' in html
    for status_word in ("Atteint", "Achieved", "En cours", "In progress", "Statut", "Status"):
        assert status_word not in html
