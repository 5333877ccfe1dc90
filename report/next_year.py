"""Next year's report, started from this year's: the same sections and blocks, to update.

The body is handled as raw StreamField data (the JSON list of {"type", "value", "id"} that
`StreamValue.get_prep_value()` gives), so that these functions are pure and tested alone.
What is kept, moved or cleared, block by block (see docs/report-blocks.md):

- key figures: each value becomes `previous_value` (the change is computed once the editor
  types the new value); the value stays until then, because a figure without a value cannot
  be shown, and the content checks (`report/checks.py`) point out a figure still unchanged;
- financial table: `actual` moves to `previous_actual`, `next_budget` to `budget`; `actual`,
  `next_budget`, the stated result and the pasted lines are cleared;
- chart: the labels of its rows kept, their values and the pasted lines cleared;
- social media: the networks kept, their numbers cleared;
- timeline: the categories kept, their events and stated counts cleared;
- objectives: the texts kept, every status “planned”;
- new members: the stated count cleared (the members of the new year are read from `members`);
- everything else (sections, text, quotes, images, lists, board…) kept for the editor to edit.
"""

import copy
import re
import uuid

from django.utils import translation
from django.utils.translation import gettext

YEAR_LABEL = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)")


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


def next_title(title, old_label, new_label, language):
    """“Rapport annuel 2021-2022” → “Rapport annuel 2022-2023”; else the usual title."""
    if YEAR_LABEL.search(title or ""):
        return YEAR_LABEL.sub(new_label, title, count=1)
    with translation.override(language):
        return gettext("Annual report %(year)s") % {"year": new_label}


def next_slug(slug, old_label, new_label):
    """“2021-2022” → “2022-2023”, “rapport-2021-2022” → “rapport-2022-2023”; else the label."""
    if old_label in (slug or ""):
        return slug.replace(old_label, new_label, 1)
    return new_label


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
    objective["status"] = "planned"
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


def next_year_fields(page):
    """The fields of next year's report that differ from `page`'s (language of `page`)."""
    start = add_years(page.fiscal_year_start)
    end = add_years(page.fiscal_year_end)
    old_label = year_label(page.fiscal_year_start, page.fiscal_year_end)
    new_label = year_label(start, end)
    return {
        "title": next_title(page.title, old_label, new_label, page.locale.language_code),
        "slug": next_slug(page.slug, old_label, new_label),
        "fiscal_year_start": start,
        "fiscal_year_end": end,
        "general_assembly_date": add_years(page.general_assembly_date),
        "body": next_year_body(page.body.get_prep_value()),
    }


# The new draft


def next_year_source(page):
    """What next year's report is made from: the published report, else its latest draft."""
    return page if page.live else page.get_latest_revision_as_object()


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


def start_next_year(page, user, copy_children=False):
    """Next year's report as a draft beside `page`, with its messages and projects if asked
    (as drafts); the new page (not live, never published)."""
    from wagtail.coreutils import find_available_slug

    source = next_year_source(page)
    fields = next_year_fields(source)
    parent = page.get_parent()
    fields["slug"] = find_available_slug(parent, fields["slug"])
    new_page = page.copy(
        recursive=copy_children,
        to=parent,
        update_attrs={
            **fields,
            "draft_title": fields["title"],
            "theme": source.theme,
            "introduction": source.introduction,
            "cover_image": source.cover_image,
            "go_live_at": None,
            "expire_at": None,
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
    )
    return new_page.specific
