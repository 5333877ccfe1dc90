"""The comparison of two revisions reads like the report, in the admin user's language.

The Direction approves the report by comparing versions (cms/comparison.py). The screens that
show a revision comparison, all Wagtail's revisions compare view:

- `/admin/pages/<id>/revisions/compare/<a>...<b>/`: two revisions, from the page's history
  (`/admin/pages/<id>/history/`) and the workflow's "Compare with previous version" links (the
  dashboard's pages awaiting review, `/admin/`, and the workflow status dialog of the page's
  editor, `/admin/pages/<id>/edit/`);
- `/admin/pages/<id>/revisions/compare/live...<b>/`: "Comparer avec la version publiée", from
  the dashboard's ⋯ menu and the workflow's "Compare with live version" links;
- `/admin/pages/<id>/revisions/compare/earliest...<b>/`: from the history's first version.

Numbers are written with the language's grouping ("68 577" / "68,577"), choices by their label,
Oui/Non, dates in words, an empty value as "—", a change as "old → new"; a row of a table whose
amounts changed is one changed row, even when it lost its id.
"""

import datetime
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.admin import compare
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.users.models import UserProfile

from cms.comparison import (
    BooleanComparison,
    ChoiceComparison,
    DateComparison,
    NumberComparison,
    ReadableListBlockComparison,
    ReadableStreamBlockComparison,
    ReadableStreamFieldComparison,
    ReadableStructBlockComparison,
    RichTextComparison,
    StaticComparison,
    TextComparison,
    comparison_class_for_block,
    paired_children,
)
from cms.streamfield import GuardedStreamBlock
from report.blocks.figures import KeyFigureBlock
from report.blocks.financial import KINDS, FinancialRowBlock
from report.models import ReportYearPage
from tests.factories import SuperUserFactory
from tests.report import fold

# What Wagtail showed before: stored values, and numbers run together.
RAW_VALUES = ("hours", "more_than", "revenue", "expense", "achieved", "None", "True", "False")
RUN_TOGETHER = ("6857770125", "None65000", "461876065000")


def words(html):
    """The text of some HTML with every run of spaces (no-break ones too) as one space."""
    return " ".join(BeautifulSoup(str(html), "html.parser").get_text().split())


def comparison_text(response):
    """The text of the comparison table of the compare view."""
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    return " ".join(table.get_text().split())


def label(choices, value, language):
    with translation.override(language):
        return str(dict(choices)[value])


QUALIFIERS = KeyFigureBlock().child_blocks["qualifier"].field.choices
UNITS = KeyFigureBlock().child_blocks["unit"].field.choices
KINDS_BLOCK = FinancialRowBlock().child_blocks["kind"]
# Labels whose French the catalogue has, whatever the report's blocks call their choices.
QUALIFIER_BLOCK = blocks.ChoiceBlock(
    choices=[("more_than", gettext_lazy("more than")), ("about", gettext_lazy("about"))],
    required=False,
)


# The compare view, on the demonstration report


@pytest.fixture
def report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr")


def admin_browser(client, language):
    """A superuser's browser, whose admin is in `language` (their profile's preference)."""
    user = SuperUserFactory(username=f"direction-{language}")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client.force_login(user)
    return client


def hours_figure(page):
    """The figures of the key figures block that counts the hours of service (68 577)."""
    return next(
        child.value["figures"]
        for child in page.body
        if child.block_type == "key_figures" and child.value["figures"][0]["unit"] == "hours"
    )


def financial_rows(page):
    return next(child.value["rows"] for child in page.body if child.block_type == "financial_table")


def new_revision(report, change):
    """A revision of the report's latest version changed by `change(page)`, as the admin saves."""
    page = ReportYearPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    change(page)
    return page.save_revision()


def revenues_not_typed_yet(page):
    # As in next year's report, whose actual amounts are to be typed.
    financial_rows(page)[0]["actual"] = None


def the_years_figures_typed(page):
    figures = hours_figure(page)
    figures[0]["value"] = Decimal(70125)
    figures[1]["qualifier"] = "about"
    financial_rows(page)[0]["actual"] = Decimal(65000)


def compare_url(report, first, second):
    return f"/admin/pages/{report.id}/revisions/compare/{first}...{second}/"


