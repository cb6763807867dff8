"""Soak: mixed traffic at a steady rate on two app servers and two workers, for half an hour.

    .venv/bin/python bench/soak.py [--minutes 30] [--rate 20] [--subscribers 3000]
                                   [--restart-postgres-at SECONDS] [--keep]

Production-like on loopback: one PostgreSQL database (hcs_soak on 127.0.0.1:5432, made anew from
the demo), one Redis (CACHE_URL, db 13: the rate limits, the page cache, sessions), two gunicorn
servers (separate processes on their own ports, two workers each, DEBUG off, JSON logs), two
`manage.py worker` processes and an SMTP server that counts what it receives (aiosmtpd).

Traffic (`--rate` requests a second, spread evenly, each server in turn): the public pages, the
learning examples' search, residents' Platskompassen answers, event registrations, the API's
member list, and the secretariat's pages with a logged-in session; a newsletter to
`--subscribers` addresses is sent at the start and another half-way, so the workers send while
the servers answer. The rate limits are lifted for the run (RATE_LIMITS): every request comes
from 127.0.0.1.

Measured: per route the count, p50/p95/p99/max and the statuses; every process's resident memory
(from /proc) every 10 s, shown at 10 %, 25 %, 50 %, 75 % and 100 % of the run. Checked: no 5xx
(outside a fault), every newsletter row sent and each address received once.

--restart-postgres-at S: restarts PostgreSQL (`pg_ctlcluster … restart`, needs root) S seconds
into the run. Then the requests during the outage must fail as 503 (never 500), each server must
answer again by itself, and the workers must finish the newsletters (the time to recover is
printed). Exits 1 if a check fails.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from mailings import rss_kb
from registrations import postgres_recreate, setup_django
from run import free_port

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
REDIS_URL = "redis://127.0.0.1:6379/13"
PUBLIC = ["/", "/medlemmar/", "/kalender/", "/om-natverket/", "/aktuellt/", "/styrelsen/"]
SECRETARIAT = ["/kansli/", "/kansli/organisationer/", "/kansli/fakturor/?ar=2024",
               "/kansli/larande-exempel/", "/kansli/uppfoljning/2024/"]  # fmt: skip
SEARCHES = ["skolan", "planering", "delaktighet", "parker", "barn"]

# Counts what it receives: all messages, and the newsletters' addresses (soak…) with how many
# times the most often sent one came.
SMTP_SERVER = r"""
import sys
from collections import Counter
from aiosmtpd.controller import Controller

class Count:
    def __init__(self):
        self.count = 0
        self.newsletter = Counter()

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.newsletter.update(a for a in envelope.rcpt_tos if a.startswith("soak"))
        return "250 OK"

handler = Count()
controller = Controller(handler, hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
for line in sys.stdin:
    most = max(handler.newsletter.values(), default=0)
    print(handler.count, len(handler.newsletter), most, flush=True)
controller.stop()
"""


def prepare(subscribers: int) -> dict:
    """The demo, a coordinator's session and token, an open event, subscribers."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.base import SessionBase
    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.module_loading import import_string

    from hcs.accounts.services import api_token_create
    from hcs.events.models import Event
    from hcs.mailings.models import Subscriber
    from hcs.platskompassen.models import Round

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", verbosity=0)
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"soak{i:06}@example.org", status="confirmed")
            for i in range(subscribers)
        ),
        batch_size=2000,
    )
    now = timezone.now()
    event = Event.objects.create(
        title="Soak: webbinarium",
        kind=Event.Kind.WEBINAR,
        audience=Event.Audience.PUBLIC,
        starts=now + timedelta(days=30),
        ends=now + timedelta(days=30, hours=1),
    )
    today = timezone.localdate()
    round_ = Round.objects.filter(opens__lte=today, closes__gte=today).first()
    user = get_user_model().objects.get(username="koordinator")
    store: SessionBase = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {
        "session": store.session_key,
        "token": api_token_create(username="koordinator", label="soak"),
        "event": event.pk,
        "round": round_.slug,
        "themes": list(round_.tool.themes.values_list("key", flat=True)),
    }


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.failures: list[tuple[float, str, int | str, str]] = []  # (t, route, status, server)
        self.last_ok: dict[str, float] = {}

    def add(self, t: float, route: str, status: int | str, seconds: float, server: str) -> None:
        with self.lock:
            self.latency[route].append(seconds)
            self.statuses[route][status] += 1
            if not isinstance(status, int) or status >= 500:
                self.failures.append((t, route, status, server))
            else:
                self.last_ok[server] = t


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(p) for p in text.split()]


