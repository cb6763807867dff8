"""Starting, ending and correcting memberships, and that a refused write changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from hcs.audit.models import AuditEntry
from hcs.lib.errors import is_conflict
from hcs.lib.periods import periods_overlap
from hcs.memberships.models import Membership
from hcs.memberships.services import (
    DecisionData,
    membership_delete,
    membership_end,
    membership_save,
    membership_start,
)
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def huddinge(db):
    return Organisation.objects.create(
        code="0126", name="Huddinge", kind="municipality", county_code="01"
    )


def _decision(day, body="Kommunstyrelsen"):
    return DecisionData(body=body, date=day, paragraph="§ 12", registry_number="KS-2008/1.1")


def _start(organisation, day, decision_day=None, actor="test"):
    return membership_start(
        organisation=organisation,
        start_date=day,
        decision=_decision(decision_day or day),
        actor=actor,
    )


def _state():
    return (
        list(Membership.objects.values_list("start_date", "end_date", "exit_decision_date")),
        AuditEntry.objects.count(),
    )


def test_starting_a_membership_records_the_decision_and_an_audit_entry(huddinge, coordinator):
    membership = _start(huddinge, date(2008, 10, 20), actor=coordinator)
    assert membership.join_decision.body == "Kommunstyrelsen"
    assert membership.join_decision.paragraph == "§ 12"
    entry = AuditEntry.objects.get(object_id=str(membership.pk))
    assert entry.actor == coordinator
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.changes["start_date"] == [None, "2008-10-20"]


def test_an_overlapping_membership_is_refused_and_nothing_changes(huddinge):
    _start(huddinge, date(2008, 10, 20))
    before = _state()
    with pytest.raises(ValidationError) as refused:
        _start(huddinge, date(2015, 1, 1))
    assert is_conflict(refused.value)
    assert "Huddinge" in refused.value.messages[0]
    assert _state() == before


def test_a_joining_decision_after_the_start_is_refused(huddinge):
    with pytest.raises(ValidationError) as refused:
        _start(huddinge, date(2008, 10, 20), decision_day=date(2008, 10, 21))
    assert "join_decision_date" in refused.value.message_dict
    assert not is_conflict(refused.value)
    assert _state() == ([], 0)


def test_a_decision_needs_the_body_that_made_it(huddinge):
    with pytest.raises(ValidationError) as refused:
        membership_start(
            organisation=huddinge,
            start_date=date(2008, 10, 20),
            decision=_decision(date(2008, 10, 20), body="  "),
            actor="test",
        )
    assert "join_decision_body" in refused.value.message_dict
    assert _state() == ([], 0)


def test_ending_a_membership_with_the_exit_decision(huddinge):
    membership = _start(huddinge, date(2008, 10, 20))
    ended = membership_end(
        membership=membership,
        end_date=date(2023, 12, 31),
        end_precision="year",
        decision=DecisionData(
            body="Kommunstyrelsens arbetsutskott",
            date=date(2023, 4, 26),
            paragraph="§ 9",
            registry_number="KS-2022/2516.10",
        ),
        actor="test",
    )
    assert ended.end_date == date(2023, 12, 31)
    assert ended.exit_decision.registry_number == "KS-2022/2516.10"
    assert ended.is_active_on(date(2015, 1, 1))
    assert not ended.is_active_on(date(2024, 6, 1))
    assert ended.is_approximate


def test_an_exit_decision_after_the_end_is_refused(huddinge):
    membership = _start(huddinge, date(2008, 10, 20))
    before = _state()
    with pytest.raises(ValidationError) as refused:
        membership_end(
            membership=membership,
            end_date=date(2023, 4, 1),
            decision=_decision(date(2023, 4, 26)),
            actor="test",
        )
    assert "exit_decision_date" in refused.value.message_dict
    assert _state() == before


def test_a_membership_cannot_end_before_it_starts(huddinge):
    membership = _start(huddinge, date(2008, 10, 20))
    before = _state()
    with pytest.raises(ValidationError) as refused:
        membership_end(
            membership=membership,
            end_date=date(2008, 1, 1),
            decision=_decision(date(2008, 1, 1)),
            actor="test",
        )
    assert "end_date" in refused.value.message_dict
    assert _state() == before


def test_a_membership_cannot_be_ended_twice(huddinge):
    membership = _start(huddinge, date(2008, 10, 20))
    membership_end(membership=membership, end_date=date(2023, 12, 31), decision=None, actor="test")
    before = _state()
    with pytest.raises(ValidationError) as refused:
        membership_end(
            membership=membership, end_date=date(2024, 12, 31), decision=None, actor="test"
        )
    assert is_conflict(refused.value)
    assert _state() == before


def test_an_organisation_can_leave_and_rejoin(huddinge):
    first = _start(huddinge, date(2008, 10, 20))
    membership_end(membership=first, end_date=date(2023, 12, 31), decision=None, actor="test")
    again = _start(huddinge, date(2026, 1, 1), decision_day=date(2025, 11, 3))
    assert list(huddinge.memberships.order_by("start_date")) == [first, again]


def test_rejoining_inside_an_ended_period_is_refused(huddinge):
    first = _start(huddinge, date(2008, 10, 20))
    membership_end(membership=first, end_date=date(2023, 12, 31), decision=None, actor="test")
    with pytest.raises(ValidationError) as refused:
        _start(huddinge, date(2023, 12, 31))
    assert is_conflict(refused.value)


def test_correcting_a_period_is_audited_with_before_and_after(huddinge, coordinator):
    membership = _start(huddinge, date(2008, 10, 20))
    membership.note = "Startdatum enligt protokoll"
    membership_save(membership=membership, actor=coordinator)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).get()
    assert entry.changes == {"note": ["", "Startdatum enligt protokoll"]}
    assert entry.actor_name == "kansli"


def test_deleting_a_mistaken_period_keeps_its_values_in_the_audit_trail(huddinge):
    membership = _start(huddinge, date(2008, 10, 20))
    pk = membership.pk
    membership_delete(membership=membership, actor="test")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE, object_id=str(pk))
    assert entry.changes["start_date"] == ["2008-10-20", None]
    assert not Membership.objects.exists()


starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
lengths = st.one_of(st.none(), st.integers(min_value=0, max_value=4000))


class StoredPeriodsNeverOverlap(HypothesisTestCase):
    """Whatever the coordinator tries, in any order, the stored periods never overlap."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(starts, lengths), min_size=1, max_size=8))
    def test_stored_periods_never_overlap(self, attempts):
        organisation = Organisation.objects.create(
            code="1280", name="Malmö", kind="municipality", county_code="12"
        )
        for start, length in attempts:
            end = None if length is None else start + timedelta(days=length)
            stored = list(Membership.objects.values_list("start_date", "end_date"))
            clashes = any(periods_overlap(start, end, s, e) for s, e in stored)
            try:
                membership_save(
                    membership=Membership(
                        organisation=organisation, start_date=start, end_date=end
                    ),
                    actor="hypothesis",
                )
                accepted = True
            except ValidationError as error:
                accepted = False
                assert is_conflict(error)
            assert accepted == (not clashes)
        periods = list(Membership.objects.values_list("start_date", "end_date"))
        for i, (s1, e1) in enumerate(periods):
            for s2, e2 in periods[i + 1 :]:
                assert not periods_overlap(s1, e1, s2, e2)
        assert AuditEntry.objects.count() == len(periods)
