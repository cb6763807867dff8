"""Is this process ready to serve? The checks behind /readyz.

- database: it answers a trivial query;
- migrations: none is unapplied (an image newer than the database's schema is not ready). Loading
  the migration graph takes a while, so once everything is applied the answer is kept for the
  life of the process: a schema does not go back.
- worker: a background worker has beaten within WORKER_SEEN_WITHIN_SECONDS (hcs.ops.heartbeat);
  without one no e-mail leaves. WORKER_SEEN_WITHIN_SECONDS=0 leaves the worker out ("off").

Each check is "ok" or says what is wrong; when the database does not answer, the others cannot
be asked ("unknown").
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from hcs.ops.heartbeat import worker_seen

logger = logging.getLogger(__name__)

OK = "ok"
_migrations_applied = False


def database_answers() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("Readiness: the database does not answer: %s", exc)
        return False
    return True


def migrations_applied() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_applied = not plan
    return _migrations_applied


def readiness() -> dict[str, str]:
    """{"database": …, "migrations": …, "worker": …}: ready when none is other than ok/off."""
    if not database_answers():
        return {"database": "unavailable", "migrations": "unknown", "worker": "unknown"}
    checks = {"database": OK}
    try:
        checks["migrations"] = OK if migrations_applied() else "unapplied"
    except Exception as exc:
        logger.warning("Readiness: the migrations could not be read: %s", exc)
        checks["migrations"] = "unknown"
    within = settings.WORKER_SEEN_WITHIN_SECONDS
    if within <= 0:
        checks["worker"] = "off"
    else:
        try:
            checks["worker"] = OK if worker_seen(within_seconds=within) else "not seen"
        except Exception as exc:
            logger.warning("Readiness: the workers' heartbeats could not be read: %s", exc)
            checks["worker"] = "unknown"
    return checks


def is_ready(checks: dict[str, str]) -> bool:
    return all(value in (OK, "off") for value in checks.values())
