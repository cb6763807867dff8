"""Shared fixtures: the demo network, users with and without rights, a real browser.

Speed: the demo network takes a few thousand queries to load, so a test module loads it once
(`demo`, `demo_2024`) inside a transaction that is rolled back when the module ends; each test
runs in a savepoint inside it, as Django's TestCase does, so no test sees another's writes.
On SQLite a worker loads each level of the demo once and copies it into the next modules.
Within a module, tests are reordered so that those that need an empty database run before the
demo is loaded, and transactional tests (which commit, then empty the database) run first of
all; a transactional test loads its own, committed demo (`committed_demo`).
"""

import os
import shutil
import sqlite3
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from hcs.accounts.services import api_token_create, coordinator_group_ensure

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# No deadline per example: on a busy machine (CI, several workers) an example may take a few
# hundred milliseconds, and speed is measured by the benchmarks in bench/, not by tests.
hypothesis_settings.register_profile("hcs", deadline=None)
hypothesis_settings.load_profile("hcs")

# The fast demo (`demo`) leaves out what most tests do not need; `demo_2024` is everything.
DEMO_LEVELS = {"demo": {"invoices": False, "network_life": False}, "demo_2024": {}}


def _is_transactional(names, marker) -> bool:
    if "transactional_db" in names or "live_server" in names:
        return True
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or (marker.args and marker.args[0]))


def _load_demo(level: str) -> None:
    from hcs.demo.loader import load_demo

    load_demo(**DEMO_LEVELS[level])


# SQLite: the demo of each level, as the first module of a worker loaded it, kept in memory and
# copied into the next module's database (SQLite's backup API, a few milliseconds) instead of
# being loaded again (seconds).
_SNAPSHOTS: dict[str, sqlite3.Connection] = {}


def _copy(source: sqlite3.Connection) -> sqlite3.Connection:
    copy = sqlite3.connect(":memory:")
    source.backup(copy)
    return copy


def _restore(snapshot: sqlite3.Connection) -> None:
    """Copy `snapshot` into the test database; the ids of content types cached in this process
    may not hold for it (a flush makes them again), so the cache is emptied."""
    from django.contrib.contenttypes.models import ContentType

    snapshot.backup(_sqlite_database())
    ContentType.objects.clear_cache()


def _sqlite_database():
    """The test database's own SQLite connection, when it may be copied into (not inside a
    transaction: a module that needs both demos loads the second on top of the first)."""
    from django.db import connection

    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return None
    connection.ensure_connection()
    return connection.connection


def _snapshot(database: sqlite3.Connection, level: str) -> sqlite3.Connection:
    """The demo at `level` over the database as it is, loaded once: committed, but with what it
    would do on commit (queue e-mail) dropped, as when its transaction is rolled back."""
    from django.db import connection

    if level not in _SNAPSHOTS:
        with transaction.atomic():
            _load_demo(level)
            connection.run_on_commit.clear()
        _SNAPSHOTS[level] = _copy(database)
    return _SNAPSHOTS[level]


def _module_transaction(django_db_blocker, level: str):
    """Load the demo at `level` in a transaction that lasts the module, rolled back at its end
    (on SQLite: copied in from the worker's snapshot, and the database copied back as it was).
    The database is open only to load and to roll back: between, a test reaches it only by
    asking (`db`), as everywhere else."""
    with django_db_blocker.unblock():
        database = _sqlite_database()
        before = None if database is None else _copy(database)
        if database is not None:
            _restore(_snapshot(database, level))
        outer = transaction.atomic()
        outer.__enter__()
        if database is None:
            _load_demo(level)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            if before is not None:
                _restore(before)


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    """The fast demo, loaded once for the module, rolled back at its end."""
    yield from _module_transaction(django_db_blocker, "demo")


