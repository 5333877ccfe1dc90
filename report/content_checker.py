"""One voice for content checks: the report's own warnings (report/checks.py) in Wagtail's checker.

Editors saw two checkers disagree: Wagtail's (the editor's "Checks" panel and the userbar, axe-core
run on the preview) and the report's "Content checks" panel. Wagtail's checker is extended the
documented way, a `ContentCheckerItem` given by the `construct_wagtail_userbar` hook, with one
axe-core rule per kind of warning (`checks.CHECKS`), named and explained in the editor's
language. The preview of a report carries an empty, hidden marker per warning
(`data-content-check`, templates/report/includes/content_check_markers.html): each rule flags
its markers, so Wagtail's checker counts and names exactly what the panel lists.

A rule flags a marker with axe-core's own `has-visible-text` check (an empty element has no
text); `excludeHidden: false` makes axe-core look at hidden elements.
"""

from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem

from report.checks import CHECKS

RULE_PREFIX = "report-"
MARKER_ATTRIBUTE = "data-content-check"


def rule_id(check):
    return f"{RULE_PREFIX}{check}"


def marker_rule(check):
    return {
        "id": rule_id(check),
        "impact": "moderate",
        "selector": f'[{MARKER_ATTRIBUTE}="{check}"]',
        "excludeHidden": False,
        "tags": ["best-practice"],
        "any": ["has-visible-text"],
        "enabled": True,
    }


class ReportContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker with the report's checks."""

    def get_axe_run_only(self, request):
        run_only = super().get_axe_run_only(request)
        if not run_only:
            # Wagtail's "every rule" setting: nothing to add to.
            return run_only
        return [*run_only, *(rule_id(check) for check in CHECKS)]

    def get_axe_custom_rules(self, request):
        return [*super().get_axe_custom_rules(request), *(marker_rule(check) for check in CHECKS)]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        for check, (name, help_text) in CHECKS.items():
            messages[rule_id(check)] = {"error_name": name, "help_text": help_text}
        return messages


def with_report_checks(items):
    """`items` (the userbar's) with Wagtail's content checker replaced by the report's (a
    checker some other app customised is left alone)."""
    for position, item in enumerate(items):
        if type(item) in (ContentCheckerItem, AccessibilityItem):
            items[position] = ReportContentCheckerItem(in_editor=item.in_editor)
