"""Next year's report, started from this year's as last edited: the same sections and blocks,
the figures to update, the fiscal year's name moved on where it is a name, and a list of the
text that still speaks of last year for the editor to review.

It is made from the report's latest revision, published or not (`next_year_source`): an editor
who has started correcting this year's report in a draft wants those corrections next year too.

The body is handled as raw StreamField data (the JSON list of {"type", "value", "id"} that
`StreamValue.get_prep_value()` gives), so that these functions are pure and tested alone.
What is kept, moved or cleared, block by block (see docs/report-blocks.md):

- key figures: each value becomes `previous_value` (the change is computed once the editor
  types the new value) and the value is cleared: a figure without a value shows nothing, and
  the content checks (`report/checks.py`) list it;
- financial table: `actual` moves to `previous_actual`, `next_budget` to `budget`; `actual`,
  `next_budget`, the stated result and the pasted lines are cleared;
- chart: the labels of its rows kept, their values and the pasted lines cleared;
- social media: the networks kept, their numbers cleared;
- timeline: the categories kept, their events and stated counts cleared;
- objectives: the texts kept, their statuses emptied (for the editors to give);
- new members: the stated count cleared (the members of the new year are read from `members`);
- everything else (sections, text, quotes, images, lists, board…) kept for the editor to edit.

The fiscal year in the text. A machine can rewrite a name, not a sentence. So:

- Rewritten: short texts, that name things (the title, the slug, the title tag; every CharBlock
  of the body: headings of sections and blocks, captions, labels, list items). In them, last
  year's label (2021-2022, 2021–2022, any dash) becomes the new label (2022-2023), and
  the start year standing alone (“Objectifs 2021”) becomes the new start year: a heading that
  gives one year for an April-to-March year gives the year most of it runs in. A year that
  belongs to a date (“3 juin 2021”, “June 2021”, 2021-06-03), to another range (2020-2021,
  2022-2023, 2021-22) or that is the end year alone (“2022”: the closing date's year, as often
  as the fiscal year's) is left as written.
- Kept as written and listed: the theme (the year's motto: always listed on the confirmation
  page, and by the content checks while it is the previous report's) and the alternative text
  of images (it describes the picture, which has not changed).
- Never rewritten, listed: long text (rich text, TextBlocks such as a section's introduction,
  the page's introduction and search description), where a year is part of a sentence.

`stale_year_mentions` finds what still names last year, for the confirmation page (in the
report as it will be made) and for the content checks of the new report: last year's label
(also as 2021-22), its start or end year alone, or a date up to the month last year ended in
(“mars 2022” names 2021-2022; “avril 2022” is in 2022-2023). One exception keeps the two rules
consistent: in a short text the end year alone (2022) is this year's start year, as the
rewriting writes it.
"""

import copy
import html
import re
import uuid
from dataclasses import dataclass, field
from enum import Enum

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail import blocks

from cms.admin_dates import date_at_time

# The dashes a fiscal year's label is written with: hyphen-minus, hyphen, non-breaking hyphen,
# figure dash, en dash.
DASHES = "-\u2010\u2011\u2012\u2013"
YEAR_LABEL = re.compile(rf"(?<!\d)(\d{{4}})\s*[{DASHES}]\s*(\d{{4}})(?!\d)")


def add_years(date, years=1):
    """The same day `years` later; 29 February becomes 28 February."""
    if date is None:
        return None
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def year_label(start, end):
    return f"{start.year}-{end.year}"


def previous_year_label(page):
    """The label of the fiscal year before `page`'s (2020-2021 for 2021-2022), or None."""
    if not page.fiscal_year_start or not page.fiscal_year_end:
        return None
    return year_label(add_years(page.fiscal_year_start, -1), add_years(page.fiscal_year_end, -1))


