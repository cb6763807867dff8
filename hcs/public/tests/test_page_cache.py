"""Public pages are cached for anonymous visitors and change as soon as the registry does."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hcs.lib import pagecache
from hcs.memberships.models import Membership
from hcs.memberships.services import DecisionData, membership_end

pytestmark = pytest.mark.django_db


def _count(client, url="/medlemmar/?datum=2030-01-01"):
    response = client.get(url)
    return response.content.decode().replace("\xa0", " ")


def test_a_cached_page_costs_one_small_query(client, demo):
    client.get("/medlemmar/?datum=2024-12-31")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/medlemmar/?datum=2024-12-31")
    assert response.status_code == 200
    assert "20 medlemmar" in response.content.decode()
    assert len(queries) == 1  # the registry's version


@pytest.mark.parametrize("url", ["/medlemmar/?datum=2030-01-01", "/api/v1/members?on=2030-01-01"])
def test_a_change_shows_at_once(client, demo, coordinator, url):
    before = client.get(url).content
    malmo = Membership.objects.get(organisation__code="1280")
    membership_end(
        membership=malmo,
        end_date=date(2025, 12, 31),
        decision=DecisionData(body="Kommunstyrelsen", date=date(2025, 6, 1)),
        actor=coordinator,
    )
    after = client.get(url).content
    assert after != before
    assert "Malmö".encode() in before and "Malmö".encode() not in after


def test_logged_in_users_never_get_a_cached_page(client, demo, coordinator):
    client.get("/medlemmar/")  # cached for anonymous visitors
    client.force_login(coordinator)
    page = client.get("/medlemmar/").content.decode()
    assert "Logga ut" in page and "Kansli" in page


def test_english_and_swedish_are_cached_apart(client, demo):
    swedish = client.get("/medlemmar/?datum=2024-12-31").content.decode()
    english = client.get(
        "/medlemmar/?datum=2024-12-31", headers={"Accept-Language": "en"}
    ).content.decode()
    assert "medlemmar" in swedish and "20 members" in english


def test_the_version_is_read_at_most_once_per_interval(db, settings, monkeypatch):
    settings.REGISTRY_VERSION_CHECK_SECONDS = 60
    monkeypatch.setattr(pagecache, "_checked_at", float("-inf"))
    pagecache.registry_version()
    with CaptureQueriesContext(connection) as queries:
        pagecache.registry_version()
    assert len(queries) == 0


def test_public_pages_carry_no_personal_token(client, demo):
    page = client.get("/medlemmar/").content.decode()
    assert "csrfmiddlewaretoken" not in page and "X-CSRFToken" not in page
