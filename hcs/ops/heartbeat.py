"""The background worker's heartbeat: how /readyz knows that a worker runs.

django-tasks' `db_worker` leaves no trace while the queue is empty (its signals fire only around
a task), so `manage.py worker` (hcs/ops/management/commands/worker.py: db_worker with the same
options) runs a `Heartbeat` thread beside it, which writes the process's row
(`WorkerHeartbeat`) at start and then every few seconds. A worker that hangs inside a long task
still beats (it is alive); one that dies stops beating and its row ages. Each beat also removes
the rows not seen for a day (workers that are gone: a container replaced, a host renamed).

`--batch` (a cron-driven worker that sends what is due and exits) beats once at its start, so
with a cron interval shorter than WORKER_SEEN_WITHIN_SECONDS it counts as seen.
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from hcs.ops.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Beat this often, but at least three times within WORKER_SEEN_WITHIN_SECONDS.
HEARTBEAT_SECONDS = 30
# Rows of workers not seen for this long are removed.
FORGET_AFTER = timedelta(days=1)


def heartbeat_record(*, name: str, host: str, pid: int, started_at: datetime) -> WorkerHeartbeat:
    """The worker `name` (host:pid) is alive now; forget the workers gone for a day."""
    now = timezone.now()
    with transaction.atomic():
        beat = WorkerHeartbeat.objects.filter(name=name).first()
        if beat is None:
            beat = WorkerHeartbeat(name=name, host=host, pid=pid, started_at=started_at)
        beat.last_seen = now
        beat.full_clean(validate_unique=False)
        beat.save()
        WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_AFTER).delete()
    return beat


def worker_seen(*, within_seconds: int) -> bool:
    """Has any worker beaten within the last `within_seconds`?"""
    since = timezone.now() - timedelta(seconds=within_seconds)
    return WorkerHeartbeat.objects.filter(last_seen__gte=since).exists()


def heartbeat_interval() -> float:
    within = settings.WORKER_SEEN_WITHIN_SECONDS
    return float(max(1, min(HEARTBEAT_SECONDS, within // 3))) if within > 0 else HEARTBEAT_SECONDS


class Heartbeat:
    """Beats once at `start()` (in the caller's thread, so that a worker that cannot reach the
    database says so at once), then every `interval` seconds in a daemon thread until
    `stop()`. A failed beat is logged and the next one tried: the worker's own work goes on."""

    def __init__(self, interval: float | None = None):
        self.interval = heartbeat_interval() if interval is None else interval
        self.host = socket.gethostname()[:200]
        self.pid = os.getpid()
        self.name = f"{self.host}:{self.pid}"
        self.started_at = timezone.now()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def beat(self) -> None:
        try:
            heartbeat_record(
                name=self.name, host=self.host, pid=self.pid, started_at=self.started_at
            )
        except Exception:
            logger.exception("The worker's heartbeat could not be written")

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        try:
            while not self._stopped.wait(self.interval):
                self.beat()
                # This thread's own connection: closed between beats, not kept open for
                # minutes of waiting.
                connection.close()
        finally:
            connection.close()
