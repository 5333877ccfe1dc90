"""What an editor should look at before publishing a report: warnings, never errors.

Computed from the page as edited (its latest draft) and shown in the editor by
`ContentChecksPanel`: a financial table without a caption or rows, a chart without a
description, a key figure with the same label and value as in the previous published report,
a section with nothing in it, an image without alternative text.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


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
        value = child.value
        if child.block_type == "section":
            following = children[position + 1] if position + 1 < len(children) else None
            if following is None or following.block_type == "section":
                warnings.append(
                    _("The section “%(heading)s” is empty: add blocks after it or remove it.")
                    % {"heading": _text(value.get("heading"))}
                )
        elif child.block_type == "financial_table":
            caption = _text(value.get("caption"))
            if not caption:
                warnings.append(_("A financial table has no caption."))
            if not list(value.get("rows") or []):
                warnings.append(
                    _("The financial table “%(caption)s” has no rows.") % {"caption": caption}
                )
        elif child.block_type == "chart":
            if not _text(value.get("description")):
                warnings.append(
                    _("The chart “%(title)s” has no description for people who cannot see it.")
                    % {"title": _text(value.get("title"))}
                )
        elif child.block_type == "key_figures":
            for label, _value in sorted(key_figures([child]) & previous_figures):
                warnings.append(
                    _(
                        "The key figure “%(label)s” has the same value as in the report "
                        "%(year)s: is it up to date?"
                    )
                    % {"label": label, "year": previous_year}
                )
        elif (
            child.block_type == "image"
            and not value.get("decorative")
            and not _text(value.get("alt_text"))
        ):
            warnings.append(
                _("An image has no alternative text: describe it, or mark it decorative.")
            )
    return warnings


def content_warnings(page):
    """The warnings about a report as edited (a `ReportYearPage`, saved or not)."""
    previous = previous_report(page)
    previous_figures = key_figures(previous.body) if previous else frozenset()
    return body_warnings(
        page.body, previous_figures, previous.fiscal_year_label if previous else ""
    )


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
