"""The direction of dependencies between the project's folders (README, "How the code is laid out").

Each app may import the apps below it in `LAYERS`, never one above it; no app imports `config`
(settings are read through `django.conf.settings`), and nothing but the tests imports `demo`.
Imports inside functions count as much as those at the top of a module. A string that names a
model or module of a higher app ("report.ReportYearPage") is a dependency too, only hidden.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# From the bottom up: each app may import those before it.
LAYERS = ["cms", "web", "home", "members", "editorial", "report", "readership", "demo"]

# Strings that name a higher app where Wagtail asks for a label, with the reason.
ALLOWED_NAMES = {
    # Wagtail's `subpage_types`: the home page offers the annual reports index under it.
    ("home/models.py", "report.ReportIndexPage"),
    # The page cache ignores the contact form's messages among the content models it watches.
    ("web/caching.py", "home.contactsubmission"),
}


def python_files(app):
    return sorted((ROOT / app).rglob("*.py"))


def imported_apps(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def named_apps(tree):
    """App labels at the start of dotted strings: "report.ReportYearPage", "report.models"."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            head, dot, rest = node.value.partition(".")
            if dot and rest[:1].isalpha() and " " not in node.value:
                yield node.lineno, head, node.value


def forbidden(app):
    higher = LAYERS[LAYERS.index(app) + 1 :]
    return {*higher, "config"}


def violations(app, files, root=ROOT):
    found = []
    for path in files:
        relative = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(), filename=relative)
        for line, imported in imported_apps(tree):
            if imported in forbidden(app):
                found.append(f"{relative}:{line} imports {imported}")
        for line, named, value in named_apps(tree):
            if named in forbidden(app) - {"config"} and (relative, value) not in ALLOWED_NAMES:
                found.append(f"{relative}:{line} names {value!r}")
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    assert violations(app, python_files(app)) == []


def test_only_the_tests_import_the_demonstration_content():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files("scripts") + python_files("config")
        for line, imported in imported_apps(ast.parse(path.read_text()))
        if imported == "demo"
    ]
    assert found == []


def test_the_check_finds_a_forbidden_import(tmp_path):
    """The test above can fail: an import of `report` from `home`, at the top or in a function,
    and a string naming a report model, are each reported."""
    module = tmp_path / "home" / "offender.py"
    module.parent.mkdir()
    module.write_text(
        "from report.models import ReportYearPage\n"
        "def latest():\n"
        "    import report.release\n"
        "    return apps.get_model('report.MessagePage')\n"
    )

    assert violations("home", [module], root=tmp_path) == [
        "home/offender.py:1 imports report",
        "home/offender.py:3 imports report",
        "home/offender.py:4 names 'report.MessagePage'",
    ]
    assert violations("report", [module], root=tmp_path) == []


def test_every_app_of_the_project_has_its_layer():
    apps = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if path.parent.name not in {"config", "tests", "scripts"}
    }
    assert apps == set(LAYERS)
