"""The secretariat's compliance pages, the reminders, the API and a member's own row."""

import csv
import io

import pytest
from django.core import mail
from django.test import Client
from openpyxl import load_workbook

from hcs.accounts.testing import member_contact_user
from hcs.audit.models import AuditEntry
from hcs.criteria.models import Assessment, Criterion, Reminder
from hcs.mail.models import OutgoingEmail
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}


def test_the_compliance_page_lists_every_member_with_reasons(demo_2024, coordinator_client):
    response = coordinator_client.get("/kansli/kriterier/?ar=2024")
    assert response.status_code == 200
    page = response.content.decode()
    assert "20 medlemmar" in page
    assert "Region Norrbotten" in page and "Östersund" in page
    assert "Utser minst en politisk och en administrativ kontaktperson" in page


def test_filters_narrow_the_rows(demo_2024, coordinator_client):
    response = coordinator_client.get(
        "/kansli/kriterier/?ar=2024&kriterium=contact_persons&status=not_met"
    )
    rows = response.context["table"].rows
    assert {row.code for row in rows} == {"25", "1470"}
    regions = coordinator_client.get("/kansli/kriterier/?ar=2024&typ=region").context["table"]
    assert len(regions.rows) == 6


def test_a_bad_filter_is_reported_not_fatal(demo_2024, coordinator_client):
    response = coordinator_client.get("/kansli/kriterier/?ar=tjugo&status=kanske")
    assert response.status_code == 400
    assert response.context["table"].rows  # the default year is still shown


def test_csv_and_xlsx_exports_hold_a_row_per_member_and_criterion(demo_2024, coordinator_client):
    response = coordinator_client.get("/kansli/kriterier/medlemskriterier.csv?ar=2024")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == 1 + 20 * 7
    assert lines[0][0] == "År"
    response = coordinator_client.get("/kansli/kriterier/medlemskriterier.xlsx?ar=2024")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 20 * 7
    statuses = {sheet.cell(row=r, column=7).value for r in range(2, sheet.max_row + 1)}
    assert statuses == {"met", "not_met", "not_assessed"}


def test_the_coordinator_assesses_a_staff_criterion_with_evidence(demo_2024, coordinator_client):
    url = "/kansli/kriterier/2024/local_work/2580/"
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "status": "met",
            "assessed_on": "2024-12-12",
            "evidence_url": "https://www.lulea.se/",
            "note": "Bidrog med exempel till höstmötet.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(criterion__key="local_work", organisation__code="2580")
    assert assessment.status == "met"
    audited = AuditEntry.objects.filter(content_type__model="assessment", object_id=assessment.pk)
    assert audited.exists()


def test_a_website_criterion_met_without_an_address_is_refused(demo_2024, coordinator_client):
    before = Assessment.objects.count()
    response = coordinator_client.post(
        "/kansli/kriterier/2024/website/1470/",
        {"status": "met", "assessed_on": "2024-12-12", "evidence_url": "", "note": ""},
        headers=EN,
    )
    assert response.status_code == 400
    assert "Give the web address" in response.content.decode()
    assert Assessment.objects.count() == before


def test_an_assessment_in_the_future_is_refused(demo_2024, coordinator_client):
    response = coordinator_client.post(
        "/kansli/kriterier/2024/local_work/1470/",
        {"status": "not_met", "assessed_on": "2199-01-01"},
        headers=EN,
    )
    assert response.status_code == 400
    assert "cannot be dated in the future" in response.content.decode()


def test_automatic_criteria_cannot_be_assessed_by_hand(demo_2024, coordinator_client):
    assert coordinator_client.get("/kansli/kriterier/2024/fee_paid/2580/").status_code == 404


