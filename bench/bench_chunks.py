"""The chunked re-scan on real ``qcluster`` workers: one worker, then two (issue 19, point 5).

    .venv/bin/python bench/bench_chunks.py [--pages 10000] [--workers 1 2] [--chunk 1000]

Builds a throw-away database (SQLite in a temporary directory, or the PostgreSQL server of
``DATABASE_URL``), writes ``--pages`` live notice pages in bulk (the texts of
``bench_rescan.py``: ~600 characters, one in twenty with a mobile number), then for each
worker count starts ``manage.py qcluster`` with that many workers (broker: the database, or
Redis when ``GOV_REVIEW_REDIS_URL`` is set), queues the daily re-scan and waits for its run
to close. Reported per run: wall time from queuing to the run's close, pages/s, findings, the
chunks and their attempts, and the load average (this machine's 2 cores are shared).
The engine is loaded by each worker on its first chunk; that start-up is part of the time.

``--separate`` starts one single-worker ``qcluster`` per worker, each in its own session, as
separate machines would run them. On a shared Linux machine this matters: with
``kernel.sched_autogroup_enabled`` the scheduler gives each session one fair share of the CPU,
so the N workers of one ``qcluster`` (one session) share what one process would get.
``--reuse DIR`` runs again on the pages of an earlier run.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def build(pages: int) -> None:
    import random

    from wagtail.models import Page

    from bench.bench_rescan import body
    from bench.bulk_pages import bulk_live_pages
    from example_site.portal.models import ColumnIndexPage, NoticePage

    root = Page.get_first_root_node()
    column = root.add_child(instance=ColumnIndexPage(title="通知公告", slug="bench-notices"))
    rng = random.Random(8)
    for start in range(0, pages, 5000):
        rows = [
            {"title": f"关于第{i}项工作的通知", "slug": f"n{i}", "body": body(rng, i)}
            for i in range(start, min(pages, start + 5000))
        ]
        column.refresh_from_db()  # numchild grows with every slice
        bulk_live_pages(column, NoticePage, rows)


def start_clusters(workers: int, log: Path, *, separate: bool) -> list[subprocess.Popen]:
    """One ``qcluster`` with ``workers`` worker processes, or (``separate``) one ``qcluster``
    of one worker per worker, each in its own session, as on separate machines."""
    per_cluster, clusters = (1, workers) if separate else (workers, 1)
    env = {**os.environ, "GOV_REVIEW_Q_WORKERS": str(per_cluster), "PYTHONPATH": str(ROOT)}
    return [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=log.with_suffix(f".{number}.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with the workers it forks
        )
        for number in range(clusters)
    ]


def stop_cluster(cluster: subprocess.Popen) -> None:
    os.killpg(cluster.pid, signal.SIGTERM)
    try:
        cluster.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait()


def timed_run(workers: int, chunk: int, log: Path, *, separate: bool = False) -> dict:
    from django.db import connection
    from django.db.models import Max, Sum

    from wagtail_gov_review.monitoring.chunks import start_chunked_run
    from wagtail_gov_review.monitoring.models import RunKind, RunStatus, ScanRun

    clusters = start_clusters(workers, log, separate=separate)
    time.sleep(5)  # the cluster's processes start (not counted)
    load_before = load()
    t0 = time.perf_counter()
    run = start_chunked_run(RunKind.RESCAN, chunk_size=chunk)
    connection.close()  # no lock held while the workers write (SQLite)
    try:
        while ScanRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).exists():
            connection.close()
            time.sleep(0.5)
            if any(cluster.poll() is not None for cluster in clusters):
                raise RuntimeError(f"a qcluster stopped; see {log}")
        elapsed = time.perf_counter() - t0
    finally:
        for cluster in clusters:
            stop_cluster(cluster)
    run.refresh_from_db()
    attempts = run.chunks.aggregate(total=Sum("attempts"), most=Max("attempts"))
    return {
        "workers": workers,
        "seconds": elapsed,
        "run": run,
        "chunks": run.chunks.count(),
        "attempts": attempts,
        "load_before": load_before,
        "load_after": load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument(
        "--separate",
        action="store_true",
        help="one qcluster process (own session) per worker instead of one with N workers",
    )
    parser.add_argument("--reuse", help="the directory of an earlier run: its pages, no build")
    args = parser.parse_args()

    tmp = Path(args.reuse or tempfile.mkdtemp(prefix="gov-chunks-bench-"))
    os.environ["GOV_REVIEW_VAR_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "example_site.settings"
    import django

    django.setup()
    import logging

    logging.getLogger("django-q").setLevel(logging.WARNING)  # one line per queued chunk
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "redis" if settings.Q_CLUSTER.get("redis") else "orm (database)"
    print(f"database {database}, broker {broker}, {os.cpu_count()} CPUs, var {tmp}", flush=True)
    t0 = time.perf_counter()
    if not args.reuse:
        call_command("migrate", verbosity=0)
        build(args.pages)
        print(f"migrate + {args.pages} live pages in bulk: {time.perf_counter() - t0:.0f} s")

    how = "qcluster process(es) of 1 worker" if args.separate else "worker(s) in one qcluster"
    for workers in args.workers:
        log = tmp / f"qcluster-{workers}-{'separate' if args.separate else 'one'}"
        figures = timed_run(workers, args.chunk, log, separate=args.separate)
        run = figures["run"]
        print(
            f"{workers} {how}: {run.processed}/{run.total} pages in {figures['seconds']:.1f} s"
            f" = {run.processed / figures['seconds']:.0f} pages/s, {run.findings_count} findings,"
            f" status {run.status}; {figures['chunks']} chunks, attempts"
            f" {figures['attempts']['total']} (max {figures['attempts']['most']});"
            f" load average {figures['load_before']} before, {figures['load_after']} after",
            flush=True,
        )


if __name__ == "__main__":
    main()
