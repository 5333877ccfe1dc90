"""What an editor should look at before publishing a report: warnings, never errors.

Computed from the page as edited (its latest draft) and shown in the editor by
`ContentChecksPanel`: a financial table without a caption or rows, or with rows still without
this year's actual amount; a chart without a description or with rows without a value; a key
figure without a value, or with the same label and value as in the previous published report;
a social network without its followers; a timeline without events; a section with nothing in
it; an image without alternative text; the theme of the previous report kept; text that still
names the fiscal year before the report's (`report.next_year.stale_year_mentions`). A report
started from last year's (“Start next year's report”) has all of these to look at.

`content_warnings(page)` is the one entry point: strings in the active language, each saying which
kind of check (`CHECKS`) gave it. The editor reads them in this panel and in Wagtail's own
checker (its "Checks" panel and the userbar), where report/content_checker.py lists them.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from report.next_year import previous_year_label, stale_year_mentions


class ContentWarning(str):
    """A warning's text, in the active language, and the kind of check that gave it (`check`,
    a key of `CHECKS`): Wagtail's checker shows each kind under its name
    (report/content_checker.py)."""

    def __new__(cls, check, text):
        warning = super().__new__(cls, text)
        warning.check = check
        return warning


# Each kind of check: its short name and what to do, as Wagtail's checker lists them.
CHECKS = {
    "empty-section": (_("Empty section"), _("Add blocks after the section, or remove it.")),
    "figure-without-value": (
        _("Key figure without a value"),
        _("Enter this year's value: a key figure without one is not shown."),
    ),
    "figure-as-last-year": (
        _("Key figure unchanged since last year"),
        _("Check that the value is this year's."),
    ),
    "table-without-caption": (
        _("Financial table without a caption"),
        _("Give the table its title, e.g. “Results”."),
    ),
    "table-without-rows": (_("Financial table without rows"), _("Add its rows, or paste them.")),
    "amount-to-enter": (
        _("Actual amounts to enter"),
        _("Enter this year's actual amount of every row of the financial table."),
    ),
    "chart-without-description": (
        _("Chart without a description"),
        _("Describe what the chart shows, for people who cannot see it."),
    ),
    "chart-value-to-enter": (_("Chart values to enter"), _("Enter the value of every row.")),
    "followers-to-enter": (
        _("Followers to enter"),
        _("Enter the number of followers of every social network."),
    ),
    "timeline-without-events": (
        _("Timeline without events"),
        _("Add the events of the year, or remove the timeline."),
    ),
    "image-without-alt-text": (
        _("Image without alternative text"),
        _("Describe the image, or mark it decorative."),
    ),
    "theme-as-last-year": (
        _("Theme unchanged since last year"),
        _("Check that the theme is this year's motto."),
    ),
    "names-last-year": (
        _("Text naming last year"),
        _("Update the text that still names last year's fiscal year, or confirm it."),
    ),
}


def _text(value):
    return str(value or "").strip()


def _number(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def key_figures(body):
    """{(label, value)} of the key figures of a body."""
    figures = set()
    for child in body or []:
        if child.block_type == "key_figures":
            for figure in child.value.get("figures") or []:
                value = _number(figure.get("value"))
                if value is not None:
                    figures.add((_text(figure.get("label")), value))
    return figures


def previous_report(page):
    """The published report of the fiscal year before `page`'s, in its language."""
    from report.models import published_reports

    if not page.fiscal_year_start or not page.locale_id:
        return None
    reports = published_reports().filter(
        locale_id=page.locale_id, fiscal_year_start__lt=page.fiscal_year_start
    )
    if page.pk:
        reports = reports.exclude(pk=page.pk)
    return reports.first()


def body_warnings(body, previous_figures=frozenset(), previous_year=""):
    """The warnings about the blocks of a report's body, in the order of the blocks."""
    warnings = []
    children = list(body or [])
    for position, child in enumerate(children):
        following = children[position + 1] if position + 1 < len(children) else None
        check = BLOCK_CHECKS.get(child.block_type)
        if child.block_type == "section":
            warnings += section_warnings(child.value, following)
        elif child.block_type == "key_figures":
            warnings += key_figures_warnings(child, previous_figures, previous_year)
        elif check:
            warnings += check(child.value)
    return warnings


def section_warnings(value, following):
    if following is None or following.block_type == "section":
        return [
            ContentWarning(
                "empty-section",
                gettext("The section “%(heading)s” is empty: add blocks after it or remove it.")
                % {"heading": _text(value.get("heading"))},
            )
        ]
    return []


