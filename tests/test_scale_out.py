"""Scaled out as the README's runbook describes: two app servers (gunicorn, separate processes
on their own ports) and two task workers (`manage.py worker`) on one PostgreSQL and one Redis
(`CACHE_URL`). A client's rate limit holds across both servers; the public page cache of one
server shows a write made through the other; a mailing and e-mails queued through either server
are each sent once. Runs in the PostgreSQL pass, on the pass's own database. The tests share
Redis's database 12 (each begins by emptying it), so they run one after another, in one test
process: `make test` hands pytest-xdist whole modules (`--dist loadfile`)."""

import json
import os
import time
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from hcs.accounts.services import api_token_create, coordinator_group_ensure
from hcs.mailings.models import Recipient, Subscriber
from hcs.organisations.models import Organisation
from tests import servers
from tests.smtp import Inbox, free_port

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

REDIS = ("127.0.0.1", 6379)
REDIS_URL = "redis://127.0.0.1:6379/12"
LIMIT = 10  # hcs.lib.ratelimit.DEFAULT_LIMITS["registration"]
SUBSCRIBERS = 150


@pytest.fixture
def platform(tmp_path):
    if not servers.redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: Redis on 127.0.0.1:6379 is needed")
        pytest.skip("no Redis on 127.0.0.1:6379")
    import redis

    redis.Redis(*REDIS, db=12).flushdb()
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = servers.production_env(
        CACHE_URL=REDIS_URL,
        REGISTRY_VERSION_CHECK_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        SITE_URL="http://127.0.0.1",
    )
    log = tmp_path / "processes.log"
    ports = [free_port(), free_port()]
    apps = [servers.gunicorn(port, env, log, "--workers", "2", "--preload") for port in ports]
    workers = [servers.worker(env, log), servers.worker(env, log)]
    try:
        for port in ports:
            servers.wait_until_up(port)
        yield ports, inbox, log
    finally:
        servers.stop(*apps, *workers)
        smtp.stop()


def test_a_clients_limit_holds_across_both_servers(platform):
    ports, _inbox, _log = platform
    body = {"name": "P", "email": "p@example.org", "role": "official"}
    codes = [
        servers.call(ports[n % 2], "/api/v1/events/999999/registrations", body)[0]
        for n in range(LIMIT + 8)
    ]
    # 404: let through (there is no such event); 429: over the limit, whichever server.
    assert sorted(codes) == [404] * LIMIT + [429] * 8
    assert {codes[n] for n in range(LIMIT + 8) if n % 2} >= {429}
    assert {codes[n] for n in range(LIMIT + 8) if not n % 2} >= {429}


def test_a_write_through_one_server_shows_on_the_others_cached_page(platform):
    ports, _inbox, _log = platform
    Organisation.objects.create(code="1380", name="Halmstad", kind="municipality", county_code="13")
    coordinator = _coordinator()
    token = api_token_create(username=coordinator.username)
    page = f"/medlemmar/?datum={timezone.localdate().isoformat()}"
    first = servers.call(ports[0], page)[1]
    assert "Halmstad" not in first
    assert servers.call(ports[0], page)[1] == first  # now from the cache (Redis)
    status, _body, _headers = servers.call(
        ports[1],
        "/api/v1/memberships",
        {
            "organisation_code": "1380",
            "start_date": date(2020, 1, 1).isoformat(),
            "decision": {"body": "Kommunstyrelsen", "date": "2019-12-01"},
        },
        token,
    )
    assert status == 201
    assert "Halmstad" in servers.call(ports[0], page)[1]


def test_the_queue_runs_each_task_once_on_two_workers(platform):
    ports, inbox, log = platform
    coordinator = _coordinator()
    token = api_token_create(username=coordinator.username)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"prenumerant{i:04}@example.org", status="confirmed")
        for i in range(SUBSCRIBERS)
    )
    status, body, _headers = servers.call(
        ports[0],
        "/api/v1/mailings",
        {
            "kind": "newsletter",
            "subject": "Två arbetare",
            "body_markdown": "Hej!",
            "audience": {"subscribers": True},
        },
        token,
    )
    assert status == 201, body
    mailing = json.loads(body)["id"]
    assert servers.call(ports[1], f"/api/v1/mailings/{mailing}/send", {}, token)[0] == 202
    # And single e-mails queued through both servers: newsletter subscriptions' confirmations.
    for n in range(6):
        address = {"email": f"ny{n}@example.org"}
        assert servers.call(ports[n % 2], "/api/v1/subscribers", address)[0] in (202, 429)
    deadline = time.monotonic() + 90
    rows = Recipient.objects.filter(mailing_id=mailing)
    while time.monotonic() < deadline and rows.exclude(status="sent").exists():
        time.sleep(0.3)
    time.sleep(1)  # the last messages of a batch reach the server
    assert rows.filter(status="sent").count() == SUBSCRIBERS, log.read_text()[-3000:]
    newsletters = [m["To"] for m in inbox.messages if m["To"].startswith("prenumerant")]
    assert len(newsletters) == SUBSCRIBERS
    assert len(set(newsletters)) == SUBSCRIBERS  # nobody twice
    confirmations = [m["To"] for m in inbox.messages if m["To"].startswith("ny")]
    assert len(confirmations) == len(set(confirmations)) >= 1


def _coordinator():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("skala", "skala@example.org", "pw", is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user