@pytest.fixture
def typed(report):
    """(revision before, revision after) the year's figures were typed."""
    before = new_revision(report, revenues_not_typed_yet)
    return before, new_revision(report, the_years_figures_typed)


def test_the_french_comparison_reads_like_the_report(client, report, typed):
    before, after = typed
    response = admin_browser(client, "fr").get(compare_url(report, before.id, after.id))

    text = comparison_text(response)
    assert "68 577 → 70 125" in text
    assert "— → 65 000 $" in text
    assert f"{label(QUALIFIERS, 'more_than', 'fr')} → {label(QUALIFIERS, 'about', 'fr')}" in text
    for choice_label in (label(UNITS, "hours", "fr"), label(KINDS, "revenue", "fr")):
        assert re.search(rf"\b{choice_label}\b", text)
    assert "Oui" in text  # the financial table's chart is shown
    assert "3 juin 2021" in text  # the first event of the timeline
    for raw in RAW_VALUES:
        assert not re.search(rf"\b{raw}\b", text), raw
    for run_together in RUN_TOGETHER:
        assert run_together not in text.replace(" ", "")


def test_a_changed_row_is_one_changed_row(client, report, typed):
    before, after = typed
    response = admin_browser(client, "fr").get(compare_url(report, before.id, after.id))

    html = fold(response.content.decode())
    assert "comparison__child-object addition" not in html
    assert "comparison__child-object deletion" not in html
    assert html.count("<dd>Produits</dd>") == 1
    assert (
        '<del><span class="deletion">—</span></del> → <ins><span class="addition">65\xa0000' in html
    )


def test_the_english_admin_writes_numbers_in_english(client, report, typed):
    response = admin_browser(client, "en").get(compare_url(report, "live", "latest"))

    text = comparison_text(response)
    assert "68,577 → 70,125" in text
    assert "$4,618,760 → $65,000" in text
    assert "more than → about" in text
    assert re.search(r"\bYes\b", text)
    for raw in ("more_than", "None", "True"):
        assert not re.search(rf"\b{raw}\b", text), raw


def test_a_row_typed_again_with_a_new_id_is_the_same_row(client, report):
    """An editor who deletes a row and types it again gives it a new id: matched by label."""
    live_rows = financial_rows(report)

    def revenues_typed_again(page):
        rows = financial_rows(page)
        rows[0] = {**rows[0], "actual": Decimal(65000)}  # a new item, with a new id

    after = new_revision(report, revenues_typed_again)

    after_rows = financial_rows(after.as_object())
    assert after_rows.bound_blocks[0].id != live_rows.bound_blocks[0].id
    response = admin_browser(client, "fr").get(compare_url(report, "live", after.id))
    html = " ".join(response.content.decode().split())
    assert "comparison__child-object addition" not in html
    assert "comparison__child-object deletion" not in html
    assert html.count("<dd>Produits</dd>") == 1
    assert "4 618 760 $ → 65 000 $" in comparison_text(response)


def test_a_row_renamed_and_typed_again_is_removed_and_added(client, report):
    def revenues_renamed(page):
        rows = financial_rows(page)
        rows[0] = {**rows[0], "label": "Revenus"}

    after = new_revision(report, revenues_renamed)

    response = admin_browser(client, "fr").get(compare_url(report, "live", after.id))
    html = " ".join(response.content.decode().split())
    added = html.split('class="comparison__child-object addition"')
    removed = html.split('class="comparison__child-object deletion"')
    assert len(added) == 2 and len(removed) == 2
    assert "Revenus" in added[1].split("</div>")[0]
    assert "Produits" in removed[1].split("</div>")[0]
    # The removed row is shown where it was: before the expenses.
    assert html.index("<dd>Produits</dd>") < html.index("<dd>Frais d’exploitation</dd>")


# Values


def diff(comparison_class, block, old, new, language="fr"):
    with translation.override(language):
        return comparison_class(block, True, True, old, new).htmldiff()


