"""`make soak`: production settings under load, through a PostgreSQL restart and killed workers.

Serves the site with gunicorn and config.settings.production on 127.0.0.1 (PostgreSQL database
consortium_soak with the demonstration content, Redis when it runs, persistent database
connections with health checks), sends a bounded load (32 connections for 30 s on the main
pages, by default), restarts PostgreSQL at 10 s, stops one gunicorn worker with SIGTERM at
18 s (as a deployment or gunicorn's own recycling does) and kills another with SIGKILL at 24 s
(as the out-of-memory killer does), then prints the requests served, the errors by kind and by
second, the window when the database was really down and how long the site took to recover,
without restarting the application.

The load generator plays the load balancer of docs/deploy.md in one respect: a GET whose
connection is cut before any answer comes is sent again, once (nginx's `proxy_next_upstream
error`, HAProxy's `retry-on conn-failure`). Such retries are counted and printed apart.

Exits 1 when a request failed outside the seconds when the database was down, or when the
application had to be restarted. Figures: docs/reliability.md.
"""

import argparse
import collections
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from scripts import servers

DATABASE = "consortium_soak"
SOAK_REDIS_URL = "redis://127.0.0.1:6379/12"
# The main pages (cached for anonymous visitors) and requests that always reach the database:
# the contact page (its form sets a CSRF cookie), a search, the API, the health check.
PATHS = [
    "/fr/",
    "/en/",
    "/fr/a-propos/",
    "/en/about/",
    "/fr/rapports-annuels/",
    "/fr/rapports-annuels/2021-2022/",
    "/en/annual-reports/2021-2022/",
    "/fr/nous-joindre/",
    "/fr/recherche/?q=coop%C3%A9rative",
    "/api/v2/pages/?type=report.ReportYearPage&fields=figures",
    "/health/",
]
REQUEST_TIMEOUT = 10


def postgresql_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def restart_postgresql(cluster):
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", postgresql_version(), cluster, "restart"],
        check=True,
        capture_output=True,
    )


def ensure_postgresql_runs(server_url, cluster):
    if servers.postgres_reachable(server_url):
        return
    print("Starting PostgreSQL")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", postgresql_version(), cluster, "start"],
        check=False,
    )
    for _ in range(30):
        if servers.postgres_reachable(server_url):
            return
        time.sleep(1)
    sys.exit("PostgreSQL is not running and could not be started.")


def prepare_database(server_url, media_root, reuse=False):
    """consortium_soak, migrated, with the demonstration site and report."""
    if reuse and servers.database_exists(server_url, DATABASE):
        print(f"Reusing the database {DATABASE}", flush=True)
        return servers.database_url_for(server_url, DATABASE)
    print(f"Preparing the database {DATABASE} (migrate, demonstration content)…", flush=True)
    database_url = servers.create_database(server_url, DATABASE)
    env = servers.production_environment(database_url, media_root=media_root)
    servers.manage("migrate", "--no-input", env=env)
    servers.manage("load_demo_site", env=env)
    servers.manage("load_demo_report", env=env)
    return database_url


class Results:
    """Every answer: counts by second and kind ("200", "503", "connection reset"…), errors timed."""

    def __init__(self, started):
        self.started = started
        self.lock = threading.Lock()
        self.by_second = collections.defaultdict(collections.Counter)
        self.errors = []  # (seconds since the start when the answer came, kind)
        self.retries = []  # (seconds since the start, path) of the requests sent again
        self.latencies = []

    def record(self, kind, latency):
        at = time.monotonic() - self.started
        with self.lock:
            self.by_second[int(at)][kind] += 1
            self.latencies.append(latency)
            if is_error(kind):
                self.errors.append((at, kind))

    def record_retry(self, path):
        with self.lock:
            self.retries.append((time.monotonic() - self.started, path))

    def totals(self):
        total = collections.Counter()
        for counter in self.by_second.values():
            total.update(counter)
        return total


def is_error(kind):
    return not kind.isdigit() or int(kind) >= 500


CUT_CONNECTION = "connection reset"


