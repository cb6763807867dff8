"""Våra medlemmar in a real browser (Debian's Chromium): changing the date, and accessibility.

Skipped with a message where Chromium is missing, except when CI=true (see conftest.py).
"""

import pytest

from tests.accessibility import serious_violations

# The demo is committed once for the module (conftest.demo_site); the tests read it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def site(demo_site):
    """The live server over the committed demo (not pytest-django's `live_server`, which would
    empty the database after each test)."""
    return demo_site


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_changing_the_date_changes_the_count(page, site):
    page.goto(f"{site.url}/medlemmar/?datum=2024-12-31")
    count = page.locator("#member-count")
    assert "20 medlemmar: 6 regioner och 14 kommuner" in count.inner_text().replace("\xa0", " ")

    page.fill("#id_datum", "2024-03-01")
    page.locator("#id_datum").dispatch_event("change")
    # Waits by locator: the pages' Content-Security-Policy forbids the eval that
    # wait_for_function needs, as it should.
    page.locator("#member-count[data-total='19']").wait_for()
    assert "19 medlemmar: 5 regioner och 14 kommuner" in count.inner_text().replace("\xa0", " ")
    assert "datum=2024-03-01" in page.url  # the chosen date can be bookmarked and shared
    assert page.get_by_role("link", name="Region Norrbotten").count() == 0


def test_choosing_a_year_lists_the_annual_reports_members(page, site):
    page.goto(f"{site.url}/medlemmar/")
    page.fill("#id_ar", "2024")
    page.locator("#id_ar").press("Enter")
    # Today's count is also 20: wait for the year's heading, not the number.
    page.locator("#member-count", has_text="2024").wait_for()
    assert page.locator("#member-count").get_attribute("data-total") == "20"
    assert "från juni 2024" in page.locator("#member-list").inner_text()


def test_the_members_page_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site.url}/medlemmar/?datum=2024-12-31")
    page.fill("#id_datum", "2024-03-01")
    page.locator("#id_datum").locator("xpath=..").get_by_role("button").click()
    page.wait_for_url("**datum=2024-03-01**")
    assert page.locator("#member-count").get_attribute("data-total") == "19"
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/medlemmar/?datum=2024-12-31",
        "/medlemmar/?datum=fel",
        "/medlemmar/0126/",
        "/konto/logga-in/",
        "/bli-medlem/",
    ],
)
def test_pages_have_no_serious_accessibility_violations(page, site, path):
    page.goto(f"{site.url}{path}")
    assert serious_violations(page) == []


PUBLIC_PAGES = (
    "/",
    "/om-natverket/",
    "/medlemmar/",
    "/styrelsen/",
    "/grupper/",
    "/kalender/",
    "/aktuellt/",
    "/aktuellt/arskonferens-2024-datid-nutid-framtid/",
    "/publikationer/",
    "/publikationer/verksamhetsberattelse-2024/",
    "/bli-medlem/",
    "/kontakt/",
    "/tillganglighet/",
    "/personuppgifter/",
    "/nyhetsbrev/",
    "/nyhetsbrev/prenumerera/",
    "/larande-exempel/",
)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_public_page_fits_a_phone_and_passes_axe(browser, site, language):
    """The public site as the strategist reads it on a phone, in Swedish and in English: each
    page has a title and a description of its own, fits the screen, and axe finds nothing
    serious."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="sv-SE")
    context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    page = context.new_page()
    titles, descriptions = set(), set()
    for path in PUBLIC_PAGES:
        response = page.goto(f"{site.url}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        titles.add(page.title())
        descriptions.add(page.locator('meta[name="description"]').get_attribute("content"))
        assert page.locator('meta[property="og:title"]').count() == 1, path
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, path
        assert serious_violations(page) == [], path
    # Every page its own title; the members' and calendar's pages share the site's description.
    assert len(titles) == len(PUBLIC_PAGES)
    assert len(descriptions) >= len(PUBLIC_PAGES) - 3
    context.close()


@pytest.mark.parametrize("path", ["/medlemmar/", "/medlemmar/0126/"])
def test_member_pages_fit_a_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site.url}{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_visitor_searches_the_learning_examples_on_a_phone(browser, site, language):
    """A politician on a phone searches "skolan", narrows by a tag and opens the example that
    says "skolor": every step fits the screen and passes axe."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="sv-SE")
    context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    page = context.new_page()
    page.goto(f"{site.url}/larande-exempel/")
    page.get_by_role("searchbox").fill("skolan")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**q=skolan**")
    results = page.locator(".entry-list h3 a")
    assert results.first.inner_text().startswith("Platskompassen på skolgården")
    assert serious_violations(page) == []
    page.locator(".facets a", has_text="Boende och närmiljö").click()
    page.wait_for_url("**tagg=fhp5**")
    assert page.locator(".facets a[aria-current]").count() == 1
    page.locator(".entry-list h3 a").first.click()
    assert page.locator("h1").inner_text().startswith("Platskompassen på skolgården")
    assert "skolor" in page.locator("main").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    assert serious_violations(page) == []
    context.close()


