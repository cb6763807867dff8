"""200 registrations at the same moment for a 100-seat event: none overbooked, and how fast.

    .venv/bin/python bench/registrations.py [--rounds 3] [--clients 200] [--capacity 100]
                                            [--workers 2] [--keep] [--sqlite]

Works in its own PostgreSQL database, hcs_bench_registrations on 127.0.0.1:5432 (--postgres,
--database), dropped and created on every run and dropped at the end (--keep: left for a look);
with --sqlite in bench/registrations.sqlite3 instead. Prepares it (migrate, the shipped reference
data, Malmö (1280) made a member), then starts `gunicorn hcs.wsgi -w 2` on 127.0.0.1 with
production settings and e-mail kept in memory (locmem: the confirmation is still rendered, with
its .ics, but goes nowhere).

Each round makes a fresh public event (capacity 100, registration open for a year) and has 200
threads, each with its own connection already open, wait on a barrier and then all POST
/api/v1/events/{id}/registrations at once: distinct e-mail addresses, half from Malmö, half with
no organisation, role "official". Checked per round, from the responses: every one 201, exactly
100 "confirmed" and 100 "waitlisted", the positions exactly 1..100; and from the database: 100
confirmed and 100 waitlisted rows, every confirmed one registered before every waitlisted one,
and each position the response gave is the row's place in the waiting list. Prints per round and
as the median over the rounds: the burst's wall time (barrier to last response), registrations/s,
p50/p95/max latency per request, and the CPU time the gunicorn workers spent per registration
(from /proc). Then, for comparison, registrations one at a time over HTTP, and
registration_create's transaction timed in this process (without the e-mail): how long the
event's row stays locked (on SQLite: the database's write lock), which bounds the rate for one
event. Exits 1 if an invariant fails.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from run import free_port, get

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"  # Git-ignored: the gunicorn log goes here.
SQLITE_DATABASE = BENCH / "registrations.sqlite3"
ACTOR = "bench/registrations.py"
MEMBER_CODE = "1280"  # Malmö


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def postgres_recreate(server_url: str, name: str, *, create: bool = True) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        # FORCE: a leftover connection (an interrupted run's gunicorn) must not block the drop.
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def sqlite_remove() -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_DATABASE}{suffix}").unlink(missing_ok=True)


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hcs.settings"
    os.environ.setdefault("SECRET_KEY", "bench-not-a-secret")
    import django

    django.setup()


def prepare() -> float:
    from django.core.management import call_command

    from hcs.memberships.services import DecisionData, membership_start
    from hcs.organisations.models import Organisation
    from hcs.organisations.reference import read_shipped_reference_data
    from hcs.organisations.services import reference_data_load

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load(rows=read_shipped_reference_data())
    membership_start(
        organisation=Organisation.objects.get(code=MEMBER_CODE),
        start_date=date(2020, 1, 1),
        decision=DecisionData(body="Kommunstyrelsen", date=date(2019, 11, 1), paragraph="§ 1"),
        actor=ACTOR,
    )
    return time.perf_counter() - began


def event_create(title: str, capacity: int):
    from django.utils import timezone

    from hcs.events.models import Event
    from hcs.events.services import event_save

    starts = timezone.now() + timedelta(days=400)
    event = Event(
        title=title,
        kind=Event.Kind.SEMINAR,
        audience=Event.Audience.PUBLIC,
        starts=starts,
        ends=starts + timedelta(hours=3),
        place="Malmö",
        capacity=capacity,
        registration_deadline=starts - timedelta(days=30),
    )
    return event_save(event=event, actor=ACTOR)


def registration_body(tag: str, n: int) -> bytes:
    return json.dumps(
        {
            "name": f"Deltagare {n}",
            "email": f"deltagare-{tag}-{n:03d}@example.org",
            "organisation_code": MEMBER_CODE if n % 2 == 0 else None,
            "role": "official",
        }
    ).encode()


def post(connection: http.client.HTTPConnection, path: str, body: bytes) -> tuple[int, dict]:
    connection.request("POST", path, body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def burst(port: int, event_id: int, clients: int, tag: str) -> dict:
    """`clients` POSTs released together by a barrier; returns the responses and timings."""
    path = f"/api/v1/events/{event_id}/registrations"
    released: list[float] = []
    barrier = threading.Barrier(clients, action=lambda: released.append(time.perf_counter()))
    results: list[dict | None] = [None] * clients

    def client(n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            # Connected before the barrier, so the requests themselves leave together.
            connection.connect()
            barrier.wait(timeout=60)
            began = time.perf_counter()
            status, data = post(connection, path, registration_body(tag, n))
            ended = time.perf_counter()
            results[n] = {"status": status, "data": data, "latency": ended - began, "end": ended}
        except Exception as error:  # Reported as a failed request, not a crashed thread.
            barrier.abort()  # The others must not wait for a client that will never come.
            results[n] = {"status": None, "data": {"detail": repr(error)}, "latency": 0, "end": 0}
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ends = [r["end"] for r in results if r["status"] is not None]
    wall = (max(ends) - released[0]) if ends and released else float("nan")
    latencies = [r["latency"] for r in results if r["status"] is not None]
    return {"results": results, "wall": wall, "latencies": latencies}


def check(event, capacity: int, responses: list[dict]) -> list[str]:
    """What is wrong with a burst's outcome, in the responses and in the database."""
    from collections import Counter

    from hcs.events.models import Registration

    problems = []
    clients, waiting = len(responses), len(responses) - capacity
    statuses = Counter(r["status"] for r in responses)
    if statuses != {201: clients}:
        problems.append(f"HTTP statuses {dict(statuses)}, expected {{201: {clients}}}")
        odd = [r for r in responses if r["status"] != 201][:3]
        problems += [f"  e.g. {r['status']}: {r['data']}" for r in odd]
    created = [r["data"] for r in responses if r["status"] == 201]
    by_status = Counter(d["status"] for d in created)
    if by_status != {"confirmed": capacity, "waitlisted": waiting}:
        problems.append(f"responses {dict(by_status)}, expected {capacity}/{waiting}")
    if any(d["position"] is not None for d in created if d["status"] == "confirmed"):
        problems.append("a confirmed response has a waiting-list position")
    positions = sorted(d["position"] or 0 for d in created if d["status"] == "waitlisted")
    if positions != list(range(1, waiting + 1)):
        duplicates = {p: n for p, n in Counter(positions).items() if n > 1}
        problems.append(
            f"waiting-list positions {positions[:3]}…{positions[-3:]}, expected 1..{waiting}"
            + (f"; duplicated: {duplicates}" if duplicates else "")
        )

    rows = list(Registration.objects.filter(event=event).order_by("id").values("id", "status"))
    in_db = Counter(r["status"] for r in rows)
    if in_db != {"confirmed": capacity, "waitlisted": waiting}:
        problems.append(f"database {dict(in_db)}, expected {capacity}/{waiting}")
    confirmed_ids = [r["id"] for r in rows if r["status"] == "confirmed"]
    waitlisted_ids = [r["id"] for r in rows if r["status"] == "waitlisted"]
    if confirmed_ids and waitlisted_ids and max(confirmed_ids) > min(waitlisted_ids):
        problems.append("a waitlisted registration is older than a confirmed one")
    # The position a response gave must be the row's place in the waiting list (oldest first).
    place = {id_: n for n, id_ in enumerate(waitlisted_ids, start=1)}
    waitlisted = [d for d in created if d["status"] == "waitlisted"]
    wrong = [d for d in waitlisted if place.get(d["id"]) != d["position"]]
    if wrong:
        problems.append(f"{len(wrong)} positions differ from the waiting list's order in the db")
    return problems


