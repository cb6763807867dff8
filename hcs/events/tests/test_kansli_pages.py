"""The secretariat's event pages, as the coordinator uses them: create, edit, copy and cancel an
event; register someone on their behalf; cancel, move up; the venue's list; e-mail."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from hcs.events.models import Event, Registration
from hcs.events.services import event_questions_set, registration_create

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Årskonferens 2027",
    "kind": "annual_conference",
    "audience": "members",
    "starts": "2027-03-11T09:00",
    "ends": "2027-03-12T16:00",
    "place": "Norrköping",
    "organiser": "Healthy Cities Sverige",
    "capacity": "120",
    "registration_deadline": "2027-02-28T23:59",
    "description": "Två dagar med Region Östergötland.",
    "questions": "Specialkost eller allergier\nDeltar du i middagen? *",
}


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_the_coordinator_creates_a_conference_with_questions(coordinator_client):
    response = coordinator_client.post("/kansli/evenemang/nytt/", FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Årskonferens 2027")
    assert response["Location"] == f"/kansli/evenemang/{event.pk}/"
    assert (_local(event.starts), _local(event.ends)) == ("2027-03-11T09:00", "2027-03-12T16:00")
    assert [(q.text, q.required) for q in event.questions.all()] == [
        ("Specialkost eller allergier", False),
        ("Deltar du i middagen?", True),
    ]
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Deltar du i middagen?" in page
    listed = coordinator_client.get("/kansli/evenemang/?ar=2027&typ=annual_conference")
    assert "Årskonferens 2027" in listed.content.decode()
    other_kind = coordinator_client.get("/kansli/evenemang/?ar=2027&typ=webinar")
    assert "Årskonferens 2027" not in other_kind.content.decode()


def test_a_bad_form_says_what_is_wrong_and_stores_nothing(coordinator_client):
    bad = {**FORM, "ends": "2027-03-10T09:00", "title": "", "capacity": "-1"}
    response = coordinator_client.post("/kansli/evenemang/nytt/", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Detta fält måste fyllas i" in page
    assert not Event.objects.exists()
    group_without_group = coordinator_client.post(
        "/kansli/evenemang/nytt/", {**FORM, "audience": "group"}
    )
    assert group_without_group.status_code == 400
    assert "måste ange gruppen" in group_without_group.content.decode()
    assert not Event.objects.exists()


def test_an_all_day_event_runs_from_midnight_to_the_end_of_its_last_day(coordinator_client):
    coordinator_client.post(
        "/kansli/evenemang/nytt/",
        {**FORM, "all_day": "on", "starts": "2027-10-21T10:00", "ends": "2027-10-22T12:00"},
    )
    event = Event.objects.get()
    assert (_local(event.starts), _local(event.ends)) == ("2027-10-21T00:00", "2027-10-22T23:59")


@pytest.fixture
def webinar_with_three(db):
    now = timezone.now()
    event = Event.objects.create(
        title="Webbinarium om trygghet",
        kind="webinar",
        audience="public",
        starts=now + timedelta(days=5),
        ends=now + timedelta(days=5, hours=1),
        capacity=2,
        online_url="https://meet.example.org/trygghet",
    )
    event_questions_set(event=event, questions=[("Specialkost?", False)], actor="k")
    [question] = event.questions.all()
    for n, name in enumerate(["Anna Andersson", "Bo Berg", "Cecilia Ek"]):
        registration_create(
            event=event,
            name=name,
            email=f"p{n}@example.org",
            role="official",
            organisation_name='=HYPERLINK("x")' if n == 2 else "Luleå kommun",
            answers={question.pk: "Vegetarisk"} if n == 0 else {},
        )
    return event


def test_the_registrations_page_shows_status_and_position(coordinator_client, webinar_with_three):
    page = coordinator_client.get(f"/kansli/evenemang/{webinar_with_three.pk}/").content.decode()
    assert "Anna Andersson" in page and "Cecilia Ek" in page
    assert "nummer 1" in page
    assert "Vegetarisk" in page
    assert "2 av 2 tagna" in page


def test_cancel_and_move_up_from_the_registrations_page(
    coordinator_client, webinar_with_three, django_capture_on_commit_callbacks
):
    anna, bo, cecilia = webinar_with_three.registrations.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/kansli/evenemang/anmalningar/{anna.pk}/avboka/", follow=True
        )
    page = response.content.decode()
    assert "Cecilia Ek flyttades upp från reservlistan" in page
    assert Registration.objects.get(pk=cecilia.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
    again = coordinator_client.post(f"/kansli/evenemang/anmalningar/{anna.pk}/avboka/", follow=True)
    assert "redan avbokad" in again.content.decode()
    refused = coordinator_client.post(
        f"/kansli/evenemang/anmalningar/{bo.pk}/flytta-upp/", follow=True
    )
    assert "Bara den som står på reservlistan" in refused.content.decode()


def test_register_on_behalf(coordinator_client, webinar_with_three):
    url = f"/kansli/evenemang/{webinar_with_three.pk}/anmal/"
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {"name": "David Dahl", "email": "david@example.org", "role": "politician"},
        follow=True,
    )
    assert "David Dahl står som nummer 2 på reservlistan" in response.content.decode()
    registration = Registration.objects.get(email="david@example.org")
    assert registration.status == "waitlisted"
    duplicate = coordinator_client.post(
        url, {"name": "David Dahl", "email": "david@example.org", "role": "politician"}
    )
    assert duplicate.status_code == 400
    assert Registration.objects.filter(email="david@example.org").count() == 1


def test_the_venue_list_opens_as_xlsx_and_csv(coordinator_client, webinar_with_three):
    response = coordinator_client.get(f"/kansli/evenemang/{webinar_with_three.pk}/anmalningar.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:5] == ("Namn", "E-post", "Organisation", "Roll", "Status")
    assert rows[0][-1] == "Specialkost?"
    assert rows[1][0] == "Anna Andersson" and rows[1][-1] == "Vegetarisk"
    # A formula typed as an organisation is written as text.
    assert rows[3][2].startswith("'=")
    csv = coordinator_client.get(f"/kansli/evenemang/{webinar_with_three.pk}/anmalningar.csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("Anna Andersson;p0@example.org;Luleå kommun")


def test_e_mail_the_waiting(
    coordinator_client, webinar_with_three, django_capture_on_commit_callbacks
):
    url = f"/kansli/evenemang/{webinar_with_three.pk}/meddelande/"
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url, {"recipients": "waitlisted", "subject": "Reservlistan", "message": "Hej!"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
    refused = coordinator_client.post(url, {"recipients": "nobody", "subject": "", "message": ""})
    assert refused.status_code == 400


def test_copy_then_cancel(
    coordinator_client, webinar_with_three, django_capture_on_commit_callbacks
):
    starts = _local(webinar_with_three.starts + timedelta(days=7))
    response = coordinator_client.post(
        f"/kansli/evenemang/{webinar_with_three.pk}/kopiera/", {"starts": starts}
    )
    copy = Event.objects.exclude(pk=webinar_with_three.pk).get()
    assert response["Location"] == f"/kansli/evenemang/{copy.pk}/andra/"
    assert [q.text for q in copy.questions.all()] == ["Specialkost?"]
    edit = coordinator_client.get(response["Location"]).content.decode()
    assert "Specialkost?" in edit
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = coordinator_client.post(
            f"/kansli/evenemang/{webinar_with_three.pk}/stall-in/",
            {"message": "Vi återkommer med nytt datum."},
            follow=True,
        )
    assert "3 anmälda får besked" in cancelled.content.decode()
    assert len(mail.outbox) == 3
    assert Event.objects.get(pk=webinar_with_three.pk).cancelled


def test_the_secretariat_registers_after_the_deadline_but_not_after_the_event(
    coordinator_client, webinar_with_three
):
    from hcs.events.models import Event as EventModel

    now = timezone.now()
    EventModel.objects.filter(pk=webinar_with_three.pk).update(
        registration_deadline=now - timedelta(hours=1)
    )
    url = f"/kansli/evenemang/{webinar_with_three.pk}/anmal/"
    late = {"name": "Sen Anmälan", "email": "sen@example.org", "role": "official"}
    assert coordinator_client.post(url, late).status_code == 302
    EventModel.objects.filter(pk=webinar_with_three.pk).update(
        starts=now - timedelta(hours=3),
        ends=now - timedelta(hours=2),
        registration_deadline=now - timedelta(hours=4),
    )
    after = {"name": "Efter", "email": "efter@example.org", "role": "official"}
    response = coordinator_client.post(url, after)
    assert response.status_code == 400
    assert not Registration.objects.filter(email="efter@example.org").exists()
