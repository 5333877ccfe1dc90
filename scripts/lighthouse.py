"""`make lighthouse`: Lighthouse's four scores for the home, report, message and project pages,
served by the production configuration, with the mobile and the desktop presets.

Sets up the server as `make bench` does (scripts/bench.py: the demonstration content, static
files collected and compressed, gunicorn with config.settings.production on 127.0.0.1), then
runs Lighthouse (npm package, `npm install`) with the Chromium of the browser tests (CHROME_PATH,
default the one scripts/browser_deps.py finds; Lighthouse downloads no browser). Prints each
page's scores and, for each score under 100, the audits that lost points and the elements they
name. The JSON reports are kept under LIGHTHOUSE_DIR (default /tmp/consortium-lighthouse).
Usage: `.venv/bin/python scripts/lighthouse.py [--page report] [--preset desktop]`.
Exit status 1 when a score is under 100.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import bench, browser_deps  # The project's root must be importable first.

LIGHTHOUSE = bench.PROJECT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPORT = "/fr/rapports-annuels/2021-2022/"
PAGES = {
    "home": "/fr/",
    "report": REPORT,
    "message": f"{REPORT}mot-de-la-presidence/",
    "project": f"{REPORT}transformation-numerique/",
}
PRESETS = ["mobile", "desktop"]
ATTEMPTS = 3
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def run_lighthouse(url, preset, output):
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    chrome = os.environ.get("CHROME_PATH") or str(browser_deps.find_chromium())
    environment = {**os.environ, "CHROME_PATH": chrome}
    for attempt in range(1, ATTEMPTS + 1):
        # Lighthouse now and then fails to record the trace (NO_NAVSTART) on a busy machine.
        finished = subprocess.run(command, env=environment, cwd=bench.PROJECT)
        if finished.returncode == 0:
            return json.loads(output.read_text())
        print(f"    Lighthouse failed (attempt {attempt} of {ATTEMPTS})", flush=True)
    raise SystemExit(f"Lighthouse failed {ATTEMPTS} times on {url} ({preset}).")


def scores(report):
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def lost_points(report):
    """(category, audit id, title, elements) of each audit that cost a category points."""
    findings = []
    for name in CATEGORIES:
        for reference in report["categories"][name]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference["weight"] == 0 and name != "performance":
                continue
            if audit["score"] is None or audit["score"] >= 1:
                continue
            if audit["scoreDisplayMode"] in {"notApplicable", "informative", "manual"}:
                continue
            items = (audit.get("details") or {}).get("items") or []
            elements = [
                item["node"].get("snippet", "")
                for item in items
                if isinstance(item, dict) and isinstance(item.get("node"), dict)
            ]
            findings.append(
                (name, audit["id"], audit["title"], audit.get("displayValue", ""), elements)
            )
    return findings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", choices=PAGES, action="append", help="default: all four")
    parser.add_argument("--preset", choices=PRESETS, action="append", help="default: both")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm install --no-audit --no-fund` first.")

    work_dir = Path(os.environ.get("LIGHTHOUSE_DIR", "/tmp/consortium-lighthouse"))
    work_dir.mkdir(parents=True, exist_ok=True)
    environment = bench.bench_environment(work_dir)
    environment.pop("BENCH_TIMING")
    bench.prepare(environment, work_dir)
    port = bench.free_port()
    server = bench.start_server(environment, port, work_dir)
    below_100 = False
    try:
        print(f"{'page':10} {'preset':8} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for page in arguments.page or list(PAGES):
            for preset in arguments.preset or PRESETS:
                url = f"http://{bench.HOST}:{port}{PAGES[page]}"
                report = run_lighthouse(url, preset, work_dir / f"{page}-{preset}.json")
                page_scores = scores(report)
                print(
                    f"{page:10} {preset:8} "
                    + " ".join(f"{page_scores[name]:>15}" for name in CATEGORIES),
                    flush=True,
                )
                for category, audit_id, title, value, elements in lost_points(report):
                    below_100 = below_100 or page_scores[category] < 100
                    print(f"    {category}: {audit_id} ({title}) {value}")
                    for element in elements[:5]:
                        print(f"        {element}")
    finally:
        bench.stop_server(server)
    return 1 if below_100 else 0


if __name__ == "__main__":
    sys.exit(main())
