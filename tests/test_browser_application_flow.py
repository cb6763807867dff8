"""Issue 12's walk-through, its application part, in Chromium on a phone: a public-health
strategist of a municipality that is not a member sees what it would pay and the criteria, and
applies; the coordinator follows the application to a political decision and makes the member;
the members page lists the new member from its start date. axe finds nothing serious.

Skipped with a message where Chromium is missing, except when CI=true (see conftest.py)."""

import re

import pytest

from tests.accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 375, "height": 740}


def test_a_municipality_applies_on_a_phone_and_becomes_a_member(browser, demo_site):
    from hcs.applications.models import Application

    site = demo_site
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    strategist = context.new_page()
    strategist.set_default_timeout(15_000)
    # What the network is: the start page, then Om nätverket from the menu.
    strategist.goto(f"{site.url}/")
    assert "det ledande nätverket" in strategist.locator("main").inner_text()
    strategist.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Om nätverket"
    ).click()
    strategist.get_by_role("heading", name="Så fungerar nätverket").wait_for()
    assert strategist.get_by_role("img", name=re.compile("Nätverkets struktur")).is_visible()
    assert serious_violations(strategist) == []
    strategist.get_by_role("link", name="Bli medlem").first.click()
    strategist.wait_for_url("**/bli-medlem/")
    assert serious_violations(strategist) == []
    assert "Betalar den årliga medlemsavgiften" in strategist.locator("main").inner_text()
    strategist.locator("#id_quote_organisation").fill("Uppsala (0380)")
    strategist.get_by_role("button", name="Visa avgiften").click()
    strategist.get_by_text(re.compile("Uppsala skulle betala 58.500.kr per år")).wait_for()

    strategist.get_by_label("Kommun eller region", exact=True).last.fill("Uppsala (0380)")
    strategist.get_by_label("Ditt namn").fill("Ulla Strateg")
    strategist.get_by_label("Din titel").fill("Folkhälsostrateg")
    strategist.get_by_label("E-post").fill("ulla@uppsala.example")
    strategist.get_by_label("Meddelande").fill("Vi vill gärna veta mer om medlemskapet.")
    strategist.get_by_label(re.compile("Kansliet får spara")).check()
    strategist.get_by_role("button", name="Skicka ansökan").click()
    strategist.get_by_text("Tack! Din ansökan har kommit till kansliet").wait_for()
    assert serious_violations(strategist) == []
    context.close()

    application = Application.objects.get(organisation__code="0380")
    coordinator_context = browser.new_context(locale="sv-SE")
    coordinator_context.add_cookies(
        [{"name": "sessionid", "value": site.coordinator_session, "url": site.url}]
    )
    coordinator = coordinator_context.new_page()
    coordinator.set_default_timeout(15_000)
    coordinator.goto(f"{site.url}/kansli/ansokningar/")
    assert serious_violations(coordinator) == []
    coordinator.get_by_role("link", name="Uppsala").click()
    coordinator.locator("#id_to").select_option("decision")
    coordinator.get_by_role("button", name="Flytta", exact=True).click()
    coordinator.get_by_text("Sparat.").wait_for()
    coordinator.get_by_label("Medlem från").fill("2027-01-01")
    coordinator.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
    coordinator.get_by_label("Beslutsdatum").fill("2026-12-10")
    coordinator.get_by_label("Paragraf (§)").fill("§ 201")
    coordinator.get_by_label("Administrativ kontaktperson: namn").fill("Ulla Strateg")
    coordinator.get_by_label("Administrativ kontaktperson: titel").fill("Folkhälsostrateg")
    coordinator.get_by_label("Administrativ kontaktperson: e-post").fill("ulla@uppsala.example")
    coordinator.get_by_role("button", name="Gör till medlem").click()
    coordinator.get_by_text("Sparat.").wait_for()
    # The membership starts next year: the contact is appointed, and invited once it starts.
    coordinator.get_by_text(re.compile("Inte inbjuden än")).wait_for()
    assert serious_violations(coordinator) == []
    assert Application.objects.get(pk=application.pk).status == "member"

    coordinator.goto(f"{site.url}/kansli/rekrytering/")
    assert serious_violations(coordinator) == []
    coordinator.goto(f"{site.url}/medlemmar/?datum=2027-01-01")
    assert "Uppsala" in coordinator.locator("main").inner_text()
    coordinator.goto(f"{site.url}/medlemmar/?datum=2026-12-31")
    assert "Uppsala" not in coordinator.locator("main").inner_text()
    coordinator_context.close()
