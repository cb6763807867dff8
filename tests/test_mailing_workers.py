"""Two worker processes (`manage.py db_worker`) send one mailing on PostgreSQL through a real
SMTP server: every recipient gets it exactly once. A worker killed mid-send, and a worker started
again, finish it with no one sent twice; what the killed one had claimed stays uncertain. Runs in
the PostgreSQL pass, on the pass's own database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from hcs.mailings.models import Mailing, Recipient, Subscriber
from tests import servers
from tests.smtp import Inbox, free_port

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
COUNT = 1200


class SlowInbox(Inbox):
    """A mail server that takes a few milliseconds per message, so a worker can be stopped
    in the middle of a batch."""

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(0.004)
        return await super().handle_DATA(server, session, envelope)


LOG = Path(os.environ.get("TMPDIR", "/tmp")) / "hcs-test-mailing-workers.log"


def _worker(port: int, *extra: str):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hcs.settings",
        "DEBUG": "1",
        "DATABASE_URL": servers.database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
    ]
    log = LOG.open("a")  # the workers' own output, for a failure's diagnosis
    return subprocess.Popen([*command, *extra], cwd=ROOT, env=env, stdout=log, stderr=log)


def _mailing() -> Mailing:
    from django.test import override_settings

    from hcs.mailings.services import mailing_save, mailing_start

    Subscriber.objects.bulk_create(
        Subscriber(email=f"mottagare{i:05}@example.org", status="confirmed") for i in range(COUNT)
    )
    mailing = mailing_save(
        actor="test",
        kind="newsletter",
        subject="Två arbetare",
        body_markdown="Hej från nätverket.",
        audience={"subscribers": True},
    )
    Mailing.objects.filter(pk=mailing.pk).update(status="scheduled", send_at=timezone.now())
    # The batches go to the database queue, where the worker processes find them.
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=backend):
        mailing_start(mailing.pk)
    return mailing


def _wait_until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_two_workers_send_each_recipient_once_and_a_killed_one_is_finished_by_a_restart():
    port = free_port()
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    workers = []
    try:
        mailing = _mailing()
        rows = Recipient.objects.filter(mailing=mailing)
        workers = [_worker(port), _worker(port)]
        # Kill one worker in the middle of sending.
        _wait_until(lambda: len(inbox.messages) >= 300, 180)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        # The other goes on; a new worker starts too.
        workers.append(_worker(port, "--batch"))
        _wait_until(lambda: not rows.filter(status="queued").exists(), 300)
        workers[2].wait(60)
        # The live worker records the last rows of its batch: wait until nothing moves.
        seen = []

        def settled() -> bool:
            seen.append((rows.filter(status="sent").count(), len(inbox.messages)))
            time.sleep(0.5)
            return len(seen) > 3 and len(set(seen[-4:])) == 1

        _wait_until(settled, 60)
        received = [m["To"] for m in inbox.messages]
        assert len(received) == len(set(received))  # no one twice
        sent = rows.filter(status="sent").count()
        uncertain = rows.filter(status="sending").count()
        assert sent + uncertain == COUNT
        # What the killed worker had claimed is uncertain: some of it left before the kill (the
        # server has it, the row was not yet recorded), none of it is sent again on its own.
        assert 0 < uncertain <= 200
        assert sent <= len(received) <= sent + uncertain
        mailing.refresh_from_db()
        assert mailing.status == "sent"
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait(10)
        controller.stop()
        # A killed worker's session may linger a moment: end it, so the database can be dropped.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
