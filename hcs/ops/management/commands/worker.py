import logging
import os
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from hcs.ops.heartbeat import Heartbeat

logger = logging.getLogger("hcs.ops.worker")

# Waits before trying the database again after it went away: 1, 2, 4, 8, then 10 s.
RETRY_FIRST, RETRY_MOST = 1.0, 10.0


class Command(DbWorkerCommand):
    help = (
        "Run the background worker (django-tasks' db_worker, with the same options) and record "
        "its heartbeat every few seconds, so that /readyz knows a worker runs. Run this in "
        "production instead of db_worker: a db_worker without a heartbeat makes /readyz answer "
        "503, and it stops when the database goes away, where this one waits and goes on. "
        "--batch sends what is due, records one heartbeat, and exits."
    )

    def handle(self, *args, **options):
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent process only restarts the child, which does the work and
            # beats.
            return super().handle(*args, **options)
        heartbeat = Heartbeat()
        heartbeat.start()
        try:
            return self.work(*args, **options)
        finally:
            heartbeat.stop()

    def work(self, *args, **options):
        """db_worker's loop, begun again when the database cannot be reached (PostgreSQL
        restarting or failing over): the worker waits, a little longer each time, and goes on
        by itself. A task that was running when the database went is left as the queue left it
        (its e-mail is sent again by `send_queued_email`, which finds the e-mails stuck)."""
        wait = RETRY_FIRST
        while True:
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                if options["batch"]:
                    raise  # a batch run is started again by its schedule
                logger.warning(
                    "The database cannot be reached (%s); the worker tries again in %.0f s.",
                    str(error).strip().splitlines()[0] if str(error).strip() else error,
                    wait,
                )
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, RETRY_MOST)