@pytest.fixture(scope="module")
def _demo_2024_module(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module (on top of the fast one if a test of the
    module already loaded that: loading is idempotent), rolled back at the module's end."""
    yield from _module_transaction(django_db_blocker, "demo_2024")


def _refuse_in_transactional_tests(request, name: str) -> None:
    if _is_transactional(request.fixturenames, request.node.get_closest_marker("django_db")):
        pytest.fail(
            f"`{name}` lives in the module's transaction; a transactional test (live server, "
            "threads) uses `committed_demo` instead."
        )


@pytest.fixture
def demo(_demo_module, db, request):
    """The network as the seeds describe it (reference data + load_demo): members, contacts,
    fees, events, the board; 2024 not yet invoiced, so that invoicing tests start from there,
    and without attendance, groups and criteria (`demo_2024`), which take most of the time."""
    _refuse_in_transactional_tests(request, "demo")


@pytest.fixture
def demo_2024(_demo_2024_module, db, request):
    """The whole demo as `make run` loads it, 2024's invoices and payments included."""
    _refuse_in_transactional_tests(request, "demo_2024")


@pytest.fixture
def committed_demo(transactional_db):
    """The fast demo, committed, for a transactional test (threads see it); the database is
    emptied after the test."""
    _load_demo("demo")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo, committed once for the module, with a coordinator's session, and a live
    server over it: for browser tests that read the demo (their own writes go through the
    server). The module's tests are marked `django_db`, so that the database is set up, but
    write nothing themselves: on PostgreSQL the server would not see it. When the module ends
    the tables are emptied, and the migrations' own data put back (on SQLite: the demo is
    copied in from the worker's snapshot, and the database copied back as it was)."""
    from django.test import Client
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        database = _sqlite_database()
        before = None if database is None else _copy(database)
        if database is None:
            _load_demo("demo_2024")
        else:
            _restore(_snapshot(database, "demo_2024"))
        coordinator = get_user_model().objects.create_user("kansli-webb", is_staff=True)
        coordinator.groups.add(coordinator_group_ensure())
        client = Client()
        client.force_login(coordinator)
        server = LiveServer("localhost")
        server.coordinator_session = client.cookies["sessionid"].value
        try:
            yield server
        finally:
            server.stop()
            if before is None:
                _empty_database()
            else:
                _restore(before)


def _empty_database() -> None:
    from django.core.management import call_command

    # flush ends with post_migrate, which puts back the Platskompassen core tool.
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def coordinator(db):
    """A secretariat user: staff, in the Kansli group, not a superuser."""
    user = get_user_model().objects.create_user("kansli", "kansli@example.org", "pw", is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


@pytest.fixture
def staff_without_rights(db):
    """Staff, but with no permissions: may log in to the back office, may see nothing in it."""
    return get_user_model().objects.create_user("praktikant", "p@example.org", "pw", is_staff=True)


@pytest.fixture
def outsider(db):
    """A logged-in user who is not staff."""
    return get_user_model().objects.create_user("medlem", "m@example.org", "pw")


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def api_token(coordinator):
    return api_token_create(username=coordinator.username)


@pytest.fixture
def api_client(api_token):
    return Client(headers={"Authorization": f"Bearer {api_token}"})


@pytest.fixture
def webinar(db):
    """A public webinar in ten days, open for registration."""
    from hcs.events.models import Event

    now = timezone.now()
    return Event.objects.create(
        title="Webbinarium",
        kind=Event.Kind.WEBINAR,
        audience=Event.Audience.PUBLIC,
        starts=now + timedelta(days=10),
        ends=now + timedelta(days=10, hours=1),
    )


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips (fails when CI=true) if it is missing."""
    problem = None
    if not shutil.which(CHROMIUM):
        problem = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = "Playwright is not installed (make install)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the browser tests cannot run: {problem}")
        pytest.skip(problem)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _deselect(config, items, unwanted) -> None:
    kept = [item for item in items if not unwanted(item)]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if unwanted(item)])
        items[:] = kept


def _order_in_module(item) -> int:
    """Transactional tests first, then those without the demo, then the fast demo, then the
    whole one: the module's demo transaction opens only once the tests before it are done."""
    names = set(item.fixturenames)
    if _is_transactional(names, item.get_closest_marker("django_db")):
        return 0
    if "_demo_2024_module" in names:
        return 3
    if "_demo_module" in names:
        return 2
    return 1


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` run only in the PostgreSQL pass of `make test`; browser tests
    run in one pass only (`HCS_BROWSER_TESTS=0` in the other, see scripts/run_tests.py)."""
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _deselect(config, items, lambda item: item.get_closest_marker("postgresql"))
    if os.environ.get("HCS_BROWSER_TESTS") == "0":
        _deselect(config, items, lambda item: item.get_closest_marker("browser"))
    # The long modules first (the browser's, and those marked `long`): pytest-xdist hands a
    # worker the next module when it is free, so the short ones fill in at the end and the
    # workers finish together.
    modules: dict = {}
    for item in items:
        long = item.get_closest_marker("browser") or item.get_closest_marker("long")
        modules.setdefault(item.module, (not long, len(modules)))
    items.sort(key=lambda item: (modules[item.module], _order_in_module(item)))


@pytest.fixture(autouse=True)
def _limits_clock_mid_window(monkeypatch):
    """The rate limits count in windows fixed in time (every 10 or 15 minutes, or an hour).
    Just after a window's end the previous window's count weighs a hair less than whole, which
    lets one more attempt in, as the sliding window means to; a test asserting an exact count
    that happened to run across that moment failed (seen once, at 10:30:00). In tests the
    limits' clock stands still in the middle of a window. (hcs/lib/tests/test_ratelimit.py
    passes its own times; tests/test_shared_limits.py runs real servers on the real clock.)"""
    import time
    from types import SimpleNamespace

    from hcs.lib import ratelimit

    now = time.time() // 3600 * 3600 + 300
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Each test starts with empty caches (SQLite may reuse ids after a rollback) and in
    Swedish: a request in English leaves its language active in the thread."""
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    from hcs.platskompassen.services import forget_theme_ids

    for cache in caches.all():
        cache.clear()
    forget_theme_ids()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
