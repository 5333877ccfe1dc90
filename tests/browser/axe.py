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