def postgres_restart() -> None:
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    version, name = clusters.split()[:2]
    subprocess.run(["pg_ctlcluster", version, name, "restart"], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=float, default=20, help="requests a second")
    parser.add_argument("--subscribers", type=int, default=3000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="hcs_soak")
    parser.add_argument("--restart-postgres-at", type=float, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    postgres_recreate(args.postgres, args.database)
    database_url = f"{args.postgres}/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",  # static files collected inside bench/
        "DEBUG": "0",
        "SECRET_KEY": "soak-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "STAFF_TWO_FACTOR": "0",
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS_URL,
        "RATE_LIMITS": "survey=0/1,registration=0/1,application=0/1",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
    }
    os.environ.update({k: v for k, v in env.items() if k != "EMAIL_HOST"})
    setup_django(database_url)
    began = time.perf_counter()
    facts = prepare(args.subscribers)
    print(f"prepared the demo and {args.subscribers} subscribers in "
          f"{time.perf_counter() - began:.0f} s", flush=True)  # fmt: skip

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    smtp_port = free_port()
    env["EMAIL_PORT"] = str(smtp_port)
    smtp = subprocess.Popen(
        [sys.executable, "-c", SMTP_SERVER, str(smtp_port)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    logs = BENCH / "soak-logs"
    logs.mkdir(exist_ok=True)
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "hcs.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--timeout", "30", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=open(logs / f"server-{i}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        for i, port in enumerate(ports)
    ]  # fmt: skip
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "0.5"],
            cwd=ROOT, env=env, stdout=open(logs / f"worker-{i}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        for i in range(2)
    ]  # fmt: skip
    for port in ports:
        for _ in range(300):
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.1)

    stats = Stats()
    rng = random.Random(2024)
    session = {"sessionid": facts["session"]}
    bearer = {"Authorization": f"Bearer {facts['token']}"}
    counter = iter(range(10**9))

    def survey() -> tuple[str, str, dict]:
        scores = {key: rng.randint(1, 7) for key in facts["themes"]}
        return (
            "POST",
            f"/api/v1/platskompassen/rounds/{facts['round']}/responses",
            {"scores": scores},
        )

    def registration() -> tuple[str, str, dict]:
        n = next(counter)
        body = {"name": f"Soak {n}", "email": f"anmald{n}@example.org", "role": "official"}
        return "POST", f"/api/v1/events/{facts['event']}/registrations", body

    mix = [
        (40, "public page", lambda: ("GET", rng.choice(PUBLIC), None)),
        (
            10,
            "learning search",
            lambda: ("GET", f"/larande-exempel/?q={rng.choice(SEARCHES)}", None),
        ),
        (15, "survey answer", survey),
        (10, "registration", registration),
        (5, "API members", lambda: ("GET", "/api/v1/members", None)),
        (20, "secretariat page", lambda: ("GET", rng.choice(SECRETARIAT), None)),
    ]
    routes = [(name, make) for weight, name, make in mix for _ in range(weight)]

    def one(t: float, index: int) -> None:
        name, make = rng.choice(routes)
        method, path, body = make()
        server = index % 2
        url = f"http://127.0.0.1:{ports[server]}{path}"
        cookies = session if name == "secretariat page" else None
        start = time.perf_counter()
        try:
            response = requests.request(
                method, url, json=body, cookies=cookies, timeout=30, allow_redirects=False
            )
            status: int | str = response.status_code
            if name == "secretariat page" and status != 200:
                status = f"{status} (session lost)" if status < 500 else status
        except requests.RequestException as error:
            status = type(error).__name__
        stats.add(t, name, status, time.perf_counter() - start, f"server {server}")

    def newsletter(label: str) -> None:
        url = f"http://127.0.0.1:{ports[0]}/api/v1/mailings"
        body = {
            "kind": "newsletter",
            "subject": f"Soak: {label}",
            "body_markdown": "## Hej\n\nEtt nyhetsbrev under belastning.",
            "audience": {"subscribers": True},
        }
        made = requests.post(url, json=body, headers=bearer, timeout=30).json()
        requests.post(f"{url}/{made['id']}/send", headers=bearer, timeout=30)
        mailings.append(made["id"])

    mailings: list[int] = []
    memory: dict[str, list[tuple[float, int]]] = defaultdict(list)
    duration = args.minutes * 60
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                record()
            except Exception as error:  # a process gone between listing and reading
                print("memory sample:", error, flush=True)
            stop.wait(10)

    def record() -> None:
        t = time.perf_counter() - start_all
        for i, server in enumerate(servers):
            for n, pid in enumerate(children(server.pid)):
                memory[f"server {i} worker {n}"].append((t, rss_kb(pid)))
        for i, worker in enumerate(workers):
            memory[f"task worker {i}"].append((t, rss_kb(worker.pid)))

    restart: dict[str, float] = {}

    def fault() -> None:
        stop.wait(args.restart_postgres_at)
        if stop.is_set():
            return
        restart["began"] = time.perf_counter() - start_all
        postgres_restart()
        restart["ended"] = time.perf_counter() - start_all

    start_all = time.perf_counter()
    threading.Thread(target=sample, daemon=True).start()
    if args.restart_postgres_at is not None:
        threading.Thread(target=fault, daemon=True).start()
    newsletter("first")
    half_sent = False
    interval = 1 / args.rate
    with ThreadPoolExecutor(max_workers=48) as pool:
        index = 0
        while (now := time.perf_counter() - start_all) < duration:
            pool.submit(one, now, index)
            index += 1
            if not half_sent and now > duration / 2:
                half_sent = True
                threading.Thread(target=newsletter, args=("second",), daemon=True).start()
            time.sleep(max(0, start_all + index * interval - time.perf_counter()))
    elapsed = time.perf_counter() - start_all

    # The workers finish the newsletters (at most two minutes more).
    from django.db import connections

    from hcs.mailings.models import Recipient

    connections.close_all()  # this process's connection may not have lived through a restart

    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        left = Recipient.objects.filter(mailing_id__in=mailings).exclude(status="sent").count()
        if not left:
            break
        time.sleep(1)
    smtp.stdin.write("\n")
    smtp.stdin.flush()
    received, unique, most = map(int, smtp.stdout.readline().split())
    stop.set()

    for process in [*servers, *workers]:
        process.send_signal(signal.SIGTERM)
    for process in [*servers, *workers]:
        process.wait(timeout=30)
    smtp.stdin.close()
    smtp.wait(timeout=10)
    expected = Recipient.objects.filter(mailing_id__in=mailings).count()
    sent = Recipient.objects.filter(mailing_id__in=mailings, status="sent").count()
    if not args.keep:
        connections.close_all()
        postgres_recreate(args.postgres, args.database, create=False)

    # The report.
    total = sum(len(v) for v in stats.latency.values())
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s), "
          f"two servers × two gunicorn workers, two task workers", flush=True)  # fmt: skip
    print(
        f"{'route':18} {'n':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}  statuses"
    )
    for name in sorted(stats.latency):
        values = stats.latency[name]
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses[name].items(), key=str))
        print(f"{name:18} {len(values):6} {percentile(values, .5) * 1000:7.0f} "
              f"{percentile(values, .95) * 1000:7.0f} {percentile(values, .99) * 1000:7.0f} "
              f"{max(values) * 1000:7.0f}  {statuses}")  # fmt: skip
    print("\nresident memory (MB) at 10 %, 25 %, 50 %, 75 %, 100 % of the run; max")
    for name in sorted(memory):
        points = memory[name]
        marks = [points[min(len(points) - 1, int(share * len(points)))][1] / 1024
                 for share in (0.1, 0.25, 0.5, 0.75, 0.999)]  # fmt: skip
        peak = max(kb for _t, kb in points) / 1024
        print(f"  {name:20} " + " / ".join(f"{m:.0f}" for m in marks) + f"; max {peak:.0f}")
    print(f"\nnewsletters: {len(mailings)} to {args.subscribers} subscribers, {sent}/{expected} "
          f"rows sent; the SMTP server received {received} messages in all, the newsletters at "
          f"{unique} addresses, each at most {most} times")  # fmt: skip

    problems = []
    window = (restart.get("began", -1) - 1, restart.get("ended", -1) + 60)
    outside = [f for f in stats.failures if not window[0] <= f[0] <= window[1]]
    inside = [f for f in stats.failures if window[0] <= f[0] <= window[1]]
    if outside:
        problems.append(f"{len(outside)} failures outside a fault, e.g. {outside[:5]}")
    if any(f[2] == 500 for f in stats.failures):
        problems.append("a 500 (a failure must be a 503)")
    if restart:
        print(f"\nPostgreSQL restarted from {restart['began']:.1f} s to {restart['ended']:.1f} s; "
              f"{len(inside)} requests failed meanwhile: "
              f"{dict(Counter(str(f[2]) for f in inside))}")  # fmt: skip
        for server in ("server 0", "server 1"):
            after = [t for t, _r, _s, where in inside if where == server]
            last_failure = max(after) if after else restart["ended"]
            print(
                f"  {server}: last failure at {last_failure:.1f} s, "
                f"{max(0.0, last_failure - restart['ended']):.1f} s after the restart ended"
            )
    if sent != expected or unique != args.subscribers or most != len(mailings):
        problems.append("the newsletters were not all sent, each once to each address")
    for problem in problems:
        print("FAILED:", problem)
    print(
        json.dumps({"requests": total, "seconds": round(elapsed), "failures": len(stats.failures)})
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
