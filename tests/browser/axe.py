"""axe-core (from npm, see package.json), run in the page."""

from scripts.browser_deps import AXE

STANDARDS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page):
    """axe-core's violations of WCAG 2.0, 2.1, 2.2 A/AA and best practices on the current page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (standards) => (await axe.run(document, {
            runOnly: standards,
            resultTypes: ['violations'],
        })).violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            targets: violation.nodes.map((node) => node.target.join(' ')),
        }))""",
        STANDARDS,
    )


def describe_violations(url, violations):
    lines = [f"{len(violations)} axe-core violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {target}" for target in violation["targets"])
    return "\n".join(lines)


# Wagtail's own checks, whose evaluation lives in Wagtail's JavaScript, not in axe-core.
WAGTAIL_SCRIPTED_CHECKS = {"check-image-alt-text", "check-empty-meta-description"}


def content_checker_configuration(request=None, page=None, in_editor=True):
    """The axe-core configuration of Wagtail's content checker (the editor's "Checks" panel and
    the userbar), as the project's `construct_wagtail_userbar` hooks make it, without the two
    checks whose code is in Wagtail's JavaScript."""
    from django.test import RequestFactory
    from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem, apply_userbar_hooks

    request = request or RequestFactory().get("/")
    items = [AccessibilityItem(in_editor=in_editor)]
    apply_userbar_hooks(request, items, page)
    item = next(item for item in items if isinstance(item, ContentCheckerItem))
    configuration = item.get_axe_configuration(request)
    spec = configuration["spec"]
    scripted_rules = {
        rule["id"]
        for rule in spec["rules"]
        if {*rule.get("any", []), *rule.get("all", []), *rule.get("none", [])}
        & WAGTAIL_SCRIPTED_CHECKS
    }
    spec["rules"] = [rule for rule in spec["rules"] if rule["id"] not in scripted_rules]
    spec["checks"] = [
        check for check in spec["checks"] if check["id"] not in WAGTAIL_SCRIPTED_CHECKS
    ]
    options = configuration["options"]
    options["runOnly"] = [rule for rule in options["runOnly"] if rule not in scripted_rules]
    # The messages are Wagtail's words for each rule, for its panel: not axe-core's business.
    configuration["messages"] = {
        rule: {key: str(text) for key, text in texts.items()}
        for rule, texts in configuration["messages"].items()
    }
    return configuration


def run_content_checker(page, configuration):
    """What Wagtail's content checker flags on the current page: [{id, help, targets}]."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ({spec, context, options}) => {
            axe.configure(spec);
            const results = await axe.run(context, {...options, resultTypes: ['violations']});
            return results.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                help: violation.help,
                targets: violation.nodes.map((node) => node.target.join(' ')),
            }));
        }""",
        configuration,
    )