def test_a_changed_number_reads_old_then_new_in_del_and_ins():
    html = diff(NumberComparison, blocks.IntegerBlock(), 68577, 70125)
    assert html == (
        '<del><span class="deletion">68\xa0577</span></del> → '
        '<ins><span class="addition">70\xa0125</span></ins>'
    )
    assert words(html) == "68 577 → 70 125"


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [
        (Decimal("68577.00"), "68 577", "68,577"),
        (Decimal("8.50"), "8,5", "8.5"),
        (Decimal("-29779"), "-29 779", "-29,779"),
        (2.25, "2,25", "2.25"),
        (1234567, "1 234 567", "1,234,567"),
    ],
)
def test_numbers_are_written_in_the_admins_language(value, french, english):
    block = blocks.DecimalBlock()
    assert words(diff(NumberComparison, block, value, value, "fr")) == french
    assert words(diff(NumberComparison, block, value, value, "en")) == english


def test_an_empty_value_is_a_dash_never_none():
    block = blocks.DecimalBlock(required=False)
    assert words(diff(NumberComparison, block, None, Decimal(65000))) == "— → 65 000"
    assert words(diff(NumberComparison, block, Decimal(65000), None)) == "65 000 → —"
    assert words(diff(NumberComparison, block, None, None)) == "—"
    assert words(diff(TextComparison, blocks.CharBlock(), None, "")) == "—"
    assert words(diff(TextComparison, blocks.CharBlock(), "", "Produits")) == "— → Produits"


def test_an_unchanged_value_is_shown_plainly():
    assert diff(NumberComparison, blocks.IntegerBlock(), 300, 300) == "300"
    assert diff(ChoiceComparison, KeyFigureBlock().child_blocks["unit"], "hours", "hours") == (
        label(UNITS, "hours", "fr")
    )


def test_a_choice_is_its_label_in_the_admins_language():
    block = QUALIFIER_BLOCK
    french = words(diff(ChoiceComparison, block, "more_than", "about", "fr"))
    english = words(diff(ChoiceComparison, block, "more_than", "about", "en"))
    assert french == "plus de → environ"
    assert english == "more than → about"
    assert words(diff(ChoiceComparison, block, "", "about", "fr")) == "— → environ"


def test_several_choices_are_their_labels_and_an_unknown_one_its_value():
    block = blocks.MultipleChoiceBlock(choices=[("a", "Alpha"), ("b", "Beta")])
    assert words(diff(ChoiceComparison, block, ["a"], ["a", "b"])) == "Alpha → Alpha, Beta"
    block = blocks.ChoiceBlock(choices=[("a", "Alpha")])
    assert words(diff(ChoiceComparison, block, "a", "gone")) == "Alpha → gone"


def test_booleans_are_yes_or_no():
    block = blocks.BooleanBlock(required=False)
    assert words(diff(BooleanComparison, block, True, False, "fr")) == "Oui → Non"
    assert words(diff(BooleanComparison, block, False, True, "en")) == "No → Yes"


def test_dates_are_written_in_words():
    block = blocks.DateBlock()
    old, new = datetime.date(2021, 6, 3), datetime.date(2021, 6, 14)
    assert words(diff(DateComparison, block, old, new, "fr")) == "3 juin 2021 → 14 juin 2021"
    assert words(diff(DateComparison, block, old, new, "en")) == "3 Jun 2021 → 14 Jun 2021"


def test_text_changes_word_by_word_as_wagtail_does():
    html = diff(TextComparison, blocks.CharBlock(), "Produits totaux", "Produits nets")
    assert html == (
        'Produits <span class="deletion">totaux</span><span class="addition">nets</span>'
    )


def test_rich_text_is_compared_as_its_text():
    block = blocks.RichTextBlock()
    old, new = block.to_python("<p>Une année</p>"), block.to_python("<p>Une belle année</p>")
    assert words(diff(RichTextComparison, block, old, new)) == "Une belle année"
    assert 'class="addition"' in diff(RichTextComparison, block, old, new)
    assert words(diff(RichTextComparison, block, block.to_python(""), new)) == (
        "— → Une belle année"
    )


def test_a_static_block_is_named_by_its_label():
    block = blocks.StaticBlock(label="coordonnées")
    assert StaticComparison(block, False, True, None, None).htmlvalue(None) == "Coordonnées"


