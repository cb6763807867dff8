"""Platskompassen's survey in a real browser (Debian's Chromium): a resident on a phone, with the
keyboard, with and without JavaScript; accessibility (axe-core) and a 360 px wide screen.

Skipped with a message where Chromium is missing, except when CI=true (see conftest.py).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from hcs.platskompassen.tests.test_results import organisation
from tests.accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.fixture
def survey_round(db):
    """An open round of the core tool with two background questions. The core tool comes from
    a migration, which a transactional test's flush empties: put back when missing."""
    from hcs.platskompassen.core_tool import load_core_tool
    from hcs.platskompassen.models import Theme, ToolVersion
    from hcs.platskompassen.services import place_create, round_create

    load_core_tool(ToolVersion, Theme)
    place = place_create(organisation=organisation(), name="Centrum", actor="test")
    today = timezone.localdate()
    return round_create(
        place=place,
        title="Centrum 2026",
        introduction="Berätta vad du tycker om centrum.",
        opens=today - timedelta(days=1),
        closes=today + timedelta(days=30),
        background_questions=["age_band", "relation", "area"],
        publish_results=True,
        actor="test",
    )


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_resident_answers_three_themes_on_a_phone_with_the_keyboard(
    phone, live_server, survey_round
):
    from hcs.platskompassen.models import Response

    phone.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/")
    assert not _overflows(phone)
    # Theme 1: from the first choice, arrow keys move along the scale.
    phone.locator("#score-moving_around-1").focus()
    for _ in range(3):
        phone.keyboard.press("ArrowRight")
    assert phone.locator("#score-moving_around-4").is_checked()
    phone.keyboard.press("Tab")  # leaves the group for "what is good here"
    assert phone.evaluate("document.activeElement.id") == "good-moving_around"
    phone.keyboard.type("Fina cykelvägar längs älven")
    phone.keyboard.press("Tab")
    phone.keyboard.type("Fler cykelställ")
    # Theme 2: Tab lands on the scale, Space chooses, arrows move on.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.name") == "score-public_transport"
    phone.keyboard.press("Space")
    for _ in range(5):
        phone.keyboard.press("ArrowRight")
    assert phone.locator("#score-public_transport-6").is_checked()
    # Theme 3: don't know.
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.name") == "score-traffic_parking"
    phone.locator("#score-traffic_parking-skip").press("Space")
    assert phone.locator("#score-traffic_parking-skip").is_checked()
    send = phone.locator("button[value='send']")
    send.focus()  # a long way by Tab past the other themes
    send.press("Enter")
    phone.wait_for_url("**/tack/")
    assert phone.locator("h1").count() == 1

    answer = Response.objects.get()
    assert dict(answer.scores.values_list("theme__key", "value")) == {
        "moving_around": 4,
        "public_transport": 6,
    }
    comment = answer.comments.get()
    assert (comment.good, comment.better) == ("Fina cykelvägar längs älven", "Fler cykelställ")
    # Nothing to follow a resident by: no cookie at all.
    assert phone.context.cookies() == []


def test_a_resident_answers_a_theme_at_a_time_without_javascript(
    browser, live_server, survey_round
):
    from hcs.platskompassen.models import Response

    context = browser.new_context(viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/?steg=1")
    assert page.locator("progress").get_attribute("value") == "1"
    page.locator("label[for='score-moving_around-2']").click()
    page.fill("#good-moving_around", "Nära till allt")
    page.locator("button[value='next']").click()
    page.wait_for_selector("#theme-public_transport")
    assert page.locator("progress").get_attribute("value") == "2"
    page.locator("label[for='score-public_transport-5']").click()
    page.locator("button[value='back']").click()
    page.wait_for_selector("#theme-moving_around")
    assert page.locator("#score-moving_around-2").is_checked()  # carried back
    assert page.locator("#good-moving_around").input_value() == "Nära till allt"
    assert Response.objects.count() == 0
    page.locator("button[value='all']").click()  # the rest on one page
    page.wait_for_selector("#theme-influence_control")
    assert page.locator("#score-public_transport-5").is_checked()
    page.locator("label[for='score-feeling_safe-7']").click()
    page.locator("label[for='bg-relation-live']").click()
    page.locator("button[value='send']").click()
    page.wait_for_url("**/tack/")
    answer = Response.objects.get()
    assert dict(answer.scores.values_list("theme__key", "value")) == {
        "moving_around": 2,
        "public_transport": 5,
        "feeling_safe": 7,
    }
    assert answer.relation == "live"
    assert context.cookies() == []
    context.close()


def test_an_error_is_summarised_at_the_top_with_links(phone, live_server, survey_round):
    phone.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/")
    phone.locator("button[value='send']").click()  # nothing answered
    summary = phone.locator(".error-summary[role='alert']")
    summary.wait_for()
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert not _overflows(phone)
    assert serious_violations(phone) == []


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
@pytest.mark.parametrize("suffix", ["", "?steg=1", "?steg=15", "tack/"])
def test_the_survey_has_no_serious_accessibility_violations(
    browser, live_server, survey_round, suffix, locale
):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/{suffix}")
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == locale[:2]
    assert serious_violations(page) == []
    context.close()


def test_a_closed_round_has_no_serious_accessibility_violations(browser, live_server, survey_round):
    from hcs.platskompassen.models import Round

    Round.objects.filter(pk=survey_round.pk).update(
        opens=timezone.localdate() - timedelta(days=30),
        closes=timezone.localdate() - timedelta(days=1),
    )
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/")
    assert page.locator("#survey-form").count() == 0
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("suffix", ["", "?steg=1", "?steg=15"])
def test_the_survey_fits_a_360_px_screen(browser, live_server, survey_round, suffix):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/{suffix}")
    assert not _overflows(page)
    if suffix != "?steg=15":
        # The seven choices share one row, each large enough to tap.
        boxes = [
            page.locator(f"label[for='score-moving_around-{n}']").bounding_box()
            for n in range(1, 8)
        ]
        assert len({round(box["y"]) for box in boxes}) == 1
        assert min(box["width"] for box in boxes) >= 32
        assert min(box["height"] for box in boxes) >= 44
    context.close()


def test_the_planners_entry_has_no_serious_accessibility_violations(
    browser, live_server, survey_round
):
    """The planner's own view of the page: the choice of entry, after the round has closed."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hcs.accounts.models import MemberAccount
    from hcs.platskompassen.models import Response, Round

    Round.objects.filter(pk=survey_round.pk).update(
        opens=timezone.localdate() - timedelta(days=30),
        closes=timezone.localdate() - timedelta(days=1),
    )
    user = get_user_model().objects.create_user("planerare", "p@example.org", "pw")
    MemberAccount.objects.create(
        user=user, organisation=survey_round.place.organisation, planner=True
    )
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/platskompassen/{survey_round.slug}/?steg=1")
    assert page.locator("#entry-group").is_checked() is False  # a survey round: paper first
    page.locator("label[for='entry-group']").click()
    page.locator("label[for='score-moving_around-5']").click()
    assert not _overflows(page)
    assert serious_violations(page) == []
    page.locator("button[value='next']").click()
    page.wait_for_selector("#theme-public_transport")
    assert page.locator("#entry-group").is_checked()
    page.locator("button[value='all']").click()
    page.wait_for_selector("#theme-influence_control")
    page.locator("button[value='send']").click()
    page.wait_for_selector(".messages")  # "saved", and the form empty for the next entry
    assert page.locator("#score-moving_around-5").is_checked() is False
    answer = Response.objects.get()
    assert (answer.kind, answer.entered_by_id) == ("group", user.pk)
    context.close()
