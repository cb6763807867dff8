"""Run every test: the whole suite on SQLite, then again on PostgreSQL.

PostgreSQL: TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/hcs_test (pytest-django
creates a fresh test_hcs_test database for the run, one per worker, and drops it after). Without
a reachable server the PostgreSQL pass is skipped with a message, except when CI=true, where it
must run. Extra arguments are passed to pytest (e.g. `-k members`).

Speed: each pass runs on every core (pytest-xdist, a test module per worker at a time, so that
a module loads the demo once), and the real-browser tests run once: in the PostgreSQL pass when
there is one (as in production), else in the SQLite pass.
"""

import os
import subprocess
import sys

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/hcs_test"


def _workers() -> list[str]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cores or cores < 2:
        return []
    return ["-n", str(min(cores, 8)), "--dist", "loadfile"]


def _pytest(extra_env: dict[str, str], args: list[str]) -> int:
    env = {**os.environ, **extra_env}
    command = [sys.executable, "-m", "pytest", "--create-db", *_workers(), *args]
    return subprocess.call(command, env=env)


def _postgres_reachable(url: str) -> str | None:
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(url)
    try:
        psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"] or "postgres",
            password=db["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        return str(exc).strip()
    return None


def main(args: list[str]) -> int:
    in_ci = os.environ.get("CI") == "true"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    os.environ.clear()
    os.environ.update(env)
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_PG)
    problem = _postgres_reachable(url)
    if problem and in_ci:
        print(f"== PostgreSQL not reachable at {url}: {problem}", flush=True)
        print("CI=true: the PostgreSQL pass must run. Failing.")
        return 1

    browsers_here = "1" if problem else "0"
    where = "in this pass" if problem else "in the PostgreSQL pass"
    print(f"== Test suite on SQLite (browser tests {where}) ==", flush=True)
    status = _pytest({"HCS_BROWSER_TESTS": browsers_here}, args)

    if problem:
        print(f"\n== PostgreSQL not reachable at {url}: {problem}", flush=True)
        print("Skipping the PostgreSQL pass (set TEST_DATABASE_URL to run it).")
        return status
    print(f"\n== Test suite on PostgreSQL ({url}), with the browser tests ==", flush=True)
    return _pytest({"DATABASE_URL": url, "HCS_BROWSER_TESTS": "1"}, args) or status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