def test_the_lookup_gives_the_readable_comparison_of_each_kind_of_block():
    from report.blocks.fields import AmountBlock, AmountComparison, NoteNumberBlock, NumberBlock

    assert comparison_class_for_block(AmountBlock()) is AmountComparison
    assert comparison_class_for_block(NumberBlock()) is NumberComparison
    assert comparison_class_for_block(NoteNumberBlock()) is NumberComparison
    assert comparison_class_for_block(blocks.FloatBlock()) is NumberComparison
    assert comparison_class_for_block(KINDS_BLOCK) is ChoiceComparison
    assert comparison_class_for_block(FinancialRowBlock()) is ReadableStructBlockComparison
    assert comparison_class_for_block(blocks.ListBlock(FinancialRowBlock())) is (
        ReadableListBlockComparison
    )
    assert comparison_class_for_block(GuardedStreamBlock()) is ReadableStreamBlockComparison
    # A block's own comparison (Wagtail's images) is kept.
    from wagtail.images.blocks import ImageChooserBlock

    image_block = ImageChooserBlock()
    assert comparison_class_for_block(image_block) is image_block.get_comparison_class()


# Structs and lists


ROW_BLOCK = FinancialRowBlock()
ROWS_BLOCK = blocks.ListBlock(ROW_BLOCK)
REVENUES = {
    "label": "Produits",
    "kind": "revenue",
    "actual": Decimal(4618760),
    "budget": Decimal(4598552),
    "previous_actual": None,
    "next_budget": None,
    "note": None,
}
EXPENSES = {**REVENUES, "label": "Frais d’exploitation", "kind": "expense"}


def rows(*items):
    """A stored list of rows: (id or None, row)."""
    return ROWS_BLOCK.to_python(
        [
            {"type": "item", "value": ROW_BLOCK.get_prep_value(ROW_BLOCK.normalize(row)), "id": id_}
            if id_
            else ROW_BLOCK.get_prep_value(ROW_BLOCK.normalize(row))
            for id_, row in items
        ]
    )


def list_diff(old, new, language="fr"):
    with translation.override(language):
        return ReadableListBlockComparison(ROWS_BLOCK, True, True, old, new).htmldiff()


def test_a_new_row_lists_its_values_as_the_page_writes_them():
    with translation.override("fr"):
        html = ReadableStructBlockComparison(
            ROW_BLOCK, False, True, None, ROW_BLOCK.normalize(REVENUES)
        ).htmlvalue(ROW_BLOCK.normalize(REVENUES))
    assert "<dd>4\xa0618\xa0760\xa0$</dd>" in html
    assert f"<dd>{label(KINDS, 'revenue', 'fr')}</dd>" in html
    assert "<dd>—</dd>" in html


def test_a_new_list_lists_its_rows_not_their_stored_values():
    with translation.override("fr"):
        html = ReadableListBlockComparison(ROWS_BLOCK, False, True, None, None).htmlvalue(
            rows(("a", REVENUES))
        )
    assert html.startswith('<div class="comparison__child-object"><dl>')
    assert "4 618 760" in words(html)
    assert "revenue" not in words(html)


def test_rows_are_matched_by_id():
    old = rows(("a", REVENUES), ("b", EXPENSES))
    new = rows(("b", EXPENSES), ("a", {**REVENUES, "label": "Revenus", "actual": Decimal(1)}))

    html = list_diff(old, new)

    assert "comparison__child-object addition" not in html
    assert "comparison__child-object deletion" not in html
    assert "4 618 760 $ → 1 $" in words(html)
    assert words(html).index("Frais") < words(html).index("Revenus")


def test_rows_with_new_ids_are_matched_by_label_case_and_spaces_aside():
    old = rows(("a", REVENUES), ("b", EXPENSES))
    new = rows(("c", {**REVENUES, "label": " PRODUITS ", "actual": Decimal(1)}), ("d", EXPENSES))

    html = list_diff(old, new)

    assert "comparison__child-object addition" not in html
    assert "comparison__child-object deletion" not in html
    assert "4 618 760 $ → 1 $" in words(html)


