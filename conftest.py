"""Shared fixtures: the demo network, users with and without rights, a real browser."""

import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

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


@pytest.fixture
def demo(db):
    """The network as the seeds describe it (reference data + load_demo): members, contacts,
    fees, events, the board; 2024 not yet invoiced, so that invoicing tests start from there,
    and without attendance, groups and criteria (`demo_2024`), which take most of the time."""
    from hcs.demo.loader import load_demo

    load_demo(invoices=False, network_life=False)


@pytest.fixture
def demo_2024(db):
    """The whole demo as `make run` loads it, 2024's invoices and payments included."""
    from hcs.demo.loader import load_demo

    load_demo()


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


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` run in the PostgreSQL pass of `make test`, not the SQLite one."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (SQLite may reuse ids after a rollback)."""
    from django.core.cache import cache

    from hcs.platskompassen.services import forget_theme_ids

    cache.clear()
    forget_theme_ids()
