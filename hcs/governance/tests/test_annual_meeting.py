"""The annual meeting's numbered decisions, its link to the calendar, and who attended."""

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hcs.audit.models import AuditEntry
from hcs.events.models import Event, Registration
from hcs.governance.demo import link_meetings_to_events, load_governance_demo
from hcs.governance.models import AnnualMeeting, AnnualMeetingDecision
from hcs.governance.queries import annual_meeting_attendance
from hcs.governance.services import (
    annual_meeting_decision_add,
    annual_meeting_decision_save,
    annual_meeting_delete,
    annual_meeting_save,
)
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db

Kind = AnnualMeetingDecision.Kind


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def meeting(db):
    return annual_meeting_save(
        meeting=AnnualMeeting(date=date(2024, 3, 14), place="Norrköping"), actor="test"
    )


def _event(day, kind=Event.Kind.ANNUAL_MEETING, title="Årsmöte"):
    start = timezone.make_aware(datetime.combine(day, time(9, 0)))
    return Event.objects.create(title=title, kind=kind, starts=start, ends=start.replace(hour=16))


def test_decisions_are_numbered_from_one_per_meeting(meeting):
    first = annual_meeting_decision_add(
        meeting=meeting, kind=Kind.ELECTION, title="Val av ordförande", actor="test"
    )
    second = annual_meeting_decision_add(
        meeting=meeting, kind=Kind.ANNUAL_PLAN_AND_BUDGET, title="Budget", actor="test"
    )
    other = annual_meeting_save(meeting=AnnualMeeting(date=date(2025, 3, 13)), actor="test")
    third = annual_meeting_decision_add(
        meeting=other, kind=Kind.FEES, title="Ny avgiftsmodell", actor="test"
    )
    assert (first.number, second.number, third.number) == (1, 2, 1)
    assert str(second) == "§ 2 Budget"
    assert AuditEntry.objects.filter(content_type__model="annualmeetingdecision").count() == 3


def test_a_number_used_twice_in_one_meeting_is_refused_and_nothing_changes(meeting):
    annual_meeting_decision_add(meeting=meeting, kind=Kind.OTHER, title="Opening", actor="test")
    second = annual_meeting_decision_add(
        meeting=meeting, kind=Kind.OTHER, title="Strategy", actor="test"
    )
    before = (
        list(AnnualMeetingDecision.objects.values_list("number", "title")),
        AuditEntry.objects.count(),
    )
    with pytest.raises(ValidationError) as error:
        annual_meeting_decision_save(
            decision=AnnualMeetingDecision(meeting=meeting, number=1, title="Again"), actor="test"
        )
    assert "already has a decision with this number" in error.value.messages[0]
    second.number = 1  # renumbering onto § 1 is refused too
    with pytest.raises(ValidationError):
        annual_meeting_decision_save(decision=second, actor="test")
    after = (
        list(AnnualMeetingDecision.objects.values_list("number", "title")),
        AuditEntry.objects.count(),
    )
    assert after == before


def test_deleting_a_meeting_deletes_its_decisions_with_audit_entries(meeting):
    annual_meeting_decision_add(meeting=meeting, kind=Kind.OTHER, title="Opening", actor="test")
    annual_meeting_delete(meeting=meeting, actor="test")
    assert not AnnualMeetingDecision.objects.exists()
    deleted = AuditEntry.objects.filter(action=AuditEntry.Action.DELETE)
    assert {e.content_type.model for e in deleted} == {"annualmeeting", "annualmeetingdecision"}


def test_the_2024_annual_meeting_re_elected_the_chair_and_elected_hakan_eriksson(demo):
    meeting = AnnualMeeting.objects.get(date=date(2024, 3, 14))
    decisions = list(meeting.decisions.all())
    assert [d.number for d in decisions] == [1, 2, 3, 4, 5, 6]
    elections = [d.text for d in decisions if d.kind == Kind.ELECTION]
    assert len(elections) == 2
    assert "Fredrik Hansson" in elections[0]
    assert "Håkan Eriksson" in elections[1]