def test_rows_stored_without_ids_are_matched_by_label_then_position():
    old = rows((None, REVENUES), (None, EXPENSES))
    new = rows((None, {**EXPENSES, "actual": Decimal(2)}), (None, {**REVENUES, "label": "Ventes"}))

    html = list_diff(old, new)

    assert "comparison__child-object addition" not in html
    assert "comparison__child-object deletion" not in html
    assert "4 618 760 $ → 2 $" in words(html)  # expenses, matched by label
    assert "Produits" in words(html) and "Ventes" in words(html)  # the other row, by position


def test_rows_with_ids_are_not_matched_by_position():
    old = rows(("a", REVENUES))
    new = rows(("b", {**REVENUES, "label": "Ventes"}))

    html = list_diff(old, new)

    assert html.count("comparison__child-object addition") == 1
    assert html.count("comparison__child-object deletion") == 1


class Child:
    def __init__(self, key):
        self.key = key


def by_key(child, position):
    return child.key


def keys(pairs):
    return [(old and old.key, new and new.key) for old, new in pairs]


def test_a_removed_child_is_shown_after_the_child_before_it_in_the_old_order():
    old = [Child("a"), Child("b"), Child("c"), Child("d")]
    new = [Child("x"), Child("c"), Child("a")]

    pairs = paired_children(old, new, [by_key])

    assert keys(pairs) == [(None, "x"), ("c", "c"), ("d", None), ("a", "a"), ("b", None)]


def test_a_key_given_twice_matches_in_order_and_each_child_once():
    old = [Child("a"), Child("a")]
    new = [Child("a"), Child("a"), Child("a")]

    assert keys(paired_children(old, new, [by_key])) == [("a", "a"), ("a", "a"), (None, "a")]


def test_an_unknown_key_matches_nothing():
    assert keys(paired_children([Child(None)], [Child(None)], [by_key])) == [
        (None, None),
        (None, None),
    ]


# Streams


def test_a_stream_child_is_matched_by_its_id_and_its_fields_compared_readably():
    stream_block = GuardedStreamBlock([("row", FinancialRowBlock())])
    stored = {"type": "row", "value": ROW_BLOCK.get_prep_value(ROW_BLOCK.normalize(REVENUES))}
    old = stream_block.to_python([{**stored, "id": "a"}])
    new = stream_block.to_python(
        [{**stored, "id": "a", "value": {**stored["value"], "actual": "65000"}}]
    )

    with translation.override("fr"):
        html = ReadableStreamBlockComparison(stream_block, True, True, old, new).htmldiff()

    assert "4 618 760 $ → 65 000 $" in words(html)
    assert "comparison__child-object addition" not in html


# What this relies on in Wagtail (cms/comparison.py, "Wagtail internals"): fails on upgrade


def test_every_stream_field_is_compared_by_the_readable_comparison():
    stream_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    assert stream_fields
    for field in stream_fields:
        assert compare.comparison_class_registry.get(field) is ReadableStreamFieldComparison
        assert isinstance(field.stream_block, GuardedStreamBlock), field


def panels(panel):
    yield panel
    for child in getattr(panel, "children", ()):
        yield from panels(child)


def test_the_report_body_panel_compares_with_the_readable_comparison():
    """The compare view asks each FieldPanel for its comparison class (Wagtail's registry)."""
    edit_handler = ReportYearPage.get_edit_handler()
    body_panels = [
        panel for panel in panels(edit_handler) if getattr(panel, "field_name", None) == "body"
    ]
    assert [panel.get_comparison_class() for panel in body_panels] == [
        ReadableStreamFieldComparison
    ]


def test_list_items_keep_the_id_they_were_stored_with_as_original_id():
    stored = ROWS_BLOCK.to_python([{"type": "item", "value": {"label": "x"}, "id": "a"}])
    old_format = ROWS_BLOCK.to_python([{"label": "x"}])
    assert stored.bound_blocks[0].original_id == "a"
    assert old_format.bound_blocks[0].original_id is None
    assert isinstance(old_format, ListValue)


def test_wagtails_sequence_comparison_renders_our_child_comparisons():
    """BaseSequenceBlockComparison.htmldiff() must keep calling get_block_comparisons()."""
    assert issubclass(ReadableListBlockComparison, compare.BaseSequenceBlockComparison)
    old, new = rows(("a", REVENUES)), rows(("b", {**REVENUES, "actual": Decimal(1)}))
    assert "4 618 760 $ → 1 $" in words(list_diff(old, new))
