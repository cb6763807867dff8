"""The rate limits hold across processes: two gunicorn workers sharing one cache (Redis, or a
table in the database, `CACHE_URL`) let one client through exactly the limit, not once per
worker. Runs in the PostgreSQL pass, on the pass's own database."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import servers

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 10  # hcs.lib.ratelimit.DEFAULT_LIMITS["registration"]
REDIS = ("127.0.0.1", 6379)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _gunicorn(cache_url: str, port: int, log: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hcs.settings",
        "DEBUG": "0",
        "SECRET_KEY": "shared-limits-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": servers.database_url(),
        "CACHE_URL": cache_url,
    }
    command = [
        sys.executable, "-m", "gunicorn", "hcs.wsgi",
        "--workers", "2",
        # Loaded before the fork, so that both workers are ready when the first answers.
        "--preload",
        "--bind", f"127.0.0.1:{port}",
        "--access-logfile", str(log),
        "--access-logformat", "%(p)s %(s)s %(U)s",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)


def _wait(port: int) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


def _register(port: int, n: int) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/events/999999/registrations",
        data=b'{"name": "P", "email": "p%d@example.org", "role": "official"}' % n,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        return urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def _answered_by(log: Path) -> set[str]:
    """The workers that answered a registration (not only the start-up check)."""
    if not log.exists():
        return set()
    return {line.split()[0] for line in log.read_text().splitlines() if "/registrations" in line}


BATCH = 6
MOST = 120  # requests at most, waiting for the second worker to take one


def _walk(cache_url: str, tmp_path: Path) -> tuple[list[int], set[str]]:
    """At least LIMIT + 8 registrations, in batches of six at once, and more until both workers
    have answered some: on a busy machine one worker may take the first batches alone."""
    port, log = _free_port(), tmp_path / "access.log"
    server = _gunicorn(cache_url, port, log)
    codes: list[int] = []
    try:
        _wait(port)
        with ThreadPoolExecutor(max_workers=BATCH) as pool:
            while len(codes) < MOST and (len(codes) < LIMIT + 8 or len(_answered_by(log)) < 2):
                numbers = range(len(codes), len(codes) + BATCH)
                codes += pool.map(lambda n: _register(port, n), numbers)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return codes, _answered_by(log)


def _check(codes: list[int], pids: set[str]) -> None:
    assert len(pids) == 2, "both workers must have answered"
    # 404: let through (the event does not exist); 429: over the limit.
    assert sorted(codes) == [404] * LIMIT + [429] * (len(codes) - LIMIT)


@pytest.mark.skipif(
    not _redis_reachable() and os.environ.get("CI") != "true",
    reason="no Redis on 127.0.0.1:6379",
)
def test_two_workers_share_the_limit_in_redis(tmp_path):
    import redis

    redis.Redis(*REDIS, db=15).flushdb()
    _check(*_walk("redis://127.0.0.1:6379/15", tmp_path))


def test_two_workers_share_the_limit_in_the_database(tmp_path, settings):
    from hcs.lib.cache import caches

    # The workers' tables (both caches: pages and rate limits), made as `migrate` makes them.
    settings.CACHES = {f"shared_{alias}": c for alias, c in caches("db://hcs_cache").items()}
    call_command("createcachetable", database="default", verbosity=0)
    _check(*_walk("db://hcs_cache", tmp_path))


def test_each_worker_counting_alone_would_let_twice_as_many_through(tmp_path):
    """The check above can fail: with each process's own memory as the cache, the workers
    together let more through than the limit."""
    codes, pids = _walk("", tmp_path)
    assert len(pids) == 2 and codes.count(404) > LIMIT