def one_request(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Accept-Language": "fr"})
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except ConnectionRefusedError:
        return "connection refused"
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        return CUT_CONNECTION
    except TimeoutError:
        return "timeout"
    except OSError as error:
        return f"network error ({type(error).__name__})"
    finally:
        connection.close()


def request_through_balancer(port, path, results):
    """One visitor's GET as a load balancer passes it on: sent again, once, when the
    connection was cut before any answer (a worker killed while it held the request)."""
    kind = one_request(port, path)
    if kind == CUT_CONNECTION:
        results.record_retry(path)
        kind = one_request(port, path)
    return kind


def visitor(port, offset, stop_at, results):
    position = offset
    while time.monotonic() < stop_at:
        path = PATHS[position % len(PATHS)]
        position += 1
        started = time.monotonic()
        kind = request_through_balancer(port, path, results)
        results.record(kind, time.monotonic() - started)


class DatabaseWatch:
    """Polls PostgreSQL every 50 ms: when it really refused connections."""

    def __init__(self, database_url, started):
        self.url = database_url.replace("postgres://", "postgresql://", 1)
        self.started = started
        self.down_periods = []
        self.stopped = threading.Event()

    def run(self):
        down_since = None
        while not self.stopped.is_set():
            now = time.monotonic() - self.started
            try:
                with psycopg.connect(self.url, connect_timeout=1) as connection:
                    connection.execute("SELECT 1")
                if down_since is not None:
                    self.down_periods.append((down_since, now))
                    down_since = None
            except psycopg.Error:
                if down_since is None:
                    down_since = now
            time.sleep(0.05)
        if down_since is not None:
            self.down_periods.append((down_since, time.monotonic() - self.started))


def run_load(server, database_url, arguments):
    started = time.monotonic()
    stop_at = started + arguments.duration
    results = Results(started)
    watch = DatabaseWatch(database_url, started)
    threads = [threading.Thread(target=watch.run, daemon=True)]
    threads += [
        threading.Thread(target=visitor, args=(server.port, n, stop_at, results), daemon=True)
        for n in range(arguments.connections)
    ]
    for thread in threads:
        thread.start()
    events = []

    time.sleep(max(0, started + arguments.restart_at - time.monotonic()))
    events.append((time.monotonic() - started, "PostgreSQL restart begins"))
    restart_postgresql(arguments.cluster)
    events.append((time.monotonic() - started, "PostgreSQL restart command returned"))

    # SIGTERM: the worker finishes the request it holds, then exits (a deployment, gunicorn's
    # max_requests); SIGKILL: no chance to finish it (the kernel's out-of-memory killer).
    for at, signal_number in [
        (arguments.stop_at, signal.SIGTERM),
        (arguments.kill_at, signal.SIGKILL),
    ]:
        time.sleep(max(0, started + at - time.monotonic()))
        victim = server.worker_pids()[0]
        os.kill(victim, signal_number)
        events.append(
            (time.monotonic() - started, f"gunicorn worker {victim} sent {signal_number.name}")
        )

    for thread in threads[1:]:
        thread.join()
    watch.stopped.set()
    threads[0].join()
    return results, watch.down_periods, events


def seconds_touching(periods):
    return {second for start, end in periods for second in range(int(start), int(end) + 1)}


def classify_errors(errors, down_periods):
    """Errors in the seconds when the database was down, and any other."""
    down_seconds = seconds_touching(down_periods)
    during_outage = [(at, kind) for at, kind in errors if int(at) in down_seconds]
    unexpected = [(at, kind) for at, kind in errors if int(at) not in down_seconds]
    return during_outage, unexpected


def print_figures(results, arguments):
    totals = results.totals()
    answered = sum(totals.values())
    latencies = sorted(results.latencies)
    print(f"Requests answered: {answered}  ({answered - len(results.errors)} succeeded)")
    print(f"Throughput: {answered / arguments.duration:.0f} requests/s")
    if latencies:
        median = latencies[len(latencies) // 2]
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(f"Latency: median {median * 1000:.0f} ms, 99th percentile {p99 * 1000:.0f} ms")
    print(f"Answers by kind: {dict(sorted(totals.items()))}")
    errors_by_kind = collections.Counter(kind for _at, kind in results.errors)
    print(f"Errors by kind: {dict(errors_by_kind) or 'none'}")
    print(
        f"Sent again after a cut connection (the balancer's retry): {len(results.retries)}"
        + "".join(f"\n  at {at:6.2f} s  {path}" for at, path in results.retries)
    )
    print("Errors by second:" if results.errors else "Errors by second: none")
    for second, counter in sorted(results.by_second.items()):
        errors = {kind: n for kind, n in counter.items() if is_error(kind)}
        if errors:
            print(f"  second {second:3d}: {errors} of {sum(counter.values())} answers")


def report(results, down_periods, events, server, master_pid, arguments):
    print()
    print(f"Load: {arguments.connections} connections for {arguments.duration} s on")
    print(f"  gunicorn with {arguments.workers} workers, {server.url}, {len(PATHS)} addresses")
    for at, event in events:
        print(f"  {at:6.2f} s  {event}")
    for start, end in down_periods:
        print(f"  {start:6.2f} s  database refusing connections for {end - start:.2f} s")
    print()
    print_figures(results, arguments)

    during_outage, unexpected = classify_errors(results.errors, down_periods)
    print(f"Errors in the seconds when the database was down: {len(during_outage)}")
    print(f"Other errors: {len(unexpected)} {unexpected[:10] if unexpected else ''}")
    database_back = max((end for _start, end in down_periods), default=None)
    if database_back is not None:
        last_outage_error = max((at for at, _kind in during_outage), default=database_back)
        recovery = max(0.0, last_outage_error - database_back)
        print(
            f"Recovery: the last failed request came {recovery:.2f} s after the database was "
            "back; none since, without restarting anything"
        )
    workers_now = len(server.worker_pids())
    same_master = server.process.poll() is None and server.process.pid == master_pid
    print(
        f"Application: master process {'unchanged' if same_master else 'RESTARTED OR GONE'}, "
        f"{workers_now} of {arguments.workers} workers running (the stopped ones were replaced)"
    )
    succeeded = not unexpected and same_master and workers_now == arguments.workers
    print("SOAK PASSED" if succeeded else "SOAK FAILED")
    return succeeded


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--restart-at", type=float, default=10)
    parser.add_argument("--stop-at", type=float, default=18, help="SIGTERM to a worker")
    parser.add_argument("--kill-at", type=float, default=24, help="SIGKILL to a worker")
    parser.add_argument("--postgres", default=servers.DEFAULT_POSTGRES_URL)
    # The restart stops every database of the cluster: on a machine where other work uses
    # PostgreSQL, point --postgres and --cluster at a cluster of its own (docs/reliability.md).
    parser.add_argument("--cluster", default="main", help="the pg_ctlcluster cluster to restart")
    parser.add_argument(
        "--reuse-database", action="store_true", help=f"keep {DATABASE} from a previous run"
    )
    arguments = parser.parse_args(argv)

    ensure_postgresql_runs(arguments.postgres, arguments.cluster)
    work = Path(tempfile.mkdtemp(prefix="consortium-soak-"))
    try:
        database_url = prepare_database(
            arguments.postgres, work / "media", reuse=arguments.reuse_database
        )
        redis_url = SOAK_REDIS_URL if servers.redis_reachable(SOAK_REDIS_URL) else ""
        if redis_url:
            servers.flush_redis(redis_url)
        env = servers.production_environment(
            database_url, media_root=work / "media", redis_url=redis_url
        )
        print("Collecting static files (kept for the next run)…", flush=True)
        env["STATIC_ROOT"] = str(servers.collected_static(env))
        print(f"Cache: {'Redis ' + redis_url if redis_url else 'local memory (no Redis)'}")
        server = servers.Gunicorn(env, workers=arguments.workers, log_path=work / "gunicorn.log")
        with server:
            master_pid = server.process.pid
            # Warm up: each worker connects, the page cache fills.
            for path in PATHS * arguments.workers:
                one_request(server.port, path)
            results, down_periods, events = run_load(server, database_url, arguments)
            time.sleep(1)
            succeeded = report(results, down_periods, events, server, master_pid, arguments)
        print(f"gunicorn's log: {work / 'gunicorn.log'}")
    finally:
        shutil.rmtree(work / "media", ignore_errors=True)
    sys.exit(0 if succeeded else 1)


if __name__ == "__main__":
    main()
