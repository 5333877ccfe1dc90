"""`make bench-admin`: how long the admin makes an editor wait on a whole report, in Chromium.

Serves the production configuration as `make bench` does (scripts/bench.py: the demonstration
content, static files collected, gunicorn with config.settings.production and BENCH_TIMING=1),
in a database of its own, made afresh each time (PostgreSQL `consortium_bench_admin` when it
answers on 127.0.0.1:5432, else SQLite), with a few images for the chooser. Then drives Debian's
Chromium (Playwright with `executable_path`, never a downloaded browser) as the editors do, on
the demonstration report and on the small "À propos" page, the floor:

- the edit view, as Communications and as the Direction;
- saving a draft; the preview panel, opened first, then updated after a change;
- the image chooser, from an image block added at the top of the body;
- submitting for approval, and approving as the Direction. "À propos" has no workflow: the
  administrator's publication is the floor of both.

Each step is timed from the action (the click, the address typed) to the page being ready:
- a page: its `load` event, every StreamField drawn by Wagtail's block controller (no
  `data-w-block-data-value` placeholder left), then the next frame painted;
- the preview panel: Wagtail's `w-preview:loaded` event (the new preview swapped in), then the
  next frame; "with checks" goes on until Wagtail's checker has run over it (`w-preview:content`,
  after axe-core), which holds the editor's main thread;
- the image chooser: its modal showing the images, each thumbnail loaded, then the next frame.
The server's share is the sum of the `Server-Timing` durations of the requests the step made
(web/caching.py), the rest is the browser's: network, scripting, layout, painting.

Prints the medians of RUNS runs (the first one, colder, beside them) and the targets of issue
15: each step on the report at most twice the same step on "À propos", the first preview at most
1.5 s. Exit status 1 when a target is missed.
Usage: `.venv/bin/python scripts/bench_admin.py [--runs 5] [--page report]`.
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from scripts import bench, browser_deps, servers  # The project's root must be importable first.
from tests.browser.chromium import launch

DATABASE = "consortium_bench_admin"
RUNS = 5
IMAGES = 12
PASSWORD = "bench-admin-password"
# Who signs in: the demonstration's users (demo/management/commands/load_demo_site.py), their
# passwords chosen through its environment variables when `prepare` creates them.
USERS = {
    "admin": "DEMO_ADMIN_PASSWORD",
    "communications": "DEMO_COMMUNICATIONS_PASSWORD",
    "direction": "DEMO_DIRECTION_PASSWORD",
}
PAGES = {
    "report": ("report.ReportYearPage", "2021-2022"),
    "about": ("home.StandardPage", "a-propos"),
}
TARGET_RATIO = 2.0
FIRST_PREVIEW_TARGET_SECONDS = 1.5
VIEWPORT = {"width": 1440, "height": 900}
STEP_TIMEOUT_MS = 60_000
# Wagtail's requests that are no step's work: the editing session's ping every few seconds.
BACKGROUND_REQUESTS = ("/admin/editing-sessions/",)

log = bench.log


# Setting up


def environment_for(bench_dir):
    environment = bench.bench_environment(bench_dir)
    environment["DATABASE_URL"] = fresh_database_url(bench_dir)
    environment.update(dict.fromkeys(USERS.values(), PASSWORD))
    # Wagtail's workflow notifications are built and handed to the backend, in memory: no mail
    # server here (production settings otherwise try SMTP on localhost).
    environment["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    return environment


def fresh_database_url(bench_dir):
    """A new, empty database: each run starts from the demonstration content as loaded."""
    if servers.postgres_reachable(servers.DEFAULT_POSTGRES_URL):
        url = servers.create_database(servers.DEFAULT_POSTGRES_URL, DATABASE)
        return url.replace("postgres://", "postgresql://", 1)
    log("PostgreSQL unavailable; using SQLite")
    database = bench_dir / "bench-admin.sqlite3"
    database.unlink(missing_ok=True)
    return f"sqlite:///{database}"


ADD_IMAGES = """
import io
import django
django.setup()
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images import get_image_model

for number in range({count}):
    picture = Picture.new("RGB", (1600, 1067), ((number * 40) % 256, 90, 140))
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85)
    get_image_model().objects.create(
        title=f"Photographie {{number + 1}}",
        file=ImageFile(data, name=f"photographie-{{number + 1}}.jpg"),
    )
