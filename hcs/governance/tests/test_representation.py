"""The network's seats in other bodies over time, and the meetings its representatives attended."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from hcs.audit.models import AuditEntry
from hcs.governance.models import Representation, RepresentationMeeting
from hcs.governance.queries import representation_on, representations_during
from hcs.governance.services import (
    representation_delete,
    representation_meeting_save,
    representation_save,
)
from hcs.lib.dates import DatePrecision
from hcs.lib.errors import is_conflict

pytestmark = pytest.mark.django_db

Body = Representation.Body


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _seat(body=Body.WHO_ADVISORY_COMMITTEE, person="Johanna Linnarsson", **fields):
    fields = {"start_date": date(2022, 1, 1), "end_date": date(2024, 12, 31), **fields}
    return representation_save(
        representation=Representation(body=body, person_name=person, **fields), actor="test"
    )


def _meeting(seat, day, **fields):
    return representation_meeting_save(
        meeting=RepresentationMeeting(representation=seat, date=day, **fields), actor="test"
    )


def _state():
    return (
        list(Representation.objects.values_list("person_name", "start_date", "end_date")),
        RepresentationMeeting.objects.count(),
        AuditEntry.objects.count(),
    )


def test_a_seat_is_saved_with_an_audit_entry(coordinator):
    seat = representation_save(
        representation=Representation(
            body=Body.WHO_POLITICAL_COMMITTEE,
            person_name=" Fredrik Hansson ",
            role_description="nätverkets ordförande",
            start_date=date(2023, 1, 1),
            start_precision=DatePrecision.YEAR,
        ),
        actor=coordinator,
    )
    assert seat.person_name == "Fredrik Hansson"
    entry = AuditEntry.objects.get(content_type__model="representation")
    assert (entry.actor, entry.action) == (coordinator, AuditEntry.Action.CREATE)


def test_a_seat_ending_before_it_starts_is_refused_and_nothing_is_written():
    before = _state()
    with pytest.raises(ValidationError) as error:
        _seat(start_date=date(2024, 1, 1), end_date=date(2023, 12, 31))
    assert error.value.message_dict["end_date"] == [
        "The representation cannot end before it starts."
    ]
    assert _state() == before


def test_the_database_refuses_a_seat_ending_before_it_starts():
    seat = Representation(
        body=Body.OTHER,
        body_name="Folkhälsorådet",
        person_name="X",
        start_date=date(2024, 1, 1),
        end_date=date(2023, 1, 1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        seat.save()


def test_another_body_must_be_named():
    with pytest.raises(ValidationError) as error:
        _seat(body=Body.OTHER)
    assert error.value.message_dict["body_name"] == ["Name the body."]
    assert not Representation.objects.exists()


def test_one_persons_periods_in_the_same_body_cannot_overlap():
    _seat()
    before = _state()
    with pytest.raises(ValidationError) as error:
        _seat(start_date=date(2024, 6, 1), end_date=None)
    assert is_conflict(error.value)
    assert "Johanna Linnarsson already represents the network" in error.value.messages[0]
    assert _state() == before
    _seat(start_date=date(2025, 1, 1), end_date=None)  # the next period may follow


def test_a_meeting_outside_the_period_is_refused_and_nothing_is_written():
    seat = _seat()
    before = _state()
    with pytest.raises(ValidationError) as error:
        _meeting(seat, date(2025, 2, 1), digital=True)
    assert "falls outside the representation's period" in error.value.message_dict["date"][0]
    assert _state() == before


def test_shortening_a_seat_cannot_strand_its_meetings():
    seat = _seat()
    _meeting(seat, date(2024, 6, 1))
    seat.end_date = date(2023, 12, 31)
    with pytest.raises(ValidationError):
        representation_save(representation=seat, actor="test")
    seat.refresh_from_db()
    assert seat.end_date == date(2024, 12, 31)


def test_a_start_known_as_on_or_before_allows_earlier_meetings():
    seat = _seat(
        body=Body.NORDIC_COORDINATORS,
        start_date=date(2024, 1, 1),
        start_precision=DatePrecision.ON_OR_BEFORE,
        end_date=None,
    )
    assert _meeting(seat, date(2023, 9, 1), digital=True).pk


def test_deleting_a_seat_deletes_its_meetings_with_audit_entries():
    seat = _seat()
    _meeting(seat, date(2024, 6, 1))
    representation_delete(representation=seat, actor="test")
    assert not RepresentationMeeting.objects.exists()
    deleted = AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count()
    assert deleted == 2


# The demo: the annual report 2024 ------------------------------------------------------------


def test_on_1_june_2024_fredrik_hansson_held_the_who_political_committee_seat(demo):
    seats = representation_on(date(2024, 6, 1))
    political = [s for s in seats if s.body == Body.WHO_POLITICAL_COMMITTEE]
    assert [s.person_name for s in political] == ["Fredrik Hansson"]
    assert political[0].start_precision == DatePrecision.YEAR
    assert political[0].end_date is None
    assert seats[0].body == Body.WHO_POLITICAL_COMMITTEE  # WHO's committees first


def test_the_advisory_committee_had_four_meetings_in_2024_one_in_copenhagen(demo):
    advisory = next(
        s for s in representations_during(2024) if s.body == Body.WHO_ADVISORY_COMMITTEE
    )
    assert advisory.person_name == "Johanna Linnarsson"
    assert len(advisory.meetings_in_year) == 4
    assert sum(m.digital for m in advisory.meetings_in_year) == 3
    (physical,) = [m for m in advisory.meetings_in_year if not m.digital]
    assert "Köpenhamn" in physical.place
    assert all(m.date_precision == DatePrecision.MONTH for m in advisory.meetings_in_year)
    assert all("Placeholder" in m.note for m in advisory.meetings_in_year)


def test_the_advisory_committee_seat_ended_with_2024(demo):
    assert any(s.body == Body.WHO_ADVISORY_COMMITTEE for s in representation_on(date(2022, 5, 1)))
    bodies = {s.body for s in representation_on(date(2025, 1, 1))}
    assert Body.WHO_ADVISORY_COMMITTEE not in bodies
    assert bodies == {Body.WHO_POLITICAL_COMMITTEE, Body.NORDIC_COORDINATORS}


def test_the_nordic_seminar_of_12_september_2024_was_attended(demo):
    nordic = next(s for s in representations_during(2024) if s.body == Body.NORDIC_COORDINATORS)
    assert [(m.date, m.digital) for m in nordic.meetings_in_year] == [(date(2024, 9, 12), True)]


def test_representations_during_a_year_take_two_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(2):
        seats = representations_during(2024)
        assert sum(len(s.meetings_in_year) for s in seats) == 5
