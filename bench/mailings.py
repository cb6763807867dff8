"""A newsletter to 10 000 recipients through a local SMTP server: how long, and whether the
workers' memory stays flat.

    .venv/bin/python bench/mailings.py [--recipients 10000] [--workers 1] [--sqlite] [--keep]

Works in its own PostgreSQL database, hcs_bench_mailings on 127.0.0.1:5432 (--postgres,
--database), dropped and created on every run and dropped at the end (--keep: left for a look);
with --sqlite in bench/mailings.sqlite3 instead. Prepares it (migrate; --recipients confirmed
subscribers), writes a newsletter to the subscribers and starts it (`mailing_start`: the
recipient rows and the batch tasks on the database queue), then starts an SMTP server that
accepts and counts every message (aiosmtpd, its own process) and --workers processes of
`manage.py db_worker --batch` with production settings (DEBUG off), which send everything and
exit. Measured: the wall time from the workers' start to the last row sent, messages per second,
and each worker's resident memory (from /proc, every 0.2 s): at a quarter, half and three
quarters of the run, at the peak and at the end. Checked: every row "sent", and the server
received exactly as many messages as there are recipients, each address once. Exits 1 if a
check fails.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from registrations import postgres_recreate, setup_django
from run import free_port

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SQLITE_DATABASE = BENCH / "mailings.sqlite3"

SMTP_SERVER = r"""
import asyncio, sys
from aiosmtpd.controller import Controller

class Count:
    def __init__(self):
        self.seen = set()
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.seen.update(envelope.rcpt_tos)
        return "250 OK"

handler = Count()
controller = Controller(handler, hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
for line in sys.stdin:
    print(handler.count, len(handler.seen), flush=True)
controller.stop()
"""


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def prepare(recipients: int) -> int:
    from django.core.management import call_command
    from django.utils import timezone

    from hcs.mailings.models import Mailing, Subscriber
    from hcs.mailings.services import mailing_save, mailing_start

    call_command("migrate", verbosity=0)
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"mottagare{i:06}@example.org", status="confirmed")
            for i in range(recipients)
        ),
        batch_size=2000,
    )
    mailing = mailing_save(
        actor="bench/mailings.py",
        kind="newsletter",
        subject="Nyhetsbrev: benchmark",
        body_markdown="## Hej\n\nEtt nyhetsbrev med en **rubrik**, en lista\n\n- ett\n- två\n\n"
        "och [en länk](/aktuellt/).",
        audience={"subscribers": True},
    )
    Mailing.objects.filter(pk=mailing.pk).update(status="scheduled", send_at=timezone.now())
    mailing_start(mailing.pk)
    return mailing.pk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="hcs_bench_mailings")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    if args.sqlite:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_DATABASE}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{SQLITE_DATABASE}"
    else:
        postgres_recreate(args.postgres, args.database)
        database_url = f"{args.postgres}/{args.database}"
    os.environ["DEBUG"] = "0"
    setup_django(database_url)
    began = time.perf_counter()
    mailing_id = prepare(args.recipients)
    print(f"prepared {args.recipients} recipients in {time.perf_counter() - began:.1f} s")

    port = free_port()
    smtp = subprocess.Popen(
        [sys.executable, "-c", SMTP_SERVER, str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(1)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hcs.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-not-a-secret",
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload"]
    command += ["--no-startup-delay", "--interval", "0.1"]
    from hcs.mailings.models import Recipient

    rows = Recipient.objects.filter(mailing_id=mailing_id)
    started = time.perf_counter()
    workers = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(args.workers)]
    memory: dict[int, list[tuple[float, int]]] = {w.pid: [] for w in workers}
    while any(w.poll() is None for w in workers):
        for worker in workers:
            kb = rss_kb(worker.pid)
            if kb:
                memory[worker.pid].append((time.perf_counter() - started, kb))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    smtp.stdin.write("count\n")
    smtp.stdin.flush()
    received, addresses = (int(x) for x in smtp.stdout.readline().split())
    smtp.stdin.close()
    smtp.wait(10)

    sent = rows.filter(status="sent").count()
    print(
        f"{sent} sent of {args.recipients} in {elapsed:.1f} s "
        f"({sent / elapsed:.0f} messages/s) by {args.workers} worker(s); "
        f"the server received {received} messages to {addresses} addresses"
    )
    for pid, samples in memory.items():
        values = [kb for _, kb in samples]
        if not values:
            continue
        quarters = [values[min(len(values) - 1, len(values) * q // 4)] for q in (1, 2, 3)]
        print(
            f"worker {pid}: RSS at a quarter, half and three quarters of the run "
            f"{', '.join(f'{kb / 1024:.0f}' for kb in quarters)} MB, peak "
            f"{max(values) / 1024:.0f} MB, end {values[-1] / 1024:.0f} MB ({len(values)} samples)"
        )
    ok = sent == args.recipients == received == addresses
    if not args.sqlite and not args.keep:
        from django.db import connections

        connections.close_all()
        postgres_recreate(args.postgres, args.database, create=False)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
