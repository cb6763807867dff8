"""Groups and participants: closing keeps the history, refused writes change nothing, GDPR."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from hcs.audit.models import AuditEntry
from hcs.events.models import Event
from hcs.groups.models import Group, GroupParticipant
from hcs.groups.queries import group_members_on, groups_active_on, organisations_in_group
from hcs.groups.services import (
    event_group_set,
    group_close,
    group_create,
    group_delete,
    group_save,
    participant_add,
    participant_leave,
    participations_erase,
    participations_export,
)
from hcs.lib.errors import is_conflict
from hcs.lib.gdpr import ERASED, PersonMatch
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _by_address(email: str) -> PersonMatch:
    return PersonMatch(name="", email=email, organisation_id=None)


@pytest.fixture(autouse=True)
def _english():
    # The messages are checked by their English msgids; the Swedish ones come from locale/sv.
    with translation.override("en"):
        yield


@pytest.fixture
def lulea(db):
    return Organisation.objects.create(
        code="2580", name="Luleå", kind="municipality", county_code="25"
    )


@pytest.fixture
def falun(db):
    return Organisation.objects.create(
        code="2080", name="Falun", kind="municipality", county_code="20"
    )


@pytest.fixture
def theme(db):
    return group_create(
        kind=Group.Kind.THEME,
        name="Delaktighet och inflytande",
        start_date=date(2024, 1, 1),
        actor="test",
    )


def _join(group, organisation, name="Anna Exempelsson", email="anna@example.org", **fields):
    fields.setdefault("start_date", date(2024, 2, 1))
    return participant_add(
        group=group,
        person_name=name,
        email=email,
        organisation=organisation,
        role=GroupParticipant.Role.OFFICIAL,
        actor="test",
        **fields,
    )


def _state():
    return (
        list(Group.objects.order_by("pk").values_list("name", "start_date", "end_date")),
        list(
            GroupParticipant.objects.order_by("pk").values_list(
                "person_name", "email", "start_date", "end_date"
            )
        ),
        AuditEntry.objects.count(),
    )


def test_closing_a_group_keeps_its_history_and_ends_its_participations(theme, lulea, falun):
    left = _join(theme, lulea, end_date=date(2024, 5, 31))
    staying = _join(theme, falun, name="Erik Demodotter", email="erik@example.org")
    group_close(group=theme, on=date(2024, 12, 31), actor="test")

    theme.refresh_from_db()
    assert theme.end_date == date(2024, 12, 31)
    assert GroupParticipant.objects.filter(group=theme).count() == 2
    left.refresh_from_db()
    staying.refresh_from_db()
    assert left.end_date == date(2024, 5, 31)  # who had left keeps the day they left
    assert staying.end_date == date(2024, 12, 31)
    assert [p.person_name for p in group_members_on(theme, date(2024, 6, 1))] == ["Erik Demodotter"]
    assert group_members_on(theme, date(2025, 1, 1)) == []
    assert theme not in groups_active_on(date(2025, 1, 1))
    assert theme in groups_active_on(date(2024, 12, 31))
    messages = set(
        AuditEntry.objects.filter(content_type__app_label="groups").values_list(
            "message", flat=True
        )
    )
    assert {"Group closed", "Participation ended: the group closed"} <= messages


def test_closing_before_the_start_is_refused_and_nothing_changes(theme, lulea):
    _join(theme, lulea)
    before = _state()
    with pytest.raises(ValidationError) as error:
        group_close(group=theme, on=date(2023, 12, 31), actor="test")
    assert "before it starts" in error.value.messages[0]
    assert _state() == before


def test_closing_a_group_twice_is_refused(theme):
    group_close(group=theme, on=date(2024, 12, 31), actor="test")
    before = _state()
    with pytest.raises(ValidationError) as error:
        group_close(group=theme, on=date(2025, 6, 30), actor="test")
    assert is_conflict(error.value)
    assert "already closed" in error.value.messages[0]
    assert _state() == before


def test_closing_before_a_participation_starts_is_refused(theme, lulea):
    _join(theme, lulea, start_date=date(2024, 9, 1))
    before = _state()
    with pytest.raises(ValidationError):
        group_close(group=theme, on=date(2024, 6, 30), actor="test")
    assert _state() == before


def test_a_second_open_strategic_group_is_refused_and_nothing_changes(db):
    group_create(
        kind=Group.Kind.STRATEGIC,
        name="Strategiska gruppen",
        start_date=date(2024, 1, 1),
        actor="test",
    )
    before = _state()
    with pytest.raises(ValidationError) as error:
        group_create(
            kind=Group.Kind.STRATEGIC, name="Nya", start_date=date(2025, 1, 1), actor="test"
        )
    assert is_conflict(error.value)
    assert "one strategic group at a time" in error.value.messages[0]
    assert "Strategiska gruppen" in error.value.messages[0]
    assert _state() == before


def test_a_new_strategic_group_may_follow_a_closed_one(db):
    old = group_create(
        kind=Group.Kind.STRATEGIC, name="Gamla", start_date=date(2020, 1, 1), actor="test"
    )
    group_close(group=old, on=date(2024, 12, 31), actor="test")
    group_create(kind=Group.Kind.STRATEGIC, name="Nya", start_date=date(2025, 1, 1), actor="test")
    assert [g.name for g in groups_active_on(date(2025, 1, 1))] == ["Nya"]


def test_the_database_refuses_a_second_open_strategic_group(db):
    Group.objects.create(kind="strategic", name="A", start_date=date(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(kind="strategic", name="B", start_date=date(2025, 1, 1))


def test_the_database_refuses_a_group_closing_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(
            kind="theme", name="A", start_date=date(2024, 1, 1), end_date=date(2023, 1, 1)
        )


def test_a_duplicate_open_participation_is_refused_and_nothing_changes(theme, lulea):
    _join(theme, lulea)
    before = _state()
    with pytest.raises(ValidationError) as error:
        _join(theme, lulea, email=" Anna@Example.org ", start_date=date(2024, 6, 1))
    assert is_conflict(error.value)
    assert "cannot overlap" in error.value.messages[0]
    assert _state() == before


def test_the_database_refuses_a_duplicate_open_participation(theme, lulea):
    _join(theme, lulea)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupParticipant.objects.create(
            group=theme,
            person_name="Anna",
            email="anna@example.org",
            organisation=lulea,
            role="official",
            start_date=date(2024, 3, 1),
        )


def test_a_person_may_rejoin_after_leaving(theme, lulea):
    first = _join(theme, lulea)
    participant_leave(participant=first, on=date(2024, 3, 31), actor="test")
    _join(theme, lulea, start_date=date(2024, 9, 1))
    assert theme.participants.count() == 2


def test_leaving_twice_is_refused(theme, lulea):
    participant = _join(theme, lulea)
    participant_leave(participant=participant, on=date(2024, 3, 31), actor="test")
    with pytest.raises(ValidationError) as error:
        participant_leave(participant=participant, on=date(2024, 4, 30), actor="test")
    assert is_conflict(error.value)


def test_leaving_before_joining_is_refused(theme, lulea):
    participant = _join(theme, lulea)
    with pytest.raises(ValidationError) as error:
        participant_leave(participant=participant, on=date(2024, 1, 15), actor="test")
    assert "end_date" in error.value.message_dict
    participant.refresh_from_db()
    assert participant.end_date is None


def test_a_participation_cannot_start_before_the_group(theme, lulea):
    with pytest.raises(ValidationError) as error:
        _join(theme, lulea, start_date=date(2023, 6, 1))
    assert "start_date" in error.value.message_dict
    assert not GroupParticipant.objects.exists()


def test_a_participant_names_one_organisation(theme, lulea):
    with pytest.raises(ValidationError):
        _join(theme, lulea, organisation_name="Folkhälsomyndigheten")
    with pytest.raises(ValidationError):
        _join(theme, None)
    guest = _join(theme, None, organisation_name="Folkhälsomyndigheten")
    assert guest.organisation_label == "Folkhälsomyndigheten"


def test_organisations_in_a_group_on_a_day(theme, lulea, falun):
    _join(theme, lulea)
    _join(theme, lulea, name="Erik", email="erik@example.org")
    _join(theme, falun, name="Maria", email="maria@example.org", start_date=date(2024, 9, 1))
    assert organisations_in_group(theme, date(2024, 6, 1)) == [lulea]
    assert organisations_in_group(theme, date(2024, 10, 1)) == [falun, lulea]


def test_a_group_with_a_history_cannot_be_deleted(theme, lulea):
    _join(theme, lulea)
    with pytest.raises(ValidationError) as error:
        group_delete(group=theme, actor="test")
    assert "close it instead" in error.value.messages[0]
    assert Group.objects.filter(pk=theme.pk).exists()


def test_moving_the_start_after_a_participation_is_refused(theme, lulea):
    _join(theme, lulea)
    theme.start_date = date(2024, 3, 1)
    with pytest.raises(ValidationError):
        group_save(group=theme, actor="test")
    theme.refresh_from_db()
    assert theme.start_date == date(2024, 1, 1)


def test_export_lists_a_persons_participations(theme, lulea):
    other = group_create(kind="working", name="IOP-avtal", start_date=date(2024, 1, 1), actor="t")
    first = _join(theme, lulea)
    participant_leave(participant=first, on=date(2024, 6, 30), actor="test")
    _join(other, lulea, start_date=date(2024, 9, 1))
    _join(other, lulea, name="Erik", email="erik@example.org")
    assert participations_export(_by_address("ANNA@example.org ")) == [
        {
            "group": "Delaktighet och inflytande",
            "name": "Anna Exempelsson",
            "organisation": "Luleå",
            "role": "official",
            "from": "2024-02-01",
            "to": "2024-06-30",
        },
        {
            "group": "IOP-avtal",
            "name": "Anna Exempelsson",
            "organisation": "Luleå",
            "role": "official",
            "from": "2024-09-01",
            "to": "",
        },
    ]
    assert participations_export(_by_address("")) == []


def test_erasure_blanks_the_person_and_keeps_the_groups_history(theme, lulea, coordinator):
    anna = _join(theme, lulea)
    erik = _join(theme, lulea, name="Erik Demodotter", email="erik@example.org")
    assert participations_erase(_by_address("anna@example.org"), actor=coordinator) == 1

    anna.refresh_from_db()
    assert (anna.person_name, anna.email) == (ERASED, "")
    assert (anna.organisation, anna.role, anna.start_date, anna.end_date) == (
        lulea,
        "official",
        date(2024, 2, 1),
        None,
    )
    assert len(group_members_on(theme, date(2024, 6, 1))) == 2  # still countable
    erik.refresh_from_db()
    assert erik.person_name == "Erik Demodotter"

    trail = AuditEntry.objects.filter(
        content_type__model="groupparticipant", object_id=str(anna.pk)
    )
    assert trail.filter(action="erase", actor=coordinator).exists()
    text = str(list(trail.values_list("object_repr", "changes")))
    assert "Anna" not in text and "anna@example.org" not in text
    assert participations_export(_by_address("anna@example.org")) == []


def test_an_erasure_dry_run_changes_nothing(theme, lulea):
    _join(theme, lulea)
    before = _state()
    assert participations_erase(_by_address("anna@example.org"), actor="test", dry_run=True) == 1
    assert _state() == before


def test_an_event_is_linked_only_to_a_group_active_on_its_day(theme):
    def event(day):
        moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        return Event.objects.create(title="Webbinarium", kind="webinar", starts=moment, ends=moment)

    with pytest.raises(ValidationError):
        event_group_set(event=event(date(2023, 12, 1)), group=theme, actor="test")
    linked = event_group_set(event=event(date(2024, 4, 12)), group=theme, actor="test")
    assert linked.group == theme
    assert AuditEntry.objects.filter(
        content_type__model="event", object_id=str(linked.pk), changes__group__1=theme.name
    ).exists()
