"""`make browser-deps` (scripts/browser_deps.py) on machines unlike this one: a Chromium named by
CHROMIUM, none at all on a machine without apt-get or root (a newcomer's Mac), a wrong path."""

import subprocess

import pytest

from scripts import browser_deps


@pytest.fixture
def bare_machine(monkeypatch, tmp_path):
    """No Debian Chromium, nothing on the PATH, no Google Chrome, no Playwright browser, no npm,
    no apt-get; the project's axe-core already installed."""
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(browser_deps, "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(browser_deps, "MACOS_CHROME", tmp_path / "no-chrome")
    monkeypatch.setattr(browser_deps, "playwright_chromium", lambda: None)
    monkeypatch.setattr(browser_deps.shutil, "which", lambda command: None)
    monkeypatch.setattr(browser_deps.os, "geteuid", lambda: 501)

    def no_command_runs(*args, **kwargs):
        raise AssertionError(f"ran {args}")

    monkeypatch.setattr(browser_deps.subprocess, "run", no_command_runs)
    return tmp_path


def test_without_a_chromium_it_stops_with_one_line_saying_how_to_get_one(bare_machine, capsys):
    assert browser_deps.main() == 1

    output = capsys.readouterr()
    assert output.out == ""
    assert output.err.count("\n") == 1
    assert "apt-get install chromium" in output.err
    assert "playwright install chromium" in output.err
    assert "CHROMIUM=/path/to/chromium" in output.err


def test_the_chromium_named_by_chromium_is_used(bare_machine, monkeypatch):
    chromium = bare_machine / "my-chromium"
    chromium.touch()
    monkeypatch.setenv("CHROMIUM", str(chromium))

    assert browser_deps.find_chromium() == chromium


def test_a_chromium_path_that_names_no_file_is_said_in_one_line(bare_machine, monkeypatch, capsys):
    monkeypatch.setenv("CHROMIUM", str(bare_machine / "typo"))

    assert browser_deps.main() == 1
    assert capsys.readouterr().err == f"CHROMIUM={bare_machine / 'typo'} names no file.\n"


def test_playwrights_own_chromium_is_found_when_installed(bare_machine, monkeypatch):
    installed = bare_machine / "ms-playwright" / "chrome"
    monkeypatch.setattr(browser_deps, "playwright_chromium", lambda: installed)

    assert browser_deps.find_chromium() == installed


def test_without_npm_it_says_how_to_get_it(bare_machine, monkeypatch, capsys):
    chromium = bare_machine / "chromium"
    chromium.touch()
    monkeypatch.setenv("CHROMIUM", str(chromium))
    monkeypatch.setattr(browser_deps, "AXE", bare_machine / "missing" / "axe.min.js")

    assert browser_deps.main() == 1
    assert "needs npm" in capsys.readouterr().err


def test_on_debian_as_root_it_installs_debians_chromium(bare_machine, monkeypatch):
    commands = []
    monkeypatch.setattr(browser_deps.os, "geteuid", lambda: 0)
    monkeypatch.setattr(
        browser_deps.shutil,
        "which",
        lambda command: "/usr/bin/apt-get" if command == "apt-get" else None,
    )

    def apt_get(command, **kwargs):
        commands.append(command)
        if command[:2] == ["apt-get", "install"]:
            browser_deps.DEBIAN_CHROMIUM.touch()
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(browser_deps.subprocess, "run", apt_get)

    assert browser_deps.ensure_chromium() == browser_deps.DEBIAN_CHROMIUM
    assert commands == [
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "chromium"],
    ]
