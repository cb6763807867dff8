"""Issue 5's whole story in a real browser: a planner creates a place and a round, a resident
answers on a phone, and the planner sees the compass, the table and the comments, and downloads
the PDF. Skipped with a message where Chromium is missing, except when CI=true."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planner_context(browser, live_server):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hcs.accounts.models import MemberAccount
    from hcs.platskompassen.core_tool import load_core_tool
    from hcs.platskompassen.models import Theme, ToolVersion
    from hcs.platskompassen.tests.test_results import organisation

    # A transactional test's flush empties what the migration put in.
    load_core_tool(ToolVersion, Theme)
    trollhattan = organisation(code="1488", name="Trollhättan")
    user = get_user_model().objects.create_user("planerare", "p@example.org", "pw")
    MemberAccount.objects.create(user=user, organisation=trollhattan, planner=True)
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    yield context
    context.close()


def test_planner_creates_resident_answers_planner_reads_and_downloads(
    browser, live_server, planner_context
):
    from hcs.platskompassen.models import Round

    planner = planner_context.new_page()
    planner.goto(f"{live_server.url}/platskompassen/")
    planner.get_by_role("link", name="Ny plats").click()
    planner.get_by_label("Platsens namn").fill("Torget")
    planner.get_by_role("button", name="Skapa platsen").click()
    planner.get_by_role("link", name="Ny omgång").click()
    today = timezone.localdate()
    planner.get_by_label("Titel").fill("Torget 2026")
    planner.get_by_label("Öppnar").fill(today.isoformat())
    planner.get_by_label("Stänger").fill((today + timedelta(days=30)).isoformat())
    planner.get_by_role("button", name="Skapa omgången").click()
    round_ = Round.objects.get(title="Torget 2026")
    assert not round_.publish_results  # only the planner sees the results

    resident_context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    resident = resident_context.new_page()
    resident.goto(f"{live_server.url}/platskompassen/{round_.slug}/")
    first = resident.get_by_role("group", name="Att ta sig fram")
    first.get_by_label("5 av 7").check()
    first.get_by_label("Vad kan bli bättre?").fill("Fler cykelställ vid torget")
    resident.get_by_role("group", name="Trygghet").get_by_label("2 av 7").check()
    resident.get_by_role("button", name="Skicka mina svar").click()
    assert "Tack" in resident.locator("h1").inner_text()
    assert not resident.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    resident_context.close()

    planner.goto(f"{live_server.url}/platskompassen/{round_.slug}/resultat/")
    assert planner.locator("svg[role=img]").first.is_visible()
    table = planner.locator("table").first.inner_text()
    assert "Att ta sig fram" in table and "Trygghet" in table
    assert "Fler cykelställ vid torget" in planner.content()
    # The PDF opens in the browser's viewer (inline); fetch it with the planner's session.
    href = planner.get_by_role("link", name="Rapport (PDF, för utskrift)").get_attribute("href")
    pdf = planner.request.get(f"{live_server.url}{href}")
    assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"
