"""The issue's walk-through in Chromium: the coordinator invites a contact person; the link in
the e-mail, read from a real SMTP server (aiosmtpd), sets the password; the person logs in with
their address, sees their organisation, downloads its invoice as PDF, gets 404 for another
organisation's, registers a colleague for a members' event, and proposes a new administrative
contact, which the coordinator sees and applies (with an audit entry). The proposal replaces the
person themselves from today, so their last role ends: the same log-in then reaches nothing of
the members' content. axe finds nothing serious on the portal's pages, on a desktop and a
phone, in Swedish and English.

Skipped with a message where Chromium is missing, except when CI=true (see conftest.py)."""

import re
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from tests.accessibility import serious_violations
from tests.smtp import Inbox, deliver_queued, free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LULEA = "2580"
PASSWORD = "Norrbotten-folkhalsa-2026"


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


def _page(browser, site, session=None, **options):
    context = browser.new_context(locale="sv-SE", **options)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": site.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_contact_person_from_invitation_to_the_end_of_their_role(browser, demo_site, smtp):
    from hcs.audit.models import AuditEntry
    from hcs.contacts.models import ContactProposal, ContactRole
    from hcs.invoices.models import Invoice

    site = demo_site
    role = ContactRole.objects.select_related("person").get(
        person__organisation__code=LULEA, kind="administrative", end_date=None
    )
    person = role.person
    coordinator = _page(browser, site, site.coordinator_session)

    # The coordinator invites the administrative contact from the organisation's page.
    coordinator.goto(f"{site.url}/kansli/organisationer/{LULEA}/")
    coordinator.get_by_role("button", name=f"Bjud in {person.name}").click()
    coordinator.get_by_text(f"En inbjudan är på väg till {person.email}").wait_for()
    assert serious_violations(coordinator) == []

    # A members' event to register a colleague for, made by the coordinator.
    now = timezone.now()
    coordinator.goto(f"{site.url}/kansli/evenemang/nytt/")
    coordinator.get_by_label("titel").fill("Medlemsworkshop om platser")
    coordinator.get_by_label("typ").select_option("workshop")
    coordinator.get_by_label("målgrupp").select_option("members")
    coordinator.get_by_label("Börjar").fill(_local(now + timedelta(days=9)))
    coordinator.get_by_label("Slutar").fill(_local(now + timedelta(days=9, hours=3)))
    coordinator.get_by_role("button", name="Spara").click()
    coordinator.locator("h1", has_text="Medlemsworkshop om platser").wait_for()

    deliver_queued()
    text = smtp.text_to(person.email)
    link = re.search(r"http://localhost:8000(/konto/inbjudan/\S+/)", text).group(1)

    member = _page(browser, site)
    member.goto(f"{site.url}{link}")
    assert "/konto/inbjudan/" in member.url and link not in member.url
    assert serious_violations(member) == []
    member.locator("[name=new_password1]").fill(PASSWORD)
    member.locator("[name=new_password2]").fill(PASSWORD)
    member.get_by_role("button", name="Spara lösenordet").click()
    member.get_by_text("Ditt lösenord är sparat").wait_for()

    member.get_by_label("E-postadress").fill(person.email)
    member.get_by_label("Lösenord").fill(PASSWORD)
    member.get_by_role("button", name="Logga in").click()
    member.locator("h1", has_text="Vårt medlemskap: Luleå").wait_for()
    assert "/medlem/" in member.url
    assert serious_violations(member) == []

    # The organisation's invoice, and not another's.
    own = Invoice.objects.filter(organisation__code=LULEA).order_by("number").first()
    other = Invoice.objects.exclude(organisation__code=LULEA).order_by("number").first()
    member.get_by_role("link", name="Fakturor").first.click()
    assert serious_violations(member) == []
    pdf_link = member.get_by_role("link", name=f"PDF för faktura {own.number}")
    pdf = member.request.get(site.url + pdf_link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    assert member.request.get(f"{site.url}/api/v1/invoices/{other.number}.pdf").status == 404

    # A colleague registered for the members' event.
    member.get_by_role("link", name="Våra anmälningar").click()
    member.get_by_role("link", name="Medlemsworkshop om platser").click()
    member.locator("[name=form-0-name]").fill("Kollega Kvist")
    member.locator("[name=form-0-email]").fill("kollega.kvist@example.org")
    member.locator("[name=form-0-role]").select_option("official")
    member.get_by_role("button", name=re.compile("Anmäl")).click()
    member.get_by_text("1 person anmäld").wait_for()
    member.goto(f"{site.url}/medlem/evenemang/")
    assert "Kollega Kvist" in member.locator("main").inner_text()
    assert serious_violations(member) == []

    # A new administrative contact after a reorganisation, from today.
    member.get_by_role("link", name="Kontaktpersoner").first.click()
    member.locator("[name=kind]").select_option("administrative")
    member.locator("[name=replaces]").select_option(str(role.pk))
    member.locator("[name=name]").fill("Nora Nyström")
    member.locator("[name=title]").fill("Folkhälsostrateg")
    member.locator("[name=email]").fill("nora.nystrom@example.org")
    member.locator("[name=start_date]").fill(timezone.localdate().isoformat())
    member.get_by_role("button", name="Skicka förslaget").click()
    member.get_by_text("Kansliet har fått förslaget").wait_for()
    assert serious_violations(member) == []

    coordinator.goto(f"{site.url}/kansli/")
    coordinator.get_by_text("kontaktpersoner föreslagna av medlemmar").wait_for()
    coordinator.get_by_role("link", name="Luleå").first.click()
    coordinator.get_by_role("button", name="Genomför Nora Nyström").click()
    coordinator.get_by_text("Nora Nyström är nu administrativ kontaktperson").wait_for()
    proposal = ContactProposal.objects.get(name="Nora Nyström")
    assert proposal.status == "applied"
    assert AuditEntry.objects.filter(
        object_id=str(proposal.pk), changes__status=["pending", "applied"]
    ).exists()

    # The person's last role ended yesterday: the same log-in reaches no members' content.
    assert member.goto(f"{site.url}/medlem/").status == 403
    assert member.request.get(f"{site.url}/medlem/fakturor/").status == 403
    assert member.request.get(f"{site.url}/api/v1/invoices/{own.number}.pdf").status == 404
    assert member.request.get(f"{site.url}/medlem/mina-uppgifter/").status == 200


def _portal_pages() -> list[str]:
    from hcs.governance.models import AnnualMeeting

    return [
        "/medlem/",
        "/medlem/kriterier/",
        "/medlem/fakturor/",
        "/medlem/kontaktpersoner/",
        "/medlem/evenemang/",
        "/medlem/grupper/",
        "/medlem/uppfoljning/",
        "/medlem/larande-exempel/",
        "/medlem/larande-exempel/nytt/",
        "/medlem/dokument/",
        f"/medlem/dokument/arsmoten/{AnnualMeeting.objects.first().pk}/",
        "/medlem/mina-uppgifter/",
        "/konto/tva-steg/aktivera/",
    ]


@pytest.fixture(scope="module")
def member_session(demo_site, django_db_blocker):
    """The demo's contact person of Halmstad (`make run`'s kontaktperson), logged in."""
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        assert client.login(username="kontaktperson", password="healthy-cities-demo")
        return client.cookies["sessionid"].value


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_portal_is_accessible_on_a_desktop_and_a_phone(
    browser, demo_site, member_session, language
):
    for width, height in ((1280, 900), (375, 740)):
        page = _page(
            browser, demo_site, member_session, viewport={"width": width, "height": height}
        )
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": demo_site.url}]
        )
        found = {}
        for path in _portal_pages():
            page.goto(f"{demo_site.url}{path}")
            assert page.locator("h1").count() == 1, path
            assert page.locator("html").get_attribute("lang") == language, path
            problems = serious_violations(page)
            if problems:
                found[path] = problems
            wide = page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            assert not wide, (width, path)
        page.context.close()
        assert found == {}, (width, found)
