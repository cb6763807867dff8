"""The database goes away under a running platform (a restart, a failover) and comes back: while
it is away every request fails cleanly, as a 503 with a Swedish page (JSON on the API) and
nothing half written; afterwards the app server and the task worker recover by themselves,
without a restart. The database is cut off for the platform's processes only, by a proxy in
front of the PostgreSQL pass's own database (tests/proxy.py)."""

import json
import time

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from hcs.accounts.services import api_token_create, coordinator_group_ensure
from hcs.learning.models import LearningExample
from hcs.organisations.models import Organisation
from tests import servers
from tests.proxy import Proxy
from tests.smtp import Inbox, free_port

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _example(n):
    return {"title": f"Exempel {n}", "summary": "Kort.", "organisation_code": "1380"}


def _until(seconds, check):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return time.monotonic()
        time.sleep(0.2)
    raise AssertionError("not within the time")


def test_the_platform_rides_out_a_lost_database(tmp_path):
    from django.contrib.auth import get_user_model

    Organisation.objects.create(code="1380", name="Halmstad", kind="municipality", county_code="13")
    user = get_user_model().objects.create_user("drift", "drift@example.org", "pw", is_staff=True)
    user.groups.add(coordinator_group_ensure())
    token = api_token_create(username="drift")

    db = settings.DATABASES["default"]
    proxy = Proxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = servers.production_env(
        DATABASE_URL=servers.database_url(proxy.port),
        DATABASE_CONNECT_TIMEOUT="2",
        REGISTRY_VERSION_CHECK_SECONDS="0",
        WORKER_SEEN_WITHIN_SECONDS="30",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
    )
    log = tmp_path / "processes.log"
    port = free_port()
    app = servers.gunicorn(port, env, log, "--workers", "2")
    worker = servers.worker(env, log)
    try:
        servers.wait_until_up(port)
        assert servers.call(port, "/api/v1/learning-examples", _example(1), token)[0] == 201
        _until(20, lambda: servers.call(port, "/readyz")[0] == 200)

        proxy.cut()
        page = servers.call(port, "/medlemmar/")
        assert page[0] == 503 and "Tjänsten är tillfälligt otillgänglig" in page[1]
        assert page[2]["Retry-After"] == "10"
        write = servers.call(port, "/api/v1/learning-examples", _example(2), token)
        assert write[0] == 503 and json.loads(write[1])["detail"].startswith("Tjänsten")
        assert servers.call(port, "/readyz")[0] == 503
        assert servers.call(port, "/healthz")[0] == 200  # alive: the process is fine
        time.sleep(3)  # the worker meets the missing database too

        proxy.restore()
        back = time.monotonic()
        recovered = _until(15, lambda: servers.call(port, "/medlemmar/")[0] == 200)
        assert recovered - back < 10
        assert servers.call(port, "/api/v1/learning-examples", _example(3), token)[0] == 201
        # Nothing of the refused write was stored.
        titles = set(LearningExample.objects.values_list("title", flat=True))
        assert titles == {"Exempel 1", "Exempel 3"}
        # The worker goes on by itself: it sends an e-mail queued after the outage, and beats.
        assert servers.call(port, "/api/v1/subscribers", {"email": "efter@example.org"})[0] == 202
        _until(30, lambda: any(m["To"] == "efter@example.org" for m in inbox.messages))
        _until(30, lambda: servers.call(port, "/readyz")[0] == 200)
        assert worker.poll() is None, log.read_text()[-2000:]
    finally:
        servers.stop(app, worker)
        proxy.close()
        smtp.stop()
