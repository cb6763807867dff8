"""A municipality that is not a member applies on "Bli medlem"; the secretariat follows the
application to a political decision and a membership."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from hcs.applications.models import Application
from hcs.audit.models import AuditEntry
from hcs.lib.money import format_sek
from hcs.mail.models import OutgoingEmail
from hcs.memberships.models import Membership

pytestmark = pytest.mark.django_db

STOCKHOLM = "0180"  # not a member in 2024


@pytest.fixture(autouse=True)
def _without_the_demo_application(request):
    """Each test starts from no application and no e-mail (the demo has one open application,
    checked on its own below)."""
    if "demo_2024" in request.fixturenames and request.node.name != (
        "test_the_demo_has_an_open_application_from_a_webinar_participant"
    ):
        request.getfixturevalue("demo_2024")
        Application.objects.all().delete()
        OutgoingEmail.objects.all().delete()


def test_the_demo_has_an_open_application_from_a_webinar_participant(demo_2024, coordinator):
    from django.utils import timezone

    from hcs.applications.queries import prospects

    application = Application.objects.get()
    assert application.organisation.name == "Uddevalla" and application.status == "inquiry"
    assert application.next_step
    row = next(
        p for p in prospects(timezone.localdate(), timezone.now()) if p.organisation.code == "1485"
    )
    assert row.events_attended == 1 and row.application == application


def _apply(client, **changes):
    data = {
        "organisation_code": STOCKHOLM,
        "name": "Sara Strateg",
        "title": "Folkhälsostrateg",
        "email": "sara@stockholm.example",
        "phone": "08-123 45",
        "message": "Vi vill veta mer.",
        **changes,
    }
    return client.post("/api/v1/applications", data, content_type="application/json")


def test_the_page_shows_the_criteria_the_fees_and_what_this_organisation_would_pay(demo_2024):
    page = Client().get("/bli-medlem/", {"organisation": "Trollhättan (1488)"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Betalar den årliga medlemsavgiften" in text  # a criterion of 2024
    assert f"Trollhättan skulle betala {format_sek(41000)} per år" in text
    assert '<option value="Stockholm (0180)">' in text  # the suggestions, without a script
    region = Client().get("/bli-medlem/", {"organisation": "Region Halland"}).content.decode()
    assert format_sek(58500) in region
    unknown = Client().get("/bli-medlem/", {"organisation": "Atlantis"}).content.decode()
    assert "Välj en kommun eller region i listan" in unknown


def test_applying_on_the_page_stores_it_confirms_it_and_tells_the_secretariat(demo_2024):
    client = Client()
    answer = client.post(
        "/bli-medlem/",
        {
            "organisation": "Stockholm (0180)",
            "name": "Sara Strateg",
            "title": "Folkhälsostrateg",
            "email": "sara@stockholm.example",
            "message": "Hej!",
            "consent": "on",
            "website": "",
        },
    )
    assert answer.status_code == 302 and answer["Location"].endswith("?tack=1#ansokan")
    application = Application.objects.get()
    assert application.organisation.code == STOCKHOLM and application.status == "inquiry"
    assert application.steps.get().to_status == "inquiry"
    assert OutgoingEmail.objects.filter(to="sara@stockholm.example").exists()
    told = OutgoingEmail.objects.get(purpose="secretariat_notice")  # the demo's coordinator
    assert told.to == "koordinator@example.org" and "/kansli/ansokningar/" in told.body
    thanked = client.get(answer["Location"]).content.decode()
    assert "Tack!" in thanked


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(demo_2024):
    answer = Client().post(
        "/bli-medlem/",
        {
            "organisation": "Stockholm (0180)",
            "name": "Bot",
            "email": "bot@example.org",
            "consent": "on",
            "website": "http://spam.example",
        },
    )
    assert answer.status_code == 302
    assert not Application.objects.exists() and not OutgoingEmail.objects.exists()


def test_without_consent_nothing_is_stored_and_the_form_says_why(demo_2024):
    answer = Client().post(
        "/bli-medlem/",
        {"organisation": "Stockholm (0180)", "name": "Sara", "email": "sara@example.org"},
    )
    assert answer.status_code == 400
    assert "samtycke" in answer.content.decode().lower()
    assert not Application.objects.exists()


def test_the_api_names_every_problem_and_stores_nothing(demo_2024):
    answer = _apply(Client(), organisation_code="9999", email="", message="x" * 100_000)
    assert answer.status_code == 422
    problems = answer.json()["errors"]
    assert len(problems) == 3
    assert any(p.startswith("Organisation") for p in problems)
    assert any(p.startswith("E-post") for p in problems)
    assert any(p.startswith("Meddelande") and "100000" in p for p in problems)
    assert not Application.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_api_applies_and_is_rate_limited(demo_2024, settings):
    settings.RATE_LIMITS = {"application": (2, 3600)}
    client = Client()
    first = _apply(client)
    assert first.status_code == 201 and Application.objects.get().pk == first.json()["id"]
    assert _apply(client).status_code == 201
    refused = _apply(client)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Application.objects.count() == 2


def test_the_secretariat_follows_it_to_a_membership(demo_2024, coordinator_client, api_client):
    application_id = _apply(Client()).json()["id"]
    listed = api_client.get("/api/v1/applications").json()
    assert listed[0]["id"] == application_id and listed[0]["status"] == "inquiry"
    assert set(listed[0]) == {"id", "organisation_code", "name", "status", "created"}

    page = coordinator_client.get("/kansli/ansokningar/").content.decode()
    assert "Stockholm" in page
    url = f"/kansli/ansokningar/{application_id}/"
    coordinator_client.post(url, {"action": "move", "to": "dialogue", "note": "Möte bokat"})
    coordinator_client.post(
        url, {"action": "note", "next_step": "KS beslutar", "next_step_on": "2026-12-15"}
    )
    application = Application.objects.get()
    assert application.status == "dialogue" and application.next_step == "KS beslutar"
    assert application.next_step_on == date(2026, 12, 15)

    made = api_client.post(
        f"/api/v1/applications/{application_id}/membership",
        {
            "start_date": "2027-01-01",
            "decision": {"body": "Kommunstyrelsen", "date": "2026-12-15", "paragraph": "§ 12"},
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    membership = Membership.objects.get(pk=made.json()["membership_id"])
    assert membership.organisation.code == STOCKHOLM and membership.start_date == date(2027, 1, 1)
    assert membership.join_decision_body == "Kommunstyrelsen"
    application.refresh_from_db()
    assert application.status == "member" and application.membership == membership
    assert [s.to_status for s in application.steps.all()] == ["inquiry", "dialogue", "", "member"]
    assert AuditEntry.objects.filter(object_id=str(application.pk)).count() >= 4
    members = Client().get("/medlemmar/?datum=2027-01-02").content.decode()
    assert "Stockholm" in members
    assert "Stockholm" not in Client().get("/medlemmar/?datum=2026-12-31").content.decode()


def test_making_the_member_appoints_its_contacts_and_invites_them(demo_2024, coordinator_client):
    from hcs.accounts.models import Invitation
    from hcs.contacts.models import ContactRole

    application_id = _apply(Client(), organisation_code="1485").json()["id"]  # Uddevalla
    today = timezone.localdate()
    answer = coordinator_client.post(
        f"/kansli/ansokningar/{application_id}/",
        {
            "action": "member",
            "start_date": today.isoformat(),
            "body": "Kommunstyrelsen",
            "decision_date": today.isoformat(),
            "paragraph": "§ 7",
            "political_name": "Petra Politiker",
            "political_party": "S",
            "political_email": "petra@uddevalla.example",
            "administrative_name": "Adam Tjänsteperson",
            "administrative_title": "Folkhälsostrateg",
            "administrative_email": "adam@uddevalla.example",
        },
        follow=True,
    )
    text = answer.content.decode()
    assert "petra@uddevalla.example" in text and "adam@uddevalla.example" in text  # invited
    roles = ContactRole.objects.filter(person__organisation__code="1485", start_date=today)
    assert sorted(r.kind for r in roles) == ["administrative", "political"]
    assert Invitation.objects.filter(account__person__organisation__code="1485").count() == 2
    assert OutgoingEmail.objects.filter(to="adam@uddevalla.example").exists()


def test_a_contact_without_a_name_refuses_the_membership_and_changes_nothing(
    demo_2024, coordinator_client
):
    application_id = _apply(Client(), organisation_code="1485").json()["id"]
    before = Membership.objects.count()
    coordinator_client.post(
        f"/kansli/ansokningar/{application_id}/",
        {
            "action": "member",
            "start_date": "2027-01-01",
            "body": "Kommunstyrelsen",
            "decision_date": "2026-12-15",
            "political_email": "petra@uddevalla.example",
        },
    )
    assert Membership.objects.count() == before
    assert Application.objects.get().status == "inquiry"


def test_a_member_on_that_date_is_a_conflict_and_nothing_changes(demo_2024, api_client):
    application_id = _apply(Client(), organisation_code="1488").json()["id"]  # Trollhättan
    answer = api_client.post(
        f"/api/v1/applications/{application_id}/membership",
        {"start_date": "2024-06-01", "decision": {"body": "KS", "date": "2024-05-01"}},
        content_type="application/json",
    )
    assert answer.status_code == 409
    assert Application.objects.get().status == "inquiry"


def test_closing_needs_a_reason(demo_2024, coordinator_client):
    application_id = _apply(Client()).json()["id"]
    url = f"/kansli/ansokningar/{application_id}/"
    coordinator_client.post(url, {"action": "move", "to": "closed", "note": ""})
    assert Application.objects.get().status == "inquiry"
    coordinator_client.post(url, {"action": "move", "to": "closed", "note": "Inte aktuellt nu"})
    application = Application.objects.get()
    assert application.status == "closed" and application.closed_reason == "Inte aktuellt nu"


def test_the_list_is_for_the_secretariat(demo_2024, outsider):
    assert Client().get("/api/v1/applications").status_code == 401
    client = Client()
    client.force_login(outsider)
    assert client.get("/kansli/ansokningar/").status_code == 403


def test_an_applicant_who_becomes_a_contact_is_erased_from_the_application_too(
    demo_2024, coordinator
):
    from hcs.contacts.gdpr import contact_person_erase, contact_person_export
    from hcs.contacts.models import ContactPerson

    _apply(Client())
    person = ContactPerson.objects.create(
        organisation=Application.objects.get().organisation,
        name="Sara Strateg",
        email="sara@stockholm.example",
    )
    exported = contact_person_export(person=person, actor=coordinator)
    assert exported["membership_applications"][0]["message"] == "Vi vill veta mer."
    summary = contact_person_erase(person=person, actor=coordinator)
    assert summary["membership_applications"] == 1
    application = Application.objects.get()
    assert application.email == "" and application.name == "[raderad]"


def test_prospects_are_the_non_members_with_what_recruiting_them_means(demo_2024, api_client):
    rows = {row["code"]: row for row in api_client.get("/api/v1/prospects").json()}
    assert "1488" not in rows  # Trollhättan is a member
    assert rows["0126"]["former_member"] is True  # Huddinge left in 2023
    stockholm = rows[STOCKHOLM]
    assert stockholm["kind"] == "municipality" and stockholm["fee_sek"] == 58500
    assert stockholm["population"] > 900_000
    assert set(stockholm) == {
        "code",
        "name",
        "kind",
        "population",
        "fee_sek",
        "former_member",
        "events_attended",
    }
    assert len(rows) == 311 - 20  # the 2024 demo's members are members still


def test_the_recruitment_page_filters_sorts_and_exports(demo_2024, coordinator_client):
    _apply(Client())
    page = coordinator_client.get("/kansli/rekrytering/", {"lan": "01", "sortera": "population"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Stockholm" in text and "Förfrågan" in text  # its open application
    assert "Malmö" not in text  # another county
    csv = coordinator_client.get("/kansli/rekrytering.csv", {"typ": "region"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kod;Namn;Typ") and all("Region" in line for line in lines[1:])