"""


def add_images(environment, count=IMAGES):
    """Images for the chooser to list (the demonstration content has none)."""
    subprocess.run(
        [str(bench.PYTHON), "-c", ADD_IMAGES.format(count=count)],
        cwd=bench.PROJECT,
        env=environment,
        check=True,
    )


PAGE_IDS = """
import django
django.setup()
from django.apps import apps
for name, (label, slug) in {pages!r}.items():
    page = apps.get_model(label).objects.get(slug=slug, locale__language_code="fr")
    print(name, page.pk)
"""


def page_ids(environment):
    """{"report": id, "about": id} of the French pages."""
    finished = subprocess.run(
        [str(bench.PYTHON), "-c", PAGE_IDS.format(pages=PAGES)],
        cwd=bench.PROJECT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return {name: int(pk) for name, pk in (line.split() for line in finished.stdout.splitlines())}


# What the server says about a step's requests


@dataclass
class Answer:
    """A response with what its `Server-Timing` says."""

    method: str
    path: str
    milliseconds: float
    queries: int


@dataclass
class Step:
    """One timed step: the wall time, and the requests the server answered meanwhile."""

    seconds: float = 0.0
    answers: list = field(default_factory=list)

    @property
    def server_ms(self):
        return sum(answer.milliseconds for answer in self.answers)

    @property
    def queries(self):
        return sum(answer.queries for answer in self.answers)

    @property
    def requests(self):
        return len(self.answers)

    def split(self, belongs):
        """(a step of the answers `belongs` says are its, one of the others): both untimed."""
        return (
            Step(answers=[answer for answer in self.answers if belongs(answer)]),
            Step(answers=[answer for answer in self.answers if not belongs(answer)]),
        )


@dataclass
class MedianStep:
    seconds: float
    server_ms: float
    queries: int
    requests: int


class ServerTimes:
    """Sums the `Server-Timing` of the responses received while a step runs (every frame of the
    page: the preview's iframe too). Static and media files are counted in neither sum nor
    requests: in production the web server in front serves media (here Django answers 404,
    and the chooser's thumbnails are missing)."""

    def __init__(self, page):
        self.step = None
        page.on("response", self.received)

    def received(self, response):
        if self.step is None:
            return
        path = response.url.split("://", 1)[-1].partition("/")[2]
        if path.startswith(("static/", "media/")) or any(
            part in response.url for part in BACKGROUND_REQUESTS
        ):
            return
        # Playwright gives the header names in lower case.
        timing = bench.server_timing({"Server-Timing": response.headers.get("server-timing", "")})
        if timing is None:
            return
        self.step.answers.append(
            Answer(response.request.method, "/" + path, timing.milliseconds, timing.queries)
        )


def timed(editor, action, ready):
    """Run `action`, wait until `ready` says the page is ready, and time it."""
    step = Step()
    editor.server_times.step = step
    started = time.perf_counter()
    action()
    ready()
    step.seconds = time.perf_counter() - started
    # Responses still being delivered by Playwright's event loop belong to the step.
    editor.page.wait_for_timeout(50)
    editor.server_times.step = None
    return step


# Ready: what each step waits for

# In every page, from its start: when Wagtail's events happened (performance.now()).
RECORD_EVENTS = """
window.__bench = {};
for (const name of ['w-unsaved:watch-edits', 'w-preview:update', 'w-preview:loaded',
                    'w-preview:content', 'w-autosave:save', 'w-autosave:success',
                    'w-autosave:error']) {
    document.addEventListener(name, () => {
        (window.__bench[name] = window.__bench[name] || []).push(performance.now());
    });
}
"""

# Every StreamField drawn (Wagtail's `w-block` controller replaces its placeholder), then the
# next frame painted.
EDITOR_READY = """() => new Promise((resolve) => {
    const check = () => {
        if (document.readyState === 'complete'
            && !document.querySelector('[data-w-block-data-value]')) {
            requestAnimationFrame(() => setTimeout(resolve, 0));
        } else {
            setTimeout(check, 10);
        }
    };
    check();
})"""

NEXT_FRAME = "() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))"
NOW = "() => performance.now()"
# The time of the first of the events `names` after `since`, or null.
EVENT_AFTER = """([names, since]) => {
    const times = names.split(' ').flatMap((name) => window.__bench[name] || [])
        .filter((at) => at > since);
    return times.length ? Math.min(...times) : null;
}"""

# The chooser's modal listing the images, each thumbnail loaded.
CHOOSER_READY = """() => {
    const modal = document.querySelector('.modal');
    if (!modal) return false;
    const images = [...modal.querySelectorAll('[data-chooser-modal-choice] img')];
    return images.length > 0 && images.every((image) => image.complete);
}"""


def event_after(page, names, since, timeout=STEP_TIMEOUT_MS):
    """Wait for one of Wagtail's events `names` (separated by spaces) after `since` (page time,
    ms) and return its time."""
    return page.wait_for_function(EVENT_AFTER, arg=[names, since], timeout=timeout).json_value()


def autosaved(page, since, timeout=STEP_TIMEOUT_MS):
    """Wait for Wagtail's autosave after an edit made at `since`: (started, finished) in page
    time, ms."""
    started = event_after(page, "w-autosave:save", since, timeout)
    return started, event_after(page, "w-autosave:success w-autosave:error", started)


def settle(page):
    """Untimed, between steps: as an editor reads before clicking, until Wagtail watches the
    form for edits (two seconds after it loads: it then compares the whole form every half
    second, and the preview updates after an edit only from then on)."""
    if page.locator("form[data-edit-form]").count():
        event_after(page, "w-unsaved:watch-edits", 0)
    page.wait_for_timeout(300)


@dataclass
class Editor:
    """A signed-in user's browser page."""

    username: str
    page: object
    server_times: ServerTimes


def sign_in(browser, site_url, username):
    context = browser.new_context(viewport=VIEWPORT, locale="fr-CA")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.add_init_script(RECORD_EVENTS)
    page = context.new_page()
    # Leaving an edit view with unsaved changes (the image block added) asks to confirm.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    if "/admin/login/" in page.url:
        raise SystemExit(f"{username} could not sign in")
    return Editor(username, page, ServerTimes(page))


def wait_until_editor_ready(page):
    page.wait_for_load_state("load")
    page.evaluate(EDITOR_READY)


def open_edit_view(editor, site_url, page_id):
    page = editor.page
    step = timed(
        editor,
        lambda: page.goto(f"{site_url}/admin/pages/{page_id}/edit/", wait_until="commit"),
        lambda: wait_until_editor_ready(page),
    )
    settle(page)
    return step


def footer(page):
    return page.locator("form[data-edit-form] footer")


def submit_from_footer(editor, button, success):
    """Click `button` of the footer (opening its menu first, untimed) and wait for the page
    the form's post leads to, which must say `success` (a class of Wagtail's messages)."""
    page = editor.page
    if not button.is_visible():
        footer(page).locator("[data-w-dropdown-target=toggle]").first.click()
        button.wait_for(state="visible")

    def click():
        with page.expect_navigation(wait_until="commit"):
            button.click()

    step = timed(editor, click, lambda: wait_until_editor_ready(page))
    if not page.locator(f".messages .{success}").count():
        messages = " ".join(page.locator(".messages").all_inner_texts())
        raise SystemExit(f"{editor.username}: no {success} message after the step: {messages}")
    settle(page)
    return step


def save_draft(editor):
    return submit_from_footer(editor, footer(editor.page).locator("button.action-save"), "success")


def submit_for_approval(editor):
    button = footer(editor.page).locator('button[name="action-submit"]').first
    return submit_from_footer(editor, button, "success")


def publish(editor):
    button = footer(editor.page).locator('button[name="action-publish"]').first
    return submit_from_footer(editor, button, "success")


def approve(editor):
    button = footer(editor.page).locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    return submit_from_footer(editor, button.first, "success")


def open_preview(editor):
    """Open the preview panel: (until the preview shows, until Wagtail's checker has run)."""
    page = editor.page
    toggle = page.locator('button[data-side-panel-toggle="preview"]')
    if toggle.get_attribute("aria-expanded") == "true":  # Wagtail reopens the last panel.
        toggle.click()
    since = page.evaluate(NOW)
    shown = timed(
        editor,
        toggle.click,
        lambda: (event_after(page, "w-preview:loaded", since), page.evaluate(NEXT_FRAME)),
    )
    checked = Step(seconds=shown.seconds, answers=shown.answers)
    started = time.perf_counter()
    event_after(page, "w-preview:content", since)
    checked.seconds += time.perf_counter() - started
    return shown, checked


def update_preview(editor):
    """With the panel open, edit the title: timed from Wagtail's update of the preview (after
    it has noticed the edit and waited for more typing: half a second or so, not counted) to
    the new preview shown; then Wagtail's autosave of the edit, from its post to its answer
    (each with its own requests)."""
    page = editor.page
    since = page.evaluate(NOW)
    title = page.locator("#id_title")
    editor.server_times.step = step = Step()
    title.press("End")
    if title.input_value().endswith(" ·"):  # Every other run: back to the title as it was.
        title.press("Backspace")
        title.press("Backspace")
    else:
        page.keyboard.type(" ·")
    updated = event_after(page, "w-preview:update", since)
    event_after(page, "w-preview:loaded", updated)
    page.evaluate(NEXT_FRAME)
    seconds = (page.evaluate(NOW) - updated) / 1000
    started, finished = autosaved(page, since)
    page.wait_for_timeout(50)
    editor.server_times.step = None
    # The autosave posts the form to the edit view's address; the preview to its own.
    autosave, preview = step.split(
        lambda answer: answer.method == "POST" and not answer.path.endswith("/preview/")
    )
    preview.seconds, autosave.seconds = seconds, (finished - started) / 1000
    return preview, autosave


def close_preview(editor):
    editor.page.locator('button[data-side-panel-toggle="preview"]').click()


def open_image_chooser(editor):
    """Add an image block at the top of the body (untimed), then open its image chooser."""
    page = editor.page
    since = page.evaluate(NOW)
    body = page.locator("[data-contentpath=body]").first
    body.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Image", exact=True).first.click()
    choose = body.locator("button[data-chooser-action-choose]").first
    choose.wait_for(state="visible")
    # The new block is autosaved (refused: it has no image yet) before the chooser is timed;
    # Wagtail may also let it wait behind an autosave still running.
    with contextlib.suppress(PlaywrightTimeoutError):
        autosaved(page, since, timeout=5_000)
    step = timed(
        editor,
        choose.click,
        lambda: (page.wait_for_function(CHOOSER_READY), page.evaluate(NEXT_FRAME)),
    )
    page.keyboard.press("Escape")
    return step


# The run


@dataclass
class Results:
    """{(page, step): [Step of each run]}"""

    steps: dict = field(default_factory=dict)

    def add(self, page_name, step_name, step):
        self.steps.setdefault((page_name, step_name), []).append(step)


STEP_NAMES = [
    "edit view (communications)",
    "save draft",
    "preview panel (first)",
    "preview panel (first, with checks)",
    "preview panel (updated)",
    "autosave (after an edit)",
    "image chooser",
    "submit for approval",
    "edit view (direction)",
    "approve (direction)",
]


def run_editing_steps(add, communications, site_url, page_id):
    """The steps both pages share: the communications team edits, previews and adds an image."""
    add("edit view (communications)", open_edit_view(communications, site_url, page_id))
    add("save draft", save_draft(communications))
    shown, checked = open_preview(communications)
    add("preview panel (first)", shown)
    add("preview panel (first, with checks)", checked)
    updated, autosave = update_preview(communications)
    add("preview panel (updated)", updated)
    add("autosave (after an edit)", autosave)
    close_preview(communications)
    add("image chooser", open_image_chooser(communications))


def run_report(results, editors, site_url, page_id):
    communications, direction = editors["communications"], editors["direction"]
    add = lambda name, step: results.add("report", name, step)  # noqa: E731
    run_editing_steps(add, communications, site_url, page_id)
    # The image block is left unsaved (and unsaveable): the edit view is opened again.
    open_edit_view(communications, site_url, page_id)
    add("submit for approval", submit_for_approval(communications))
    add("edit view (direction)", open_edit_view(direction, site_url, page_id))
    add("approve (direction)", approve(direction))


def run_about(results, editors, site_url, page_id):
    add = lambda name, step: results.add("about", name, step)  # noqa: E731
    run_editing_steps(add, editors["communications"], site_url, page_id)
    add("edit view (direction)", open_edit_view(editors["direction"], site_url, page_id))
    # No workflow: the administrator's publication is the floor of submitting and approving.
    open_edit_view(editors["admin"], site_url, page_id)
    published = publish(editors["admin"])
    add("submit for approval", published)
    add("approve (direction)", published)


RUNNERS = {"report": run_report, "about": run_about}


def run(runs, page_names, bench_dir):
    environment = environment_for(bench_dir)
    bench.prepare(environment, bench_dir)
    add_images(environment)
    ids = page_ids(environment)
    port = bench.free_port()
    server = bench.start_server(environment, port, bench_dir)
    site_url = f"http://{bench.HOST}:{port}"
    results = Results()
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright, browser_deps.find_chromium())
            editors = {username: sign_in(browser, site_url, username) for username in USERS}
            for number in range(1, runs + 1):
                for name in page_names:
                    log(f"run {number} of {runs}: {name}")
                    RUNNERS[name](results, editors, site_url, ids[name])
            browser.close()
    finally:
        bench.stop_server(server)
    return results


# The table


def median_step(steps):
    return MedianStep(
        seconds=statistics.median(step.seconds for step in steps),
        server_ms=statistics.median(step.server_ms for step in steps),
        queries=round(statistics.median(step.queries for step in steps)),
        requests=round(statistics.median(step.requests for step in steps)),
    )


def print_table(results, page_names, runs):
    header = (
        f"{'step':<36} {'page':<7} {'median s':>8} {'run 1 s':>8} {'server s':>8} "
        f"{'browser s':>9} {'queries':>8} {'requests':>8}"
    )
    print(header)
    print("-" * len(header))
    for step_name in STEP_NAMES:
        for page_name in page_names:
            steps = results.steps.get((page_name, step_name))
            if not steps:
                continue
            median = median_step(steps)
            print(
                f"{step_name:<36} {page_name:<7} {median.seconds:>8.2f} {steps[0].seconds:>8.2f} "
                f"{median.server_ms / 1000:>8.2f} "
                f"{median.seconds - median.server_ms / 1000:>9.2f} {median.queries:>8} "
                f"{median.requests:>8}"
            )
    print(
        f"\nMedians of {runs} runs (run 1: the first, with the server's and browser's caches "
        f"cold). server: the Server-Timing of the step's requests; browser: the rest."
    )


def target_misses(results):
    """The targets of issue 15 that the medians miss, as lines to print."""
    misses = []
    for step_name in STEP_NAMES:
        report = results.steps.get(("report", step_name))
        about = results.steps.get(("about", step_name))
        if not report or not about:
            continue
        ratio = median_step(report).seconds / median_step(about).seconds
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        print(
            f"target: {step_name}: report {ratio:.1f} times À propos "
            f"(at most {TARGET_RATIO:.0f}) {verdict}"
        )
        if ratio > TARGET_RATIO:
            misses.append(step_name)
    first_preview = results.steps.get(("report", "preview panel (first)"))
    if first_preview:
        seconds = median_step(first_preview).seconds
        verdict = "met" if seconds <= FIRST_PREVIEW_TARGET_SECONDS else "MISSED"
        print(
            f"target: first preview of the report {seconds:.2f} s "
            f"(at most {FIRST_PREVIEW_TARGET_SECONDS} s) {verdict}"
        )
        if seconds > FIRST_PREVIEW_TARGET_SECONDS:
            misses.append("first preview")
    return misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of every step")
    parser.add_argument("--page", choices=PAGES, action="append", help="default: both")
    parser.add_argument(
        "--bench-dir",
        type=Path,
        default=Path(os.environ.get("BENCH_ADMIN_DIR", "/tmp/consortium-bench-admin")),
    )
    arguments = parser.parse_args()
    arguments.bench_dir.mkdir(parents=True, exist_ok=True)
    page_names = arguments.page or list(PAGES)
    started = time.monotonic()
    results = run(arguments.runs, page_names, arguments.bench_dir)
    print_table(results, page_names, arguments.runs)
    misses = target_misses(results)
    log(f"done in {time.monotonic() - started:.0f} s")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
