"""`make bench`: the production configuration under load, each page side by side with a static file.

Sets up a database (PostgreSQL `consortium_bench` on 127.0.0.1:5432 when it answers, else
SQLite) with the demonstration content, collects the static files, starts gunicorn with
config.settings.production on 127.0.0.1, then measures each page in one run:

- throughput and latency under load (wrk, or a Python load generator when wrk is missing), as a
  ratio of what the same server does for a static CSS file, the ceiling with no page work;
- server time and SQL queries (the `Server-Timing` header that BENCH_TIMING=1 switches on);
- HTML and first-view transfer bytes (gzip-compressed, as a browser receives them).

The uncached report page is the same address with a query string (`?bench=uncached`): the page
cache never keeps an address with a query string, and the page ignores this one. The cached
report is measured a second time while an editor (the demonstration's communications user,
signed in through the admin) has the report open and Wagtail's autosave posts its edit form every
AUTOSAVE_SECONDS, the static file measured beside it under the same autosaves: a draft must
leave the cached pages cached. And a third time as browsers ask for it (`COUNTED_ROW`): counted
by the readership counting, which the other rows, sending no user agent, go through uncounted.
Everything it writes (database file, media, static files, logs) is under BENCH_DIR
(default: /tmp/consortium-bench). Usage: `.venv/bin/python scripts/bench.py [--duration 6]`.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
HOST = "127.0.0.1"
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "consortium_bench"
# Two sync workers for two cores: a request is CPU-bound (templates, no I/O wait worth
# overlapping), so more workers would only take turns on the same cores, and wrk needs some too.
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
WARM_REQUESTS_PER_WORKER = 8
CONNECTIONS = 4
ROUNDS = 3
REPORT = "/fr/rapports-annuels/2021-2022/"
PAGES = [
    ("home", "/fr/"),
    ("report index", "/fr/rapports-annuels/"),
    ("report 2021-2022 (cached)", REPORT),
    ("report 2021-2022 (uncached)", f"{REPORT}?bench=uncached"),
    ("message", f"{REPORT}mot-de-la-presidence/"),
    ("report PDF", f"{REPORT}pdf/"),
]
ACCEPT_ENCODING = "gzip"
AUTOSAVED_ROW = "report (cached), autosaving"
# The readership counting (readership/) counts only visits from browsers: the other rows send no
# user agent (wrk, the Python load), as robots do, and are not counted; this row sends a
# browser's, so that each of its requests is counted (one more counter in the process's buffer,
# written to the database every second by a thread of the worker).
COUNTED_ROW = "report (cached), counted"
BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# Wagtail autosaves an edit form half a second after the editor stops typing (its default
# WAGTAIL_AUTOSAVE_INTERVAL): an editor at work saves every few seconds.
AUTOSAVE_SECONDS = 2.5
EDITOR = "communications"  # demo/management/commands/load_demo_site.py
EDITOR_PASSWORD = "bench-editor-password"


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


# Setting up


def bench_environment(bench_dir):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-any-real-server-0123456789",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_TIMING": "1",
        "MEDIA_ROOT": str(bench_dir / "media"),
        "STATIC_ROOT": str(bench_dir / "static"),
        "DATABASE_URL": database_url(bench_dir),
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "ERROR",
        # Persistent database connections, as a deployment should have (README: CONN_MAX_AGE).
        "CONN_MAX_AGE": "60",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    environment.pop("REDIS_URL", None)  # The default configuration: one cache per server.
    return environment


def database_url(bench_dir):
    """PostgreSQL when the local server answers (the database is created once), else SQLite."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=2) as db:
            exists = db.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
            ).fetchone()
            if not exists:
                db.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
        return f"postgresql://postgres@127.0.0.1:5432/{BENCH_DATABASE}"
    except Exception as error:  # No server, no trust authentication, no psycopg: SQLite.
        log(f"PostgreSQL unavailable ({error.__class__.__name__}); using SQLite")
        return f"sqlite:///{bench_dir / 'bench.sqlite3'}"


