"""The rate limits hold across processes: two gunicorn workers sharing one cache (Redis, or a
table in the database, `CACHE_URL`) let one client through exactly the limit, not once per
worker. Runs in the PostgreSQL pass, on the pass's own database."""

import os
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import servers
from tests.smtp import free_port

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

LIMIT = 10  # hcs.lib.ratelimit.DEFAULT_LIMITS["registration"]
REDIS = ("127.0.0.1", 6379)


def _gunicorn(cache_url: str, port: int, log: Path):
    """Two workers, loaded before the fork (both ready when the first answers), each request's
    worker in the access log."""
    env = servers.production_env(CACHE_URL=cache_url)
    options = ["--workers", "2", "--preload", "--access-logfile", str(log)]
    options += ["--access-logformat", "%(p)s %(s)s %(U)s"]
    return servers.gunicorn(port, env, log.with_suffix(".out"), *options)


def _register(port: int, n: int) -> int:
    body = {"name": "P", "email": f"p{n}@example.org", "role": "official"}
    return servers.call(port, "/api/v1/events/999999/registrations", body)[0]


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
    port, log = free_port(), tmp_path / "access.log"
    server = _gunicorn(cache_url, port, log)
    codes: list[int] = []
    try:
        servers.wait_until_up(port)
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
    not servers.redis_reachable() and os.environ.get("CI") != "true",
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