def test_reminders_preview_then_send_in_the_background(
    demo_2024, coordinator_client, django_capture_on_commit_callbacks
):
    page = coordinator_client.get("/kansli/kriterier/2024/paminnelser/")
    drafts = page.context["drafts"]
    vara = next(d for d in drafts if d.row.code == "1470")
    assert "Betalar den årliga medlemsavgiften" in vara.body
    lulea = Organisation.objects.get(code="2580")
    assert all(d.row.code != "2580" for d in drafts)  # Luleå has met everything it can
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            "/kansli/kriterier/2024/paminnelser/",
            {"organisation": [vara.row.organisation_id, lulea.pk]},
        )
    assert response.status_code == 302
    reminder = Reminder.objects.select_related("email").get()
    assert reminder.email.state == OutgoingEmail.State.SENT
    assert reminder.email.reply_to == "kansli@example.org"  # replies go to the coordinator
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == vara.recipients
    assert "Vara" in mail.outbox[0].subject
    log = coordinator_client.get("/kansli/kriterier/2024/paminnelser/").content.decode()
    assert "Skickad" in log
    # A task a worker still held under its old name (before reminders went through the queue)
    # finds the reminder's e-mail already sent, and sends nothing again.
    from hcs.criteria.tasks import send_reminder

    assert send_reminder.call(reminder.pk) == "sent"
    assert send_reminder.call(reminder.pk + 1000) == "gone"
    assert len(mail.outbox) == 1


def test_sending_with_nobody_chosen_sends_nothing(demo_2024, coordinator_client):
    response = coordinator_client.post("/kansli/kriterier/2024/paminnelser/", {}, follow=True)
    assert Reminder.objects.count() == 0
    assert len(mail.outbox) == 0
    assert response.status_code == 200


def test_copying_criteria_starts_a_new_year(demo_2024, coordinator_client):
    response = coordinator_client.get("/kansli/kriterier/?ar=2025")
    assert response.context["copy_from"] == 2024
    coordinator_client.post("/kansli/kriterier/2025/kopiera/", {"from_year": "2024"})
    assert Criterion.objects.filter(year=2025).count() == 7
    # A second copy is refused and changes nothing.
    coordinator_client.post("/kansli/kriterier/2025/kopiera/", {"from_year": "2024"})
    assert Criterion.objects.filter(year=2025).count() == 7


def test_staff_without_the_permission_are_refused(demo_2024, staff_without_rights):
    client = Client()
    client.force_login(staff_without_rights)
    assert client.get("/kansli/kriterier/").status_code == 403
    assert client.get("/kansli/kriterier/2024/paminnelser/").status_code == 403


def test_the_api_gives_each_member_with_key_status_and_reason(demo_2024, api_client):
    response = api_client.get("/api/v1/compliance/2024")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 20
    vara = next(item for item in body if item["organisation_code"] == "1470")
    first = vara["criteria"][0]
    assert set(first) == {"key", "status", "reason"}
    assert first["key"] == "contact_persons" and first["status"] == "not_met"
    assert api_client.get("/api/v1/compliance/2031").status_code == 404


def test_the_api_needs_a_staff_token(demo_2024):
    assert Client().get("/api/v1/compliance/2024").status_code == 401


def test_a_member_contact_sees_only_their_own_row(demo_2024):
    user = member_contact_user(Organisation.objects.get(code="1470"), "vara")
    client = Client()
    client.force_login(user)
    page = client.get("/medlem/kriterier/?ar=2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vara" in text and "Betalar den årliga medlemsavgiften" in text
    assert "Luleå" not in text
    assert client.get("/kansli/kriterier/").status_code in (302, 403)


def test_a_logged_in_user_without_a_member_account_is_refused(demo_2024, outsider):
    client = Client()
    client.force_login(outsider)
    assert client.get("/medlem/kriterier/").status_code == 403


def test_the_reminder_never_goes_to_an_erased_contact(demo_2024):
    from hcs.contacts.gdpr import contact_person_erase
    from hcs.contacts.models import ContactPerson
    from hcs.criteria.services import reminder_drafts

    vara = next(d for d in reminder_drafts(2024) if d.row.code == "1470")
    assert vara.recipients
    for person in ContactPerson.objects.filter(organisation__code="1470"):
        contact_person_erase(person=person, actor="test")
    vara = next(d for d in reminder_drafts(2024) if d.row.code == "1470")
    assert vara.recipients == []
