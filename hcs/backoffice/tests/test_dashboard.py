"""Att göra: what needs attention, each with a count and a link, from the 2024 records."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hcs.backoffice.queries import events_without_attendance, todo
from hcs.events.models import Event
from hcs.events.services import attendance_mark, registration_create
from hcs.mail.models import OutgoingEmail


@pytest.fixture
def page(demo_2024, coordinator_client):
    def get():
        response = coordinator_client.get("/kansli/")
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_every_item_has_a_count_and_a_link(page):
    html = page()
    for text in (
        "medlemskap utan inträdesbeslut",
        "medlemmar utan politisk eller administrativ kontaktperson",
        "förfallna fakturor",
        "evenemang de kommande sex veckorna",
        "passerade evenemang utan närvaro",
        "e-postmeddelanden som misslyckats eller fastnat",
    ):
        assert text in html
    # The navigation reaches the events and the compliance view.
    assert 'href="/kansli/evenemang/"' in html
    assert 'href="/kansli/kriterier/"' in html


def test_a_coming_event_shows_with_its_registrations(page):
    now = timezone.now()
    event = Event.objects.create(
        title="Webbinarium om jämlik hälsa",
        kind="webinar",
        audience="public",
        starts=now + timedelta(days=3),
        ends=now + timedelta(days=3, hours=1),
        capacity=1,
    )
    for n in range(2):
        registration_create(event=event, name=f"P{n}", email=f"p{n}@example.org", role="official")
    html = page()
    assert "Webbinarium om jämlik hälsa" in html
    assert f'href="/kansli/evenemang/{event.pk}/"' in html


def test_a_past_event_leaves_the_attendance_list_once_attendance_is_marked(demo_2024):
    now = timezone.now()
    event = Event.objects.create(
        title="Workshop i Luleå",
        kind="workshop",
        audience="members",
        starts=now - timedelta(days=3, hours=2),
        ends=now - timedelta(days=3),
    )
    registration = registration_create(
        event=event, name="P", email="p@example.org", role="official", now=now - timedelta(days=4)
    ).registration
    assert event in events_without_attendance(now)
    attendance_mark(event=event, attended={registration.pk: True}, actor="k")
    assert event not in events_without_attendance(now)


def test_the_counts_follow_the_records(demo_2024, coordinator):
    now, today = timezone.now(), timezone.localdate()
    before = {item.key: item.count for item in todo(coordinator, today, now)}
    OutgoingEmail.objects.create(purpose="t", to="x@example.org", subject="x", state="failed")
    after = {item.key: item.count for item in todo(coordinator, today, now)}
    assert after["undelivered"] == before["undelivered"] + 1
    assert set(after) - {"unmet", "no_criteria"} == {
        "without_decision",
        "contact_gaps",
        "overdue",
        "upcoming",
        "attendance",
        "data_requests",
        "proposals",
        "undelivered",
    }
    # This year's criteria, or the task to set them.
    assert len(set(after) & {"unmet", "no_criteria"}) == 1


def test_a_year_without_criteria_asks_for_them(demo_2024, coordinator, settings):
    from datetime import date

    from hcs.criteria.models import Criterion

    today = date(2031, 1, 10)
    assert not Criterion.objects.filter(year=2031).exists()
    keys = {item.key for item in todo(coordinator, today, timezone.now())}
    assert "no_criteria" in keys and "unmet" not in keys
    keys = {item.key for item in todo(coordinator, date(2024, 12, 31), timezone.now())}
    assert "unmet" in keys


def test_staff_without_rights_see_no_items(demo_2024, staff_without_rights):
    assert todo(staff_without_rights, timezone.localdate(), timezone.now()) == []


def test_a_members_proposed_contact_waits_on_the_dashboard(demo_2024, coordinator_client):
    from hcs.contacts.models import ContactProposal
    from hcs.organisations.models import Organisation

    ContactProposal.objects.create(
        organisation=Organisation.objects.get(code="1280"),
        kind="administrative",
        name="Ny Person",
        email="ny@example.org",
        title="Strateg",
        start_date=timezone.localdate(),
    )
    page = coordinator_client.get("/kansli/").content.decode()
    assert "kontaktpersoner föreslagna av medlemmar" in page
    assert "/kansli/organisationer/1280/#forslag" in page