def manage(environment, *commands):
    """Run management commands in one process: Django starts once, not once per command."""
    script = "\n".join(
        [
            "import django",
            "from django.core.management import call_command",
            "django.setup()",
            *(f"call_command(*{list(command)!r}, verbosity=0)" for command in commands),
        ]
    )
    subprocess.run(
        [str(PYTHON), "-c", script],
        cwd=PROJECT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(environment, bench_dir):
    log(f"database {environment['DATABASE_URL']}")
    commands = [("migrate", "--no-input"), ("load_demo_site",), ("load_demo_report",)]
    if static_files_changed(Path(environment["STATIC_ROOT"])):
        commands.append(("collectstatic", "--no-input", "--clear"))
    manage(environment, *commands)
    # The PDF's first generation is measured: none is kept from an earlier run.
    shutil.rmtree(bench_dir / "media" / "reports" / "pdf", ignore_errors=True)


def static_files_changed(static_root):
    """Collecting compresses every file (a minute or more here): only when the project's changed."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return True
    collected_at = manifest.stat().st_mtime
    # The project's static folder and its apps' (cms/static...).
    folders = [PROJECT / "static", *PROJECT.glob("*/static")]
    sources = (source for folder in folders for source in folder.rglob("*"))
    return any(source.stat().st_mtime > collected_at for source in sources if source.is_file())


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(environment, port, bench_dir):
    command = [
        str(BIN / "gunicorn"),
        "config.wsgi",
        "--no-control-socket",
        f"--bind={HOST}:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        "--timeout=60",
        f"--error-logfile={bench_dir / 'gunicorn.log'}",
    ]
    server = subprocess.Popen(command, cwd=PROJECT, env=environment, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = fetch(port, "/fr/")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer; see {bench_dir / 'gunicorn.log'}")


def stop_server(server):
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


# One request, with what the server says about it


def fetch(port, path, headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(
            "GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@dataclass
class Timing:
    milliseconds: float
    queries: int


def server_timing(headers):
    """`app;dur=12.3, db;dur=4.5;desc="7"` → Timing(12.3, 7)."""
    value = headers.get("Server-Timing", "")
    duration = re.search(r"app;dur=([\d.]+)", value)
    queries = re.search(r'db;dur=[\d.]+;desc="(\d+)"', value)
    if not duration or not queries:
        return None
    return Timing(float(duration.group(1)), int(queries.group(1)))


def median_timing(port, path, request_headers=None, samples=21):
    """(the median Timing or None, the number of requests sent)."""
    timings = []
    for _ in range(samples):
        _status, headers, _body = fetch(port, path, request_headers)
        timings.append(server_timing(headers))
    timings = [timing for timing in timings if timing]
    if not timings:
        return None, samples
    return Timing(
        statistics.median(timing.milliseconds for timing in timings),
        round(statistics.median(timing.queries for timing in timings)),
    ), samples


# Page weight: the HTML and what a first view loads with it


class Resources(HTMLParser):
    """Stylesheets, scripts and the images a browser fetches: for an <img> in a <picture>, the
    first candidate of the picture's first <source> (AVIF, what current browsers take)."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.picture_source = None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.urls.append(attributes.get("href"))
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "picture":
            self.picture_source = None
        elif tag == "source" and self.picture_source is None and attributes.get("srcset"):
            self.picture_source = attributes["srcset"].split(",")[0].split()[0]
        elif tag == "img":
            self.urls.append(self.picture_source or attributes.get("src"))

    def handle_endtag(self, tag):
        if tag == "picture":
            self.picture_source = None


@dataclass
class Weight:
    html_bytes: int = 0
    total_bytes: int = 0
    missing: list = field(default_factory=list)


def page_weight(port, path, bench_dir):
    status, headers, body = fetch(port, path)
    weight = Weight(html_bytes=len(body), total_bytes=len(body))
    if status != 200 or "html" not in headers.get("Content-Type", ""):
        return weight
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    parser = Resources()
    parser.feed(html.decode())
    for url in dict.fromkeys(url for url in parser.urls if url):
        resource_path = urlsplit(urljoin(path, url)).path
        size = resource_size(port, resource_path, bench_dir)
        if size is None:
            weight.missing.append(resource_path)
        else:
            weight.total_bytes += size
    return weight


def resource_size(port, path, bench_dir):
    """Media files are served by the web server in front in production: read from the disk."""
    if path.startswith("/media/"):
        file = bench_dir / "media" / path.removeprefix("/media/")
        return file.stat().st_size if file.exists() else None
    status, _headers, body = fetch(port, path)
    return len(body) if status == 200 else None


def stylesheet_path(port):
    _status, headers, body = fetch(port, "/fr/")
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    parser = Resources()
    parser.feed(html.decode())
    for url in parser.urls:
        if url and url.endswith(".css"):
            return urlsplit(url).path
    raise SystemExit("No stylesheet on the home page")


# Load


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    requests: int = 0


def measure_load(port, path, duration, headers=None):
    if shutil.which("wrk"):
        return wrk_load(port, path, duration, headers or {})
    return python_load(port, path, duration, headers or {})


def wrk_load(port, path, duration, headers):
    result = subprocess.run(
        [
            "wrk",
            "--threads=1",
            f"--connections={CONNECTIONS}",
            f"--duration={duration}s",
            "--latency",
            f"--header=Accept-Encoding: {ACCEPT_ENCODING}",
            *(f"--header={name}: {value}" for name, value in headers.items()),
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=wrk_milliseconds(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        p99_ms=wrk_milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        errors=int(errors.group(1)) if errors else 0,
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
    )


def wrk_milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def python_load(port, path, duration, headers):
    """Keep-alive connections in threads: a lower ceiling than wrk, but the same for each page."""
    latencies, errors, stop_at = [], [0], time.monotonic() + duration

    def worker():
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING, **headers})
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status >= 400:
                errors[0] += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return Load(
        requests_per_second=len(latencies) / duration,
        p50_ms=latencies[len(latencies) // 2],
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        errors=errors[0],
        requests=len(latencies),
    )


# The run


@dataclass
class Row:
    name: str
    path: str
    load: Load
    timing: Timing | None
    weight: Weight
    ceilings: list = field(default_factory=list)  # the static file's req/s measured beside it
    sent: int = 0  # requests sent, all rounds together

    @property
    def ratio(self):
        return self.load.requests_per_second / statistics.median(self.ceilings)


def run(duration, bench_dir):
    environment = bench_environment(bench_dir)
    prepare(environment, bench_dir)
    report_id, body_fields = editor_and_report(environment)
    views_before = counted_views(environment, report_id)
    port = free_port()
    server = start_server(environment, port, bench_dir)
    try:
        pdf_seconds = first_pdf_seconds(port)
        static_path = stylesheet_path(port)
        static = measure(port, "static CSS (ceiling)", static_path, duration, bench_dir)
        rows = [static]
        for name, path in PAGES:
            rows.append(measure(port, name, path, duration, bench_dir, static))
            if path == REPORT:
                with AutosavingEditor(port, report_id, body_fields) as editor:
                    rows.append(measure(port, AUTOSAVED_ROW, path, duration, bench_dir, static))
                    cached_after = fetch(port, path)[1].get("X-Page-Cache")
                browser = {"User-Agent": BROWSER_USER_AGENT}
                counted_row = measure(port, COUNTED_ROW, path, duration, bench_dir, static, browser)
                rows.append(counted_row)
    finally:
        stop_server(server)  # Workers stopped normally write what they counted (atexit).
    static.load = Load(statistics.median(static.ceilings), static.load.p50_ms, static.load.p99_ms)
    print_table(rows, pdf_seconds)
    print(
        f"{AUTOSAVED_ROW}: the communications editor's autosave posted the report's edit form "
        f"{editor.saves} times, every {AUTOSAVE_SECONDS} s ({editor.failures} failed, "
        f"{editor.median_ms():.0f} ms each, median); the report afterwards: X-Page-Cache "
        f"{cached_after}."
    )
    views = counted_views(environment, report_id) - views_before
    print(
        f"{COUNTED_ROW}: {views} views of the report counted for the {counted_row.sent} "
        f"requests sent with a browser's user agent (a request still in flight when the load "
        f"stops is answered, and counted, but not reported by the load generator)."
    )


def first_pdf_seconds(port):
    started = time.perf_counter()
    status, _headers, body = fetch(port, PAGES[-1][1])
    seconds = time.perf_counter() - started
    if status != 200 or not body.startswith(b"%PDF"):
        raise SystemExit(f"The report PDF answered {status}")
    log(f"PDF made in {seconds:.2f} s ({len(body) / 1024:.0f} KB)")
    return seconds


def measure(port, name, path, duration, bench_dir, static=None, headers=None):
    """The page's figures; with `static`, its load in rounds that alternate with the static
    file's, so that each ratio compares runs made seconds apart on a machine whose other work
    varies (the round with the median ratio gives the page's latencies). `headers` go with
    each request for the page (not the static file's)."""
    log(f"{name}: {path}")
    # Warm every worker as a few seconds of traffic would: the page cache, imports, compiled
    # templates, formatted figures, and PostgreSQL's prepared statements (psycopg prepares a
    # query on a connection from its sixth run, config/settings/base.py).
    warm_requests = WARM_REQUESTS_PER_WORKER * WORKERS
    for _ in range(warm_requests):
        fetch(port, path, headers)
    timing, timing_requests = median_timing(port, path, headers)
    weight = page_weight(port, path, bench_dir)
    sent = warm_requests + timing_requests
    if static is None:
        load = measure_load(port, path, duration, headers)
        return Row(
            name, path, load, timing, weight, [load.requests_per_second], sent + load.requests
        )
    rounds, seconds = [], max(1, round(duration / ROUNDS))  # wrk counts whole seconds
    for _ in range(ROUNDS):
        ceiling = measure_load(port, static.path, seconds)
        static.ceilings.append(ceiling.requests_per_second)
        load = measure_load(port, path, seconds, headers)
        sent += load.requests
        rounds.append((load.requests_per_second / ceiling.requests_per_second, load, ceiling))
    rounds.sort(key=lambda round_: round_[0])
    _ratio, load, ceiling = rounds[len(rounds) // 2]
    return Row(name, path, load, timing, weight, [ceiling.requests_per_second], sent)


def counted_views(environment, report_id):
    """The report's views in the readership counts (readership/models.py)."""
    output = django_output(
        environment,
        [
            "from django.db.models import Sum",
            "from readership.models import ReadershipCount",
            f"views = ReadershipCount.objects.filter(page_id={report_id}, kind='view')",
            "print(views.aggregate(total=Sum('count'))['total'] or 0)",
        ],
    )
    return int(output.strip().splitlines()[-1])


def django_output(environment, lines):
    """What `lines` of Python print, run with Django set up in the bench's environment."""
    code = "\n".join(["import django", "django.setup()", *lines])
    return subprocess.run(
        [str(PYTHON), "-c", code],
        cwd=PROJECT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# An editor at work: Wagtail's autosave


def editor_and_report(environment):
    """The editor's password set for the run, and the report's id and StreamField form fields
    (the admin's scripts build those; tests/ops/admin_body_data.py does it as they do)."""
    slug = REPORT.rstrip("/").rsplit("/", 1)[-1]
    output = django_output(
        environment,
        [
            "from django.contrib.auth import get_user_model",
            "from report.models import ReportYearPage",
            "from tests.ops.admin_body_data import print_body_form_data",
            f"editor = get_user_model().objects.get(username={EDITOR!r})",
            f"editor.set_password({EDITOR_PASSWORD!r})",
            "editor.save()",
            f"report = ReportYearPage.objects.get(locale__language_code='fr', slug={slug!r})",
            "print(report.id)",
            "print_body_form_data(report.id)",
        ],
    ).splitlines()
    return int(output[0]), list(json.loads(output[1]).items())


class AutosavingEditor(threading.Thread):
    """The communications editor with the report's edit view open: signs in, reads the edit form,
    then posts it as Wagtail's autosave does (`Accept: application/json`, the CSRF token in a
    header, the revision it overwrites) every AUTOSAVE_SECONDS, a word of the introduction
    changed each time, until the block ends."""

    def __init__(self, port, report_id, body_fields):
        super().__init__(daemon=True)
        self.base = f"http://{HOST}:{port}"
        self.edit_url = f"{self.base}/admin/pages/{report_id}/edit/"
        self.body_fields = body_fields
        self.cookies = {}
        self.stopping = threading.Event()
        self.saves = self.failures = 0
        self.milliseconds = []

    def __enter__(self):
        self.sign_in()
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        self.join()

    def request(self, method, url, **options):
        import requests  # Wagtail's dependency; only the benchmark's editor needs it.

        # Cookies by hand: the production settings mark them Secure, and this is plain HTTP.
        response = requests.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **options
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def sign_in(self):
        self.request("GET", f"{self.base}/admin/login/")
        signed_in = self.request(
            "POST",
            f"{self.base}/admin/login/",
            data={
                "username": EDITOR,
                "password": EDITOR_PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        if signed_in.status_code != 302:
            raise SystemExit(f"The editor could not sign in ({signed_in.status_code})")

    def run(self):
        form = edit_form_fields(self.request("GET", self.edit_url).text)
        next_save = time.monotonic() + AUTOSAVE_SECONDS
        while not self.stopping.wait(max(0, next_save - time.monotonic())):
            next_save += AUTOSAVE_SECONDS
            self.saves += 1
            form = [
                (name, f"Une année de croissance ({self.saves})." if name == "introduction" else v)
                for name, v in form
            ]
            started = time.perf_counter()
            response = self.request(
                "POST",
                self.edit_url,
                data=form + self.body_fields,
                headers={"Accept": "application/json", "X-CSRFToken": self.cookies["csrftoken"]},
            )
            self.milliseconds.append((time.perf_counter() - started) * 1000)
            answer = response.json() if response.status_code == 200 else {}
            if not answer.get("success"):
                self.failures += 1
                continue
            form = [(name, v) for name, v in form if name != "overwrite_revision_id"]
            form.append(("overwrite_revision_id", str(answer["revision_id"])))

    def median_ms(self):
        return statistics.median(self.milliseconds) if self.milliseconds else 0.0


def edit_form_fields(html):
    """The fields of the page's edit form as a browser sends them, but the StreamField's (which
    the admin's scripts build) and the action buttons."""
    from bs4 import BeautifulSoup  # Wagtail's dependency.

    form = BeautifulSoup(html, "html.parser").select_one("form#page-edit-form")
    if form is None:
        raise SystemExit("No edit form in the report's edit view")
    fields = []
    for element in form.find_all(["input", "textarea", "select"]):
        name, kind = element.get("name"), element.get("type", "text")
        if not name or name.startswith("body") or element.has_attr("disabled"):
            continue
        if kind in {"submit", "button", "file"}:
            continue
        if kind in {"checkbox", "radio"}:
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        elif element.name == "textarea":
            fields.append((name, element.text))
        elif element.name == "select":
            chosen = element.find("option", selected=True)
            if chosen is not None:
                fields.append((name, chosen.get("value", chosen.text)))
        else:
            fields.append((name, element.get("value", "")))
    return fields


def print_table(rows, pdf_seconds):
    header = (
        f"{'page':<30} {'req/s':>8} {'vs static':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'server ms':>10} {'queries':>8} {'HTML KB':>8} {'total KB':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        timing = row.timing
        print(
            f"{row.name:<30} {row.load.requests_per_second:>8.0f} "
            f"{row.ratio:>8.0%} {row.load.p50_ms:>8.2f} "
            f"{row.load.p99_ms:>8.2f} "
            f"{(f'{timing.milliseconds:.1f}' if timing else '-'):>10} "
            f"{(timing.queries if timing else '-'):>8} "
            f"{row.weight.html_bytes / 1024:>8.1f} {row.weight.total_bytes / 1024:>9.1f}"
            + (f"  ({row.load.errors} errors)" if row.load.errors else "")
        )
    print(
        f"\nvs static: median over {ROUNDS} rounds of the page's req/s over the static file's "
        f"just before (static row: median of {len(rows[0].ceilings)} runs, "
        f"{min(rows[0].ceilings):.0f} to {max(rows[0].ceilings):.0f} req/s).\n"
        f"PDF first generation: {pdf_seconds:.2f} s. Sizes are gzip-compressed as sent; "
        f"{WORKERS} gunicorn workers, {CONNECTIONS} connections, "
        f"{'wrk' if shutil.which('wrk') else 'Python load generator'}."
    )
    for row in rows:
        if row.weight.missing:
            print(f"Not counted for {row.name} (not found): {', '.join(row.weight.missing)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=int, default=6, help="seconds of load per page (and as much static)"
    )
    parser.add_argument(
        "--bench-dir", type=Path, default=Path(os.environ.get("BENCH_DIR", "/tmp/consortium-bench"))
    )
    arguments = parser.parse_args()
    arguments.bench_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    run(arguments.duration, arguments.bench_dir)
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
