import io
import signal
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from hcs.ops import health
from hcs.ops.heartbeat import FORGET_AFTER, Heartbeat, heartbeat_record
from hcs.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

ALL_OK = {"database": "ok", "migrations": "ok", "worker": "ok"}


@pytest.fixture(autouse=True)
def _migrations_not_yet_known(monkeypatch):
    # The answer is kept per process once every migration is applied; each test asks afresh.
    monkeypatch.setattr(health, "_migrations_applied", False)


def _beat(seconds_ago: int, name: str = "worker-1:42") -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        name=name,
        host="worker-1",
        pid=42,
        started_at=now - timedelta(hours=1),
        last_seen=now - timedelta(seconds=seconds_ago),
    )


def test_ready_with_a_worker_seen_a_minute_ago(client):
    _beat(seconds_ago=60)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == ALL_OK


def test_not_ready_without_any_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "migrations": "ok", "worker": "not seen"}


@override_settings(WORKER_SEEN_WITHIN_SECONDS=300)
def test_not_ready_when_the_last_worker_was_seen_too_long_ago(client):
    _beat(seconds_ago=301)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["worker"] == "not seen"


@override_settings(WORKER_SEEN_WITHIN_SECONDS=0)
def test_the_worker_can_be_left_out_of_readiness(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["worker"] == "off"


def test_not_ready_while_a_migration_is_unapplied(client):
    _beat(seconds_ago=1)
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=[("m", False)]):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "migrations": "unapplied", "worker": "ok"}


def test_once_every_migration_is_applied_the_graph_is_not_read_again(client):
    _beat(seconds_ago=1)
    assert client.get("/readyz").status_code == 200
    with mock.patch.object(MigrationExecutor, "migration_plan", side_effect=AssertionError):
        assert client.get("/readyz").status_code == 200


def test_not_ready_when_the_database_does_not_answer(client):
    database = connections[DEFAULT_DB_ALIAS]
    with mock.patch.object(database, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "database": "unavailable",
        "migrations": "unknown",
        "worker": "unknown",
    }


def test_readyz_is_open_to_anyone_never_cached_and_answers_head(client):
    _beat(seconds_ago=1)
    response = client.get("/readyz")
    assert response.status_code == 200  # anonymous: no redirect to the log-in page
    assert "no-store" in response["Cache-Control"]
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_probes_are_not_redirected_to_https_but_pages_are(client):
    _beat(seconds_ago=1)
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/kontakt/").status_code == 301


def test_a_heartbeat_updates_its_own_row_and_forgets_workers_gone_for_a_day():
    gone = _beat(seconds_ago=int(FORGET_AFTER.total_seconds()) + 60, name="old-host:7")
    started = timezone.now()
    first = heartbeat_record(name="host:1", host="host", pid=1, started_at=started)
    second = heartbeat_record(name="host:1", host="host", pid=1, started_at=started)
    assert first.pk == second.pk
    assert second.last_seen >= first.last_seen
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == ["host:1"]
    assert not WorkerHeartbeat.objects.filter(pk=gone.pk).exists()


def test_a_heartbeat_that_cannot_be_written_does_not_stop_the_worker(caplog):
    with mock.patch("hcs.ops.heartbeat.heartbeat_record", side_effect=OperationalError("locked")):
        Heartbeat(interval=3600).beat()
    assert "heartbeat could not be written" in caplog.text
    assert not WorkerHeartbeat.objects.exists()


@pytest.fixture
def signal_handlers():
    # db_worker installs its own SIGINT/SIGTERM handlers: give the test process its own back.
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
# Committed, as in production: db_worker closes a connection that is not in autocommit, which
# the test's own transaction is not (on PostgreSQL the next query failed).
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_db_worker_and_beats(client, signal_handlers):
    call_command("worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO())
    beat = WorkerHeartbeat.objects.get()
    assert beat.last_seen >= timezone.now() - timedelta(minutes=1)
    assert client.get("/readyz").json()["worker"] == "ok"