def test_the_2024_budget_decision_says_the_report_does_not_state_it(demo):
    decision = AnnualMeetingDecision.objects.get(kind=Kind.ANNUAL_PLAN_AND_BUDGET)
    assert "Not stated in the annual report 2024" in decision.note
    assert "bylaws" in decision.note


def test_the_new_fee_model_was_presented_in_2024_not_decided(demo):
    decision = AnnualMeetingDecision.objects.get(title__contains="fördelningsmodell")
    assert decision.kind == Kind.OTHER
    assert "2025" in decision.text
    assert not AnnualMeetingDecision.objects.filter(kind=Kind.FEES).exists()


def test_link_meetings_to_events_links_the_2024_annual_meeting_once(demo):
    AnnualMeeting.objects.update(event=None)  # whatever the loader did, start unlinked
    assert link_meetings_to_events() == 1
    meeting = AnnualMeeting.objects.get(date=date(2024, 3, 14))
    assert meeting.event.kind == Event.Kind.ANNUAL_MEETING
    assert timezone.localtime(meeting.event.starts).date() == date(2024, 3, 14)
    assert link_meetings_to_events() == 0
    assert load_governance_demo()["annual_meetings"] == 0


def test_only_an_annual_meeting_event_on_the_day_is_linked(meeting):
    _event(date(2024, 3, 14), kind=Event.Kind.ANNUAL_CONFERENCE, title="Årskonferens")
    _event(date(2024, 3, 15))
    assert link_meetings_to_events() == 0
    event = _event(date(2024, 3, 14))
    assert link_meetings_to_events() == 1
    meeting.refresh_from_db()
    assert meeting.event == event
    assert event.annual_meeting == meeting


def test_deleting_the_event_keeps_the_meeting(meeting):
    meeting.event = _event(date(2024, 3, 14))
    annual_meeting_save(meeting=meeting, actor="test")
    meeting.event.delete()
    meeting.refresh_from_db()
    assert meeting.event is None


def test_a_board_meeting_event_cannot_be_an_annual_meeting(meeting):
    meeting.event = _event(date(2024, 3, 14), kind=Event.Kind.BOARD_MEETING)
    with pytest.raises(ValidationError) as error:
        annual_meeting_save(meeting=meeting, actor="test")
    assert "event" in error.value.message_dict
    assert AnnualMeeting.objects.get().event is None


def _organisation(code, name):
    return Organisation.objects.create(
        code=code, name=name, kind="municipality", county_code=code[:2]
    )


def test_attendance_counts_only_those_who_attended_per_member_and_role(
    meeting, django_assert_num_queries
):
    lulea, boras = _organisation("2580", "Luleå"), _organisation("1490", "Borås")
    meeting.event = _event(date(2024, 3, 14))
    annual_meeting_save(meeting=meeting, actor="test")
    other_event = _event(date(2024, 3, 15), kind=Event.Kind.SEMINAR, title="Seminarium")

    def registration(organisation, role, attended, event=meeting.event):
        Registration.objects.create(
            event=event,
            name="Deltagare",
            email=f"{Registration.objects.count()}@example.org",
            organisation=organisation,
            role=role,
            status=Registration.Status.CONFIRMED,
            attended=attended,
        )

    role = Registration.Role
    registration(lulea, role.POLITICIAN, True)
    registration(lulea, role.OFFICIAL, True)
    registration(lulea, role.OFFICIAL, True)
    registration(lulea, role.POLITICIAN, False)  # registered, did not come
    registration(lulea, role.POLITICIAN, None)  # attendance not yet taken
    registration(boras, role.OFFICIAL, True)
    registration(boras, role.POLITICIAN, True, event=other_event)  # another event
    registration(boras, role.EXTERNAL, True)  # a guest, not a member's representative
    registration(None, role.POLITICIAN, True)  # no member organisation

    with django_assert_num_queries(1):
        attendance = annual_meeting_attendance(meeting)
    assert attendance == {
        lulea.pk: {"politician": 1, "official": 2},
        boras.pk: {"politician": 0, "official": 1},
    }


def test_a_meeting_without_an_event_has_no_recorded_attendance(meeting):
    assert annual_meeting_attendance(meeting) == {}
