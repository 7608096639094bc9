"""django-q2 with Redis as its broker (the documented alternative to the database broker).

A real redis-server (installed by `make system-deps`), the demo site on a fresh SQLite
database with ``GOV_REVIEW_REDIS_URL`` set, and a real ``qcluster``: a job queued while no
worker runs waits in Redis, and a worker started afterwards runs it and stores its result.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(REPO / "manage.py")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: make system-deps installs it (Debian redis-server)"
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        process.terminate()
        process.wait(timeout=10)


def _shell(env, code: str) -> str:
    done = subprocess.run(
        MANAGE + ["shell", "--no-imports", "-c", code],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_daily_job_goes_through_redis_to_a_real_worker(tmp_path, redis_url):
    url, client = redis_url
    env = dict(
        os.environ,
        GOV_REVIEW_VAR_DIR=str(tmp_path),
        GOV_REVIEW_REDIS_URL=url,
        # The demo site's own settings (pytest's test settings run jobs synchronously).
        DJANGO_SETTINGS_MODULE="example_site.settings",
    )
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"]):
        subprocess.run(MANAGE + command, check=True, env=env, cwd=REPO, timeout=300)

    queue = b"django_q:gov_review:q"  # django-q2's queue list for the cluster's name
    waiting = client.llen(queue)  # load_demo may have queued re-checks of what it published
    task_id = _shell(
        env,
        "from django_q.brokers import get_broker;"
        "from django_q.tasks import async_task;"
        "assert type(get_broker()).__name__ == 'Redis', type(get_broker());"
        "print(async_task('wagtail_gov_review.monitoring.jobs.daily_rescan'))",
    ).strip()
    # No worker yet: the job waits in Redis.
    assert client.llen(queue) == waiting + 1

    worker = subprocess.Popen(
        MANAGE + ["qcluster"], env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        # The job plans the run and queues its chunks in Redis; the worker then checks them.
        output = _shell(
            env,
            "import time\n"
            "from django_q.tasks import result\n"
            "from wagtail_gov_review.monitoring.models import ScanRun\n"
            f"print(result('{task_id}', wait=90000))\n"
            "deadline = time.monotonic() + 120\n"
            "while ScanRun.objects.filter(kind='rescan', status='running').exists():\n"
            "    assert time.monotonic() < deadline, 'the chunks were not checked'\n"
            "    time.sleep(0.5)\n"
            "run = ScanRun.objects.get(kind='rescan')\n"
            "print(run.status, run.processed, run.total, run.chunks.filter(state='done').count())",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    summary, run_line = output.strip().splitlines()[-2:]
    status, processed, total, chunks = run_line.split()
    assert status == "done" and int(total) > 0 and processed == total, output
    # The planning job's result, stored by the worker.
    assert f"/{total}, " in summary and f", {chunks} chunks" in summary, summary
    assert client.llen(queue) == 0
