"""Run every test: the whole suite on SQLite, then again on PostgreSQL.

PostgreSQL: TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/hcs_test (pytest-django
creates a fresh test_hcs_test database for the run and drops it after). Without a reachable
server the PostgreSQL pass is skipped with a message, except when CI=true, where it must run.
Extra arguments are passed to pytest (e.g. `-k members`).
"""

import os
import subprocess
import sys

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/hcs_test"


def _pytest(extra_env: dict[str, str], args: list[str]) -> int:
    env = {**os.environ, **extra_env}
    return subprocess.call([sys.executable, "-m", "pytest", "--create-db", *args], env=env)


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
    print("== Test suite on SQLite ==", flush=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    os.environ.clear()
    os.environ.update(env)
    status = _pytest({}, args)

    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_PG)
    problem = _postgres_reachable(url)
    if problem:
        print(f"\n== PostgreSQL not reachable at {url}: {problem}", flush=True)
        if in_ci:
            print("CI=true: the PostgreSQL pass must run. Failing.")
            return 1
        print("Skipping the PostgreSQL pass (set TEST_DATABASE_URL to run it).")
        return status
    print(f"\n== Test suite on PostgreSQL ({url}) ==", flush=True)
    return _pytest({"DATABASE_URL": url}, args) or status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