def key_figures_warnings(child, previous_figures, previous_year):
    warnings = [
        ContentWarning(
            "figure-without-value",
            gettext("The key figure “%(label)s” has no value: it is not shown until you enter one.")
            % {"label": _text(figure.get("label"))},
        )
        for figure in child.value.get("figures") or []
        if figure.get("value") is None
    ]
    for label, _value in sorted(key_figures([child]) & previous_figures):
        warnings.append(
            ContentWarning(
                "figure-as-last-year",
                gettext(
                    "The key figure “%(label)s” has the same value as in the report "
                    "%(year)s: is it up to date?"
                )
                % {"label": label, "year": previous_year},
            )
        )
    return warnings


def financial_table_warnings(value):
    warnings = []
    caption = _text(value.get("caption"))
    rows = list(value.get("rows") or [])
    if not caption:
        warnings.append(
            ContentWarning("table-without-caption", gettext("A financial table has no caption."))
        )
    if not rows:
        warnings.append(
            ContentWarning(
                "table-without-rows",
                gettext("The financial table “%(caption)s” has no rows.") % {"caption": caption},
            )
        )
    without_actual = sum(1 for row in rows if row.get("actual") is None)
    if without_actual:
        warnings.append(
            ContentWarning(
                "amount-to-enter",
                ngettext(
                    "The financial table “%(caption)s” has %(count)d row without this year's "
                    "actual amount.",
                    "The financial table “%(caption)s” has %(count)d rows without this year's "
                    "actual amount.",
                    without_actual,
                )
                % {"caption": caption, "count": without_actual},
            )
        )
    return warnings


def chart_warnings(value):
    warnings = []
    title = _text(value.get("title"))
    if not _text(value.get("description")):
        warnings.append(
            ContentWarning(
                "chart-without-description",
                gettext("The chart “%(title)s” has no description for people who cannot see it.")
                % {"title": title},
            )
        )
    without_value = sum(1 for row in value.get("rows") or [] if row.get("value") is None)
    if without_value:
        warnings.append(
            ContentWarning(
                "chart-value-to-enter",
                ngettext(
                    "The chart “%(title)s” has %(count)d row without a value.",
                    "The chart “%(title)s” has %(count)d rows without a value.",
                    without_value,
                )
                % {"title": title, "count": without_value},
            )
        )
    return warnings


def social_media_warnings(value):
    return [
        ContentWarning(
            "followers-to-enter",
            gettext("The social network “%(network)s” has no number of followers.")
            % {"network": _text(network.get("network"))},
        )
        for network in value.get("networks") or []
        if network.get("followers") is None
    ]


def timeline_warnings(value):
    if any(category.get("events") for category in value.get("categories") or []):
        return []
    heading = _text(value.get("heading"))
    if heading:
        text = gettext("The timeline “%(heading)s” has no events.") % {"heading": heading}
    else:
        text = gettext("A timeline has no events.")
    return [ContentWarning("timeline-without-events", text)]


def image_warnings(value):
    if value.get("decorative") or _text(value.get("alt_text")):
        return []
    return [
        ContentWarning(
            "image-without-alt-text",
            gettext("An image has no alternative text: describe it, or mark it decorative."),
        )
    ]


# The checks of a block that needs only its own value.
BLOCK_CHECKS = {
    "financial_table": financial_table_warnings,
    "chart": chart_warnings,
    "social_media": social_media_warnings,
    "timeline": timeline_warnings,
    "image": image_warnings,
}


def stale_year_warnings(page):
    """The texts of `page` that still name the fiscal year before its own."""
    label = previous_year_label(page)
    if label is None:
        return []
    return [
        ContentWarning(
            "names-last-year",
            gettext("The text “%(excerpt)s” in %(where)s still names %(year)s: is it up to date?")
            % {"excerpt": text, "where": where, "year": label},
        )
        for where, text in stale_year_mentions(page, label)
    ]


def theme_warnings(page, previous):
    theme = _text(page.theme)
    if previous is None or not theme or theme != _text(previous.theme):
        return []
    return [
        ContentWarning(
            "theme-as-last-year",
            gettext(
                "The theme “%(theme)s” is the same as in the report %(year)s: "
                "is it this year's motto?"
            )
            % {"theme": theme, "year": previous.fiscal_year_label},
        )
    ]


def content_warnings(page):
    """The warnings about a report as edited (a `ReportYearPage`, saved or not): strings in the
    active language (`ContentWarning`, which also say which check gave them)."""
    previous = previous_report(page)
    previous_figures = key_figures(previous.body) if previous else frozenset()
    warnings = [
        *theme_warnings(page, previous),
        *body_warnings(page.body, previous_figures, previous.fiscal_year_label if previous else ""),
        *stale_year_warnings(page),
    ]
    return warnings


class ContentChecksPanel(Panel):
    """A read-only panel listing the warnings of `content_warnings` in the page editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Content checks"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "report/admin/content_checks_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = content_warnings(self.instance)
            return context