def test_a_visitor_switches_to_english_and_back(page, site):
    page.goto(f"{site.url}/medlemmar/?datum=2024-12-31")
    page.get_by_role("button", name="In English").click()
    page.locator("html[lang='en']").wait_for(state="attached")
    assert (
        "20 members: 6 regions and 14 municipalities" in page.locator("#member-count").inner_text()
    )
    page.get_by_role("button", name="På svenska").click()
    page.locator("html[lang='sv']").wait_for(state="attached")


@pytest.fixture
def coordinator_page(browser, site):
    """A browser logged in as the secretariat (the session of demo_site's coordinator)."""
    context = browser.new_context(locale="sv-SE")
    context.add_cookies([{"name": "sessionid", "value": site.coordinator_session, "url": site.url}])
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/kansli/",
        "/kansli/avgifter/2024/",
        "/kansli/fakturor/?ar=2024",
        "/kansli/ekonomi/?ar=2024",
        "/kansli/kriterier/?ar=2024",
        "/kansli/kriterier/2024/paminnelser/",
        "/kansli/kriterier/2024/website/1470/",
        "/kansli/innehall/",
        "/kansli/innehall/1/",
        "/kansli/innehall/1/historik/",
        "/kansli/meddelanden/",
        "/kansli/utskick/",
        "/kansli/utskick/nytt/",
        "/kansli/utskick/1/",
        "/verksamhetsberattelse/2024/",
        "/kansli/uppfoljning/2024/",
        "/kansli/larande-exempel/",
        "/kansli/larande-exempel/nytt/?org=1380",
    ],
)
def test_the_secretariats_pages_have_no_serious_accessibility_violations(
    coordinator_page, site, path
):
    coordinator_page.goto(f"{site.url}{path}")
    assert coordinator_page.locator("h1").count() == 1
    assert serious_violations(coordinator_page) == []


def test_the_coordinator_filters_the_compliance_view_and_opens_an_assessment(
    coordinator_page, site
):
    coordinator_page.goto(f"{site.url}/kansli/kriterier/?ar=2024")
    coordinator_page.get_by_label("Kriterium").select_option("contact_persons")
    coordinator_page.get_by_label("Status").select_option("not_met")
    coordinator_page.get_by_role("button", name="Visa").click()
    rows = coordinator_page.locator("table.compliance tbody tr")
    assert rows.count() == 2  # Region Norrbotten and Vara
    coordinator_page.get_by_role("link", name="Bedöm Vara: Informerar om medlemskapet").click()
    assert coordinator_page.locator("h1").inner_text() == "Vara"
    assert serious_violations(coordinator_page) == []


def test_no_page_breaks_its_content_security_policy(browser, site):
    """The pages load only the platform's own files and run no inline script or style: the
    browser reports no violation of the policy (htmx is told not to add its own style)."""
    context = browser.new_context(locale="sv-SE")
    context.add_cookies([{"name": "sessionid", "value": site.coordinator_session, "url": site.url}])
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    for path in (
        "/",
        "/medlemmar/?datum=2024-12-31",
        "/kalender/",
        "/om-natverket/",
        "/kontakt/",
        "/kansli/",
        "/kansli/innehall/1/",
        "/kansli/kriterier/?ar=2024",
        "/kansli/e-post/",
        "/api/v1/docs",
        "/admin/",
    ):
        page.goto(f"{site.url}{path}")  # waits for the page's load event
        if path == "/api/v1/docs":
            # Swagger UI fetches the schema and builds the page after the load event.
            page.wait_for_load_state("networkidle")
    context.close()
    assert [v for v in violations if "Content Security Policy" in v] == []