# Years in text

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec|"
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep"
)
# What a four-digit year can be part of, tried in this order at each place in the text.
YEAR_EXPRESSION = re.compile(
    rf"""
    (?P<iso_date>(?<!\d)(?P<iso_year>\d{{4}})-(?P<iso_month>\d{{1,2}})-\d{{1,2}}(?!\d))
    | (?P<numeric_date>(?<!\d)(?:\d{{4}}[/.]\d{{1,2}}[/.]\d{{1,2}}
                              |\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}})(?!\d))
    | (?P<range>(?<!\d)(?P<first>\d{{4}})\s*[{DASHES}]\s*(?P<second>\d{{4}}|\d{{2}})(?!\d))
    | (?P<date>\b(?P<month>{MONTHS})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?
               (?P<date_year>\d{{4}})(?!\d))
    | (?P<year>(?<!\d)\d{{4}}(?!\d))
    """,
    re.IGNORECASE | re.VERBOSE,
)
MONTH_PREFIXES = {
    "jan": 1, "fev": 2, "feb": 2, "mar": 3, "avr": 4, "apr": 4, "mai": 5, "may": 5,
    "aou": 8, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def month_number(name):
    """1 to 12 for a French or English month name or abbreviation (juin, June, déc.)."""
    name = name.casefold().replace("é", "e").replace("û", "u")
    if name.startswith(("juin", "jun")):
        return 6
    if name.startswith(("juil", "jul")):
        return 7
    return MONTH_PREFIXES[name[:3]]


def date_year_month(match):
    """(year, month) of a date found by YEAR_EXPRESSION; month None where its order is unsure."""
    if match["iso_date"]:
        return int(match["iso_year"]), int(match["iso_month"])
    if match["date"]:
        return int(match["date_year"]), month_number(match["month"])
    return int(re.search(r"\d{4}", match["numeric_date"])[0]), None


@dataclass(frozen=True)
class FiscalYear:
    """A fiscal year as its label names it (2021-2022), and the month it ends in if known."""

    start: int
    end: int
    end_month: int | None = None

    @classmethod
    def from_label(cls, label, end_month=None):
        start, end = YEAR_LABEL.fullmatch(label.strip()).groups()
        return cls(int(start), int(end), end_month)

    @property
    def label(self):
        return f"{self.start}-{self.end}"

    def is_range(self, match):
        """Whether a `range` match names this year: 2021-2022, 2021–2022 or 2021-22."""
        first, second = int(match["first"]), match["second"]
        if len(second) == 2:
            return first == self.start and int(second) == self.end % 100
        return (first, int(second)) == (self.start, self.end)

    def names(self, match, short):
        """Whether a YEAR_EXPRESSION match names this fiscal year (see the module docstring)."""
        if match["range"]:
            return self.is_range(match)
        if match["year"]:
            year = int(match["year"])
            return year == self.start or (year == self.end and not short)
        year, month = date_year_month(match)
        if year not in (self.start, self.end):
            return False
        # April 2022 is in the year after 2021-2022 (April to March); March 2022 is not.
        return (
            month is None or self.end_month is None or (year, month) <= (self.end, self.end_month)
        )


def replace_fiscal_year(text, old_label, new_label):
    """A short text with the fiscal year `old_label` named as `new_label` (module docstring)."""
    old, new = FiscalYear.from_label(old_label), FiscalYear.from_label(new_label)

    def replacement(match):
        if match["range"] and len(match["second"]) == 4 and old.is_range(match):
            return new.label
        if match["year"] and int(match["year"]) == old.start:
            return str(new.start)
        return match[0]

    return YEAR_EXPRESSION.sub(replacement, text or "")


def first_mention(text, old_label, short, end_month=None):
    """The first (start, end) in `text` that names the fiscal year `old_label` (which ends in
    `end_month`, if known), or None."""
    old = FiscalYear.from_label(old_label, end_month)
    for match in YEAR_EXPRESSION.finditer(text or ""):
        if old.names(match, short):
            return match.span()
    return None


def excerpt(text, span, width=60):
    """The words around `span` in `text`, with “…” where the text goes on."""
    start, end = span
    left, right = max(0, start - width), min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = "…" if left > 0 else ""
    after = "…" if right < len(text) else ""
    return f"{before}{text[left:right].strip()}{after}"


def plain_text(rich_text_source):
    """The words of a rich text's HTML, as a reader reads them."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rich_text_source or "")).split())


# The texts of a report, and where an editor finds them


class TextKind(Enum):
    SHORT = "short"  # names something: the fiscal year in it is rewritten
    KEPT = "kept"  # short, but kept as written (the theme, an image's alternative text)
    LONG = "long"  # sentences: never rewritten


# StructBlock fields kept as written although they are CharBlocks: they describe a picture
# that next year's report keeps as it is.
KEPT_BLOCK_FIELDS = {"alt_text"}

# The page's own text fields, in the order of the editing form.
PAGE_TEXT_FIELDS = (
    ("title", TextKind.SHORT),
    ("theme", TextKind.KEPT),
    ("introduction", TextKind.LONG),
    ("seo_title", TextKind.SHORT),
    ("search_description", TextKind.LONG),
)


@dataclass(frozen=True)
class Where:
    """Where a text is, as the editor finds it: “Objectives › heading (block 3)”, “Theme”."""

    parts: tuple = ()
    block_position: int | None = None

    def __truediv__(self, part):
        return Where((*self.parts, str(part)), self.block_position)

    def __str__(self):
        path = capfirst(" › ".join(self.parts))
        if self.block_position is None:
            return path
        return gettext("%(path)s (block %(position)s)") % {
            "path": path,
            "position": self.block_position,
        }


def map_block_texts(block, raw, where, visit):
    """The raw value `raw` of `block` with each of its texts replaced by what
    `visit(where, text, kind)` returns (the text itself to keep it)."""
    if isinstance(block, blocks.StreamBlock):
        return [
            _map_stream_child(block, child, position, where, visit)
            for position, child in enumerate(raw or [], start=1)
        ]
    if isinstance(block, blocks.ListBlock):
        item_block = block.child_block
        values = [
            map_block_texts(item_block, item, where / f"{item_block.label} {number}", visit)
            for number, item in enumerate(_items(raw), start=1)
        ]
        return _set_items(raw, values)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        result = dict(raw)
        for name, child in block.child_blocks.items():
            if name not in raw:
                continue
            if name in KEPT_BLOCK_FIELDS and isinstance(child, blocks.CharBlock):
                visit(where / child.label, raw[name], TextKind.KEPT)
            else:
                result[name] = map_block_texts(child, raw[name], where / child.label, visit)
        return result
    if isinstance(block, blocks.RichTextBlock):
        visit(where, plain_text(raw), TextKind.LONG)
    elif isinstance(block, blocks.CharBlock):
        return visit(where, raw, TextKind.SHORT) if raw else raw
    elif isinstance(block, blocks.TextBlock):
        visit(where, raw, TextKind.LONG)
    return raw


def _map_stream_child(stream_block, child, position, where, visit):
    child_block = stream_block.child_blocks.get(child.get("type"))
    if child_block is None:
        return child
    child_where = Where((*where.parts, str(child_block.label)), where.block_position or position)
    return {**child, "value": map_block_texts(child_block, child.get("value"), child_where, visit)}


def page_field_label(page, name):
    return str(capfirst(type(page)._meta.get_field(name).verbose_name))


def visit_page_texts(page, visit):
    """Calls visit(where, text, kind) on each text of `page`: its fields, then its body."""
    for name, kind in PAGE_TEXT_FIELDS:
        text = getattr(page, name, "")
        if text:
            visit(Where((page_field_label(page, name),)), text, kind)
    body = page.body
    map_block_texts(body.stream_block, body.get_prep_value(), Where(), visit)


def stale_year_mentions(page, old_label):
    """[(where, excerpt)] of each text of `page` that still names the fiscal year `old_label`,
    for an editor to review (see the module docstring), in the order of the editing form."""
    mentions = []
    end_month = page.fiscal_year_end.month if page.fiscal_year_end else None

    def collect(where, text, kind):
        span = first_mention(text, old_label, kind is not TextKind.LONG, end_month)
        if span:
            mentions.append((str(where), excerpt(text, span)))
        return text

    visit_page_texts(page, collect)
    return mentions


# The body


def _items(list_value):
    """The item values of a raw ListBlock value, in the current ({"type": "item", "value"…})
    or the older (plain values) format."""
    for position, item in enumerate(list_value or []):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"]
        else:
            yield list_value[position]


def _set_items(list_value, values):
    """The raw ListBlock value `list_value` with its item values replaced by `values`."""
    result = []
    for item, value in zip(list_value or [], values, strict=True):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            result.append({**item, "value": value})
        else:
            result.append(value)
    return result


def _map_items(list_value, function):
    return _set_items(list_value, [function(dict(item)) for item in _items(list_value)])


def _key_figure(figure):
    # Last year's value becomes the comparison; the editor types the new one.
    figure["previous_value"] = figure.get("value")
    figure["value"] = None
    return figure


def _financial_row(row):
    row["previous_actual"] = row.get("actual")
    row["budget"] = row.get("next_budget")
    row["actual"] = None
    row["next_budget"] = None
    return row


def _chart_row(row):
    row["value"] = None
    return row


SOCIAL_NUMBERS = (
    "followers",
    "followers_gained",
    "posts",
    "unique_visitors",
    "ad_campaigns",
    "impressions",
)


def _social_network(network):
    for name in SOCIAL_NUMBERS:
        network[name] = None
    return network


def _event_category(category):
    category["events"] = []
    category["stated_count"] = None
    return category


def _objective(objective):
    # Last year's status says nothing of the new year: left for the editors to give, or not.
    objective["status"] = ""
    return objective


def next_year_block(block_type, value):
    """The raw value of a block of next year's report, from this year's (not changed)."""
    value = copy.deepcopy(value)
    if not isinstance(value, dict):
        return value
    if block_type == "key_figures":
        value["figures"] = _map_items(value.get("figures"), _key_figure)
    elif block_type == "financial_table":
        value["rows"] = _map_items(value.get("rows"), _financial_row)
        value["stated_result"] = {
            "actual": None,
            "budget": None,
            "previous_actual": None,
            "next_budget": None,
        }
        value["paste"] = ""
    elif block_type == "chart":
        value["rows"] = _map_items(value.get("rows"), _chart_row)
        value["paste"] = ""
    elif block_type == "social_media":
        value["networks"] = _map_items(value.get("networks"), _social_network)
    elif block_type == "timeline":
        value["categories"] = _map_items(value.get("categories"), _event_category)
    elif block_type == "objectives":
        value["objectives"] = _map_items(value.get("objectives"), _objective)
    elif block_type == "new_members":
        value["stated_count"] = None
    return value


def next_year_body(raw_body):
    """The raw body of next year's report: the same blocks, in the same order, with new ids."""
    return [
        {
            "type": child["type"],
            "value": next_year_block(child["type"], child.get("value")),
            "id": str(uuid.uuid4()),
        }
        for child in raw_body or []
    ]


# The page


def next_title(title, old_label, new_label, language):
    """“Rapport annuel 2021-2022” → “Rapport annuel 2022-2023”; else the usual title."""
    renamed = replace_fiscal_year(title, old_label, new_label)
    if renamed != title:
        return renamed
    with translation.override(language):
        return gettext("Annual report %(year)s") % {"year": new_label}


def next_slug(slug, old_label, new_label):
    """“2021-2022” → “2022-2023”, “rapport-2021-2022” → “rapport-2022-2023”; else the label."""
    if old_label in (slug or ""):
        return slug.replace(old_label, new_label, 1)
    return new_label


@dataclass
class NextYearPlan:
    """Next year's report as it will be made from `source`, before it is made."""

    source: object
    old_label: str
    new_label: str
    # The fields of next year's report that differ from the source's.
    fields: dict
    # [(where, before, after)]: the short texts whose fiscal year is renamed.
    replaced: list = field(default_factory=list)

    @property
    def from_draft(self):
        """Whether the source is a draft newer than the published report."""
        return self.source.live and self.source.has_unpublished_changes

    @property
    def draft_saved_at(self):
        """When the source (a draft, or a report never published) was saved, as an editor
        reads it; None when it is the published report."""
        if not self.source.has_unpublished_changes or not self.source.latest_revision_created_at:
            return None
        return date_at_time(self.source.latest_revision_created_at)

    def new_page(self):
        """Next year's report as an unsaved page, to read its texts."""
        texts = {name: getattr(self.source, name) for name, _kind in PAGE_TEXT_FIELDS}
        return type(self.source)(**(texts | self.fields))

    def to_review(self):
        """[(where, excerpt)] of what will still name last year: the editor's to check."""
        return stale_year_mentions(self.new_page(), self.old_label)


def next_year_source(page):
    """What next year's report is made from: the report as last edited, published or not."""
    return page.get_latest_revision_as_object()


def plan_next_year(page):
    """What “Start next year's report” will make from `page` (in the language of `page`)."""
    source = next_year_source(page)
    old_label = source.fiscal_year_label
    start = add_years(source.fiscal_year_start)
    end = add_years(source.fiscal_year_end)
    new_label = year_label(start, end)
    plan = NextYearPlan(source, old_label, new_label, fields={})

    def rename(where, text, kind):
        if kind is not TextKind.SHORT:
            return text
        renamed = replace_fiscal_year(text, old_label, new_label)
        if renamed != text:
            plan.replaced.append((str(where), text, renamed))
        return renamed

    title = next_title(source.title, old_label, new_label, source.locale.language_code)
    if title != source.title:
        plan.replaced.append((page_field_label(source, "title"), source.title, title))
    body = next_year_body(source.body.get_prep_value())
    plan.fields = {
        "title": title,
        "seo_title": rename(
            Where((page_field_label(source, "seo_title"),)), source.seo_title, TextKind.SHORT
        ),
        "slug": next_slug(source.slug, old_label, new_label),
        "fiscal_year_start": start,
        "fiscal_year_end": end,
        "general_assembly_date": add_years(source.general_assembly_date),
        "body": map_block_texts(source.body.stream_block, body, Where(), rename),
    }
    return plan


# The new draft


def can_start_next_year(user, page):
    """Whether `user` may add a report beside `page` (under the same reports index)."""
    from report.models import ReportYearPage

    parent = page.get_parent()
    if parent is None:
        return False
    return (
        ReportYearPage.can_create_at(parent.specific)
        and parent.permissions_for_user(user).can_add_subpage()
    )


def existing_next_year(page):
    """The report of the fiscal year after `page`'s under the same index, if there is one."""
    from report.models import ReportYearPage

    return (
        ReportYearPage.objects.child_of(page.get_parent())
        .filter(fiscal_year_start=add_years(page.fiscal_year_start))
        .first()
    )


def start_next_year(page, user, copy_children=False, plan=None):
    """Next year's report as a draft beside `page`, made from its latest revision, with its
    messages and projects if asked (as drafts); the new page (not live, never published)."""
    from wagtail.coreutils import find_available_slug

    plan = plan or plan_next_year(page)
    fields = dict(plan.fields)
    parent = page.get_parent()
    fields["slug"] = find_available_slug(parent, fields["slug"])
    # Copying the revision, not the page's row: every field as last edited, the draft's too.
    new_page = plan.source.copy(
        recursive=copy_children,
        to=parent,
        update_attrs={
            **fields,
            "draft_title": fields["title"],
            "go_live_at": None,
            "expire_at": None,
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
    )
    return new_page.specific
