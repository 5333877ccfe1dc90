"""What the browser tests need: a Chromium that Playwright can drive, and axe-core from npm.

`make browser-deps` (a prerequisite of `make test`) runs this module. It never downloads a
browser itself. The Chromium is, in this order: the one `CHROMIUM=/path` names, Debian's
(`/usr/bin/chromium`), one on the PATH, or Playwright's own if the developer installed it
(`playwright install chromium`). Where there is none, Debian's is installed with apt-get when
this runs as root on a machine that has apt-get; anywhere else it stops with one line saying
how to get one. npm is found, or installed the same way, or asked for in one line.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
MACOS_CHROME = Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")

NO_CHROMIUM = (
    "make test needs Chromium for its browser tests and found none: install it "
    "(Debian/Ubuntu: apt-get install chromium; elsewhere: .venv/bin/playwright install chromium) "
    "or name one with CHROMIUM=/path/to/chromium."
)
NO_NPM = (
    "make test needs npm (Node.js) for axe-core, the browser tests' accessibility checker: "
    "install Node.js (Debian/Ubuntu: apt-get install npm; macOS: brew install node)."
)


class Missing(Exception):
    pass


def playwright_chromium():
    """The browser `playwright install chromium` put in Playwright's cache, if it did."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = Path(playwright.chromium.executable_path)
    return path if path.exists() else None


def find_chromium():
    """The path of a Chromium to drive, or None."""
    named = os.environ.get("CHROMIUM")
    if named:
        path = Path(named)
        if not path.exists():
            raise Missing(f"CHROMIUM={named} names no file.")
        return path
    if DEBIAN_CHROMIUM.exists():
        return DEBIAN_CHROMIUM
    for command in CHROMIUM_COMMANDS:
        found = shutil.which(command)
        if found:
            return Path(found)
    if MACOS_CHROME.exists():
        return MACOS_CHROME
    return playwright_chromium()


def can_apt_get():
    return shutil.which("apt-get") is not None and os.geteuid() == 0


def apt_get_install(*arguments):
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=environment)
    subprocess.run(["apt-get", "install", "-y", *arguments], check=True, env=environment)


def ensure_chromium():
    chromium = find_chromium()
    if chromium is None and can_apt_get():
        # With its recommended packages: the fonts the layout tests measure come with them.
        apt_get_install("chromium")
        chromium = find_chromium()
    if chromium is None:
        raise Missing(NO_CHROMIUM)
    return chromium


def ensure_axe():
    lock = ROOT / "package-lock.json"
    if AXE.exists() and AXE.stat().st_mtime >= lock.stat().st_mtime:
        return
    if shutil.which("npm") is None:
        if not can_apt_get():
            raise Missing(NO_NPM)
        apt_get_install("--no-install-recommends", "npm")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    AXE.touch()


def main():
    try:
        chromium = ensure_chromium()
        ensure_axe()
    except Missing as missing:
        print(missing, file=sys.stderr)
        return 1
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"Installing the browser tests' tools failed: {error}", file=sys.stderr)
        return 1
    print(f"Browser tests: {chromium}, {AXE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