def sequential(port: int, event_id: int, count: int) -> list[float]:
    """The same request one at a time, for the cost of a registration without queueing."""
    path = f"/api/v1/events/{event_id}/registrations"
    latencies = []
    for n in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        began = time.perf_counter()
        status, data = post(connection, path, registration_body("sequential", n))
        latencies.append(time.perf_counter() - began)
        connection.close()
        if status != 201:
            raise SystemExit(f"sequential registration {n}: {status} {data}")
    return latencies


def locked_times(event, count: int) -> list[float]:
    """registration_create in this process with its e-mail left out: the time of its transaction,
    all of which holds the event's row lock (SQLite: the write lock), so other registrations
    for the event wait."""
    from unittest import mock

    from django.db import transaction

    from hcs.events.services import registration_create

    times = []
    with mock.patch.object(transaction, "on_commit", lambda callback: None):
        for n in range(count):
            began = time.perf_counter()
            registration_create(
                event=event, name=f"Deltagare {n}", email=f"lock-{n}@example.org", role="official"
            )
            times.append(time.perf_counter() - began)
    return times


def start_gunicorn(database_url: str, workers: int, port: int, log_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hcs.settings",
        # The burst comes from one client: the public rate limit would refuse it.
        "RATE_LIMITS": "registration=0/1",  # 0: no limit
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    command = [Path(sys.executable).parent / "gunicorn", "hcs.wsgi", f"-w{workers}"]
    command += [f"-b127.0.0.1:{port}", "--no-control-socket"]  # Else ~/.gunicorn/gunicorn.ctl.
    with open(log_path, "w") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def wait_until_up(url: str, server: subprocess.Popen, log_path: Path, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}: see {log_path}")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer in time: see {log_path}")


