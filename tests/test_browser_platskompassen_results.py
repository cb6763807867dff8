"""Platskompassen's results page in a real browser (Debian's Chromium): accessibility (axe-core,
no serious or critical findings) and a phone-sized window without sideways scrolling.

Skipped with a message where Chromium is missing, except when CI=true (see conftest.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from hcs.accounts.models import MemberAccount
from hcs.platskompassen.core_tool import load_core_tool
from hcs.platskompassen.models import Response, Theme, ToolVersion
from hcs.platskompassen.services import response_submit
from hcs.platskompassen.tests.test_results import answer_randomly, make_round, organisation
from tests.accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def core_tool(db):
    """The core tool comes with a migration: put it back after another test emptied the tables."""
    load_core_tool(ToolVersion, Theme)


@pytest.fixture
def published(core_tool):
    lulea = organisation()
    before = make_round(lulea, publish=True, title="Hösten 2023")
    answer_randomly(before, count=20, seed=1, rare=0)
    round_ = make_round(lulea, publish=True, place=before.place)
    answer_randomly(round_, count=40, rare=0)
    response_submit(
        round_=round_,
        scores={"moving_around": 5, "feeling_safe": 3},
        kind=Response.Kind.GROUP,
        entered_by=get_user_model().objects.create_user("samtalsledare"),
    )
    return round_, before


def _paths(round_, before):
    base = f"/platskompassen/{round_.slug}/resultat/"
    return [base, f"{base}?group=age_band:30_44", f"{base}?jamfor={before.slug}"]


@pytest.mark.parametrize("language", ["sv-SE", "en-GB"])
def test_the_results_pages_have_no_serious_accessibility_violations(
    browser, live_server, published, language
):
    context = browser.new_context(locale=language)
    page = context.new_page()
    for path in _paths(*published):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1
        assert page.locator("svg[role=img]:visible").count() == 1
        assert serious_violations(page) == [], path
    context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_the_results_page_fits_a_phone(browser, live_server, published, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="sv-SE")
    page = context.new_page()
    for path in _paths(*published):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, path
        # The compass shrinks to the screen; the table scrolls in its own box.
        box = page.locator("svg[role=img]:visible").bounding_box()
        assert box["width"] <= width
    assert serious_violations(page) == []
    context.close()


def test_the_planner_sees_unpublished_results(browser, live_server, core_tool):
    lulea = organisation()
    round_ = make_round(lulea)
    answer_randomly(round_, count=10, rare=0)
    user = get_user_model().objects.create_user("planerare", "p@example.org", "pw")
    MemberAccount.objects.create(user=user, organisation=lulea, planner=True)
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="sv-SE")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/platskompassen/{round_.slug}/resultat/")
    assert page.locator("#response-count").get_attribute("data-responses") == "10"
    assert serious_violations(page) == []
    context.close()
