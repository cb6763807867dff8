"""The secretariat's pages at ten times today's network: the dashboard (Att göra), the events
list and an event's registrations, logged in as the coordinator.

    .venv/bin/python bench/workspace.py [--requests 60] [--postgres URL]

Builds two databases and measures the same pages in each:
- "today": 20 members, 2 years of events (60 a year), 5 000 registrations;
- "x10": 200 members, 20 years of events, 50 000 registrations.
Memberships and 20 000 contact persons come from bench/generate.py (--open 20 / 200); the
events, registrations (half of the past events with attendance marked, a waiting list on the
full ones) and this year's criteria (the 2024 set) are bulk-inserted here, seeded and
deterministic. SQLite by default (bench/workspace-*.sqlite3); with --postgres a server URL
(e.g. postgres://postgres@127.0.0.1:5432), databases hcs_bench_ws_* are dropped and created.

Each page is requested in this process through Django's test client with the coordinator's
session (every middleware, the view, the template; no network): a few warm-up requests, then
--requests measured. Printed per page and scale: p50 and p95 in ms, and the number of SQL
queries of one request. Goals: p95 under 100 ms at x10, and the same number of queries at both
scales. Exits 1 if a goal is missed.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCALES = {
    "today": {"members": 20, "years": 2, "registrations": 5_000},
    "x10": {"members": 200, "years": 20, "registrations": 50_000},
}
EVENTS_PER_YEAR = 60
GOAL_MS = 100


def database_url(scale: str, postgres: str | None) -> str:
    if postgres:
        import psycopg

        name = f"hcs_bench_ws_{scale}"
        with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{postgres}/{name}"
    path = BENCH / f"workspace-{scale}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def build(url: str, scale: dict) -> None:
    """The registry from generate.py, then the events and registrations (a child process per
    database: Django is set up once per process)."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-not-a-secret"}
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--open", str(scale["members"])],
        check=True,
        env=env,
    )
    subprocess.run(
        [sys.executable, __file__, "--fill", str(scale["years"]), str(scale["registrations"])],
        check=True,
        env=env,
    )


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    # hcs.settings with the static files collected inside bench/ (bench/settings.py).
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("SECRET_KEY", "bench-not-a-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    # Every request reads the registry's version (one small query), not once a second: the
    # number of queries of a request is then the same on every run.
    os.environ.setdefault("REGISTRY_VERSION_CHECK_SECONDS", "0")
    import django

    django.setup()


def fill(years: int, registrations: int, seed: int = 1) -> None:
    setup_django()
    from django.db import connection, transaction
    from django.utils import timezone

    from hcs.criteria.demo import CRITERIA_2024
    from hcs.criteria.models import Criterion
    from hcs.events.models import Event, Registration
    from hcs.memberships.queries import members_on
    from hcs.organisations.models import Organisation

    rng = random.Random(seed)
    now = timezone.now()
    this_year = timezone.localdate().year
    members = list(
        Organisation.objects.filter(code__in=[row.code for row in members_on(timezone.localdate())])
    )
    kinds = [k for k in Event.Kind.values if k != Event.Kind.BOARD_MEETING]
    with transaction.atomic():
        events = []
        for year in range(this_year - years + 1, this_year + 1):
            for n in range(EVENTS_PER_YEAR):
                day = datetime(year, 1, 1, 9) + timedelta(days=rng.randrange(365))
                starts = timezone.make_aware(day)
                kind = rng.choice(kinds)
                events.append(
                    Event(
                        title=f"{kind} {year} #{n}",
                        kind=kind,
                        audience=rng.choice(["public", "members"]),
                        starts=starts,
                        ends=starts + timedelta(hours=3),
                        capacity=rng.choice([None, 30, 60, 120]),
                        place="Stockholm",
                    )
                )
        Event.objects.bulk_create(events, batch_size=2000)
        events = list(Event.objects.order_by("starts"))
        per_event = max(1, registrations // len(events))
        rows = []
        for index, event in enumerate(events):
            confirmed = 0
            past = event.ends < now
            marked = past and index % 2 == 0
            for n in range(per_event):
                full = event.capacity is not None and confirmed >= event.capacity
                status = "waitlisted" if full else rng.choice(["confirmed"] * 9 + ["cancelled"])
                confirmed += status == "confirmed"
                organisation = rng.choice(members) if n % 3 else None
                rows.append(
                    Registration(
                        event=event,
                        name=f"Person {index}-{n}",
                        email=f"p{index}-{n}@example.org",
                        organisation=organisation,
                        organisation_name="" if organisation else "Annan organisation",
                        role=rng.choice(["politician", "official", "external"]),
                        status=status,
                        attended=(status == "confirmed") if marked else None,
                    )
                )
        Registration.objects.bulk_create(rows, batch_size=5000)
        for position, (key, method, name, name_en, extra) in enumerate(CRITERIA_2024, start=1):
            Criterion.objects.create(
                year=this_year,
                key=key,
                position=position,
                name=name,
                name_en=name_en,
                method=method,
                **extra,
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{len(events)} events, {len(rows)} registrations, {len(members)} members today")


def measure(url: str, requests: int) -> dict[str, tuple[float, float, int]]:
    """In a child process: {page: (p50 ms, p95 ms, queries)}."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-not-a-secret"}
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(requests)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    result = {}
    for line in out.splitlines():
        if line.startswith("RESULT "):
            _, page, p50, p95, queries = line.split()
            result[page] = (float(p50), float(p95), int(queries))
    return result


class QueryCount(list):
    """An execute wrapper that keeps each query's SQL."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def measure_here(requests: int) -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from hcs.accounts.services import coordinator_group_ensure
    from hcs.events.models import Event

    # Not setup_test_environment(): it instruments every template's rendering, which a real
    # server does not pay for.
    call_command("collectstatic", "--noinput", verbosity=0)
    user = get_user_model().objects.filter(username="bench-kansli").first()
    if user is None:
        user = get_user_model().objects.create_user("bench-kansli", is_staff=True)
    user.groups.add(coordinator_group_ensure())
    client = Client()
    client.force_login(user)
    # The event with the most registrations, and the list of its year.
    biggest = Event.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()
    pages = {
        "dashboard": "/kansli/",
        "events": f"/kansli/evenemang/?ar={biggest.starts.year}",
        "registrations": f"/kansli/evenemang/{biggest.pk}/",
    }
    for name, path in pages.items():
        for _ in range(5):
            assert client.get(path).status_code == 200, path
        queries = QueryCount()
        with connection.execute_wrapper(queries):
            client.get(path)
        times = []
        for _ in range(requests):
            began = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"RESULT {name} {statistics.median(times):.1f} {p95:.1f} {len(queries)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--postgres", help="a PostgreSQL server URL, without a database name")
    parser.add_argument("--fill", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        fill(*args.fill)
        return
    if args.measure:
        measure_here(args.measure)
        return
    results = {}
    for scale, sizes in SCALES.items():
        url = database_url(scale, args.postgres)
        began = time.monotonic()
        build(url, sizes)
        print(f"{scale}: built in {time.monotonic() - began:.0f} s")
        results[scale] = measure(url, args.requests)
    failed = False
    print(f"{'page':<14} {'scale':<6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for page in results["x10"]:
        for scale in SCALES:
            p50, p95, queries = results[scale][page]
            print(f"{page:<14} {scale:<6} {p50:>8.1f} {p95:>8.1f} {queries:>8}")
        if results["x10"][page][1] >= GOAL_MS:
            print(f"  {page}: p95 {results['x10'][page][1]:.1f} ms ≥ {GOAL_MS} ms")
            failed = True
        if results["x10"][page][2] != results["today"][page][2]:
            print(f"  {page}: the number of queries grows with the data")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