def workers_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by gunicorn's workers, the children of `server`."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # Fields after the ")" that ends the command name: state, ppid, …, utime, stime.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # A process that ended meanwhile.
            continue
        if int(fields[1]) == server.pid:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="report the median of these")
    parser.add_argument("--clients", type=int, default=200, help="registrations per burst")
    parser.add_argument("--capacity", type=int, default=100, help="seats of each round's event")
    parser.add_argument(
        "--sequential", type=int, default=50, help="one at a time, over HTTP and in-process"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="hcs_bench_registrations")
    parser.add_argument("--sqlite", action="store_true", help="bench/registrations.sqlite3")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    args = parser.parse_args()
    if args.clients <= args.capacity:
        raise SystemExit("--clients must exceed --capacity, or there is no waiting list.")

    if args.sqlite:
        sqlite_remove()
        database_url = f"sqlite:///{SQLITE_DATABASE}"
    else:
        postgres_recreate(args.postgres, args.database)
        database_url = f"{args.postgres}/{args.database}"
    setup_django(database_url)
    from django.db import connection, connections

    seconds = prepare()
    print(f"{connection.vendor} ({database_url}): migrated and loaded in {seconds:.1f} s")

    RESULTS.mkdir(exist_ok=True)
    log_path = RESULTS / "registrations-gunicorn.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    server = start_gunicorn(database_url, args.workers, port, log_path)
    rounds, failures = [], []
    try:
        wait_until_up(base + "/healthz", server, log_path)
        # Warm-up: both workers import the API, the templates and the e-mail code once, so that
        # round 1 measures the same as the others. Checked like a round, but not counted.
        warm = event_create("Uppvärmning", 10)
        warm_problems = check(warm, 10, burst(port, warm.pk, 20, "warm")["results"])
        failures += [f"warm-up: {p}" for p in warm_problems]
        for number in range(1, args.rounds + 1):
            event = event_create(f"Seminarium, omgång {number}", args.capacity)
            cpu_before = workers_cpu_seconds(server)
            outcome = burst(port, event.pk, args.clients, f"r{number}")
            cpu = workers_cpu_seconds(server) - cpu_before
            problems = check(event, args.capacity, outcome["results"])
            failures += [f"round {number}: {p}" for p in problems]
            latencies = outcome["latencies"]
            if not latencies:
                print(f"round {number}: no request answered")
                continue
            figures = {
                "wall": outcome["wall"],
                "rate": len(latencies) / outcome["wall"],
                "p50": percentile(latencies, 0.5),
                "p95": percentile(latencies, 0.95),
                "max": max(latencies),
                "cpu": cpu / len(latencies),
            }
            rounds.append(figures)
            print(
                f"round {number}: {args.clients} at once in {figures['wall']:.2f} s, "
                f"{figures['rate']:.0f} registrations/s, latency p50 {ms(figures['p50'])} ms, "
                f"p95 {ms(figures['p95'])} ms, max {ms(figures['max'])} ms; "
                f"workers' CPU {figures['cpu'] * 1000:.1f} ms a registration; "
                f"load average {os.getloadavg()[0]:.2f}; "
                + ("invariant holds" if not problems else "INVARIANT FAILED")
            )
            for problem in problems:
                print(f"  {problem}")
        one_by_one, locked, one_by_one_cpu = [], [], 0.0
        if args.sequential:
            event = event_create("Seminarium, en i taget", args.sequential)
            cpu_before = workers_cpu_seconds(server)
            one_by_one = sequential(port, event.pk, args.sequential)
            one_by_one_cpu = (workers_cpu_seconds(server) - cpu_before) / args.sequential
            locked = locked_times(
                event_create("Seminarium, låst", args.sequential), args.sequential
            )
    finally:
        stop(server)
        connections.close_all()
        if not args.keep:
            if args.sqlite:
                sqlite_remove()
            else:
                postgres_recreate(args.postgres, args.database, create=False)

    if not rounds:
        return 1
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    print(
        f"{date.today()}, {connection.vendor}, {os.cpu_count()} CPUs, gunicorn -w {args.workers} "
        f"(sync), load average before {load_before[0]:.2f} / {load_before[1]:.2f} / "
        f"{load_before[2]:.2f} (1/5/15 min)"
    )
    print(
        f"median of {len(rounds)} rounds, {args.clients} registrations at once for "
        f"{args.capacity} seats: {median['wall']:.2f} s, {median['rate']:.0f} registrations/s, "
        f"latency p50 {ms(median['p50'])} ms, p95 {ms(median['p95'])} ms, "
        f"max {ms(median['max'])} ms; workers' CPU {median['cpu'] * 1000:.1f} ms a registration"
    )
    if one_by_one:
        print(
            f"one at a time ({len(one_by_one)}): {len(one_by_one) / sum(one_by_one):.0f} "
            f"registrations/s, latency p50 {statistics.median(one_by_one) * 1000:.1f} ms, "
            f"p95 {percentile(one_by_one, 0.95) * 1000:.1f} ms; "
            f"workers' CPU {one_by_one_cpu * 1000:.1f} ms a registration"
        )
    if locked:
        # SQLite has no row locks: its IMMEDIATE transactions hold the database's write lock.
        what = "the event row" if connection.vendor != "sqlite" else "the database (writes)"
        print(
            f"registration_create's transaction, in-process ({len(locked)}; {what} locked "
            f"throughout): p50 {statistics.median(locked) * 1000:.1f} ms, p95 "
            f"{percentile(locked, 0.95) * 1000:.1f} ms: at most "
            f"{1 / statistics.median(locked):.0f} registrations/s for one event, "
            "whatever the workers"
        )
    if failures:
        print(f"INVARIANT FAILED ({len(failures)} problems); gunicorn's log: {log_path}")
        return 1
    print(
        f"invariant held in every round: {args.capacity} confirmed, "
        f"{args.clients - args.capacity} waitlisted at positions 1..{args.clients - args.capacity}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
