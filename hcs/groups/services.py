"""Writes to the network's groups and their participants, and the GDPR helpers for participants.

Every function validates fully before writing and runs in one transaction with its audit entry:
a refused write raises ValidationError and changes nothing. Codes "overlap", "already_ended" and
"conflict" mean a conflict with stored data (HTTP 409 in an API).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hcs.audit.models import AuditEntry
from hcs.audit.services import (
    REDACTED,
    audit_record,
    audit_redact,
    delete_audited,
    save_audited,
)
from hcs.events.models import Event
from hcs.groups.models import Group, GroupParticipant
from hcs.lib.dates import DatePrecision, format_date
from hcs.lib.gdpr import ERASED, PersonMatch
from hcs.lib.periods import periods_overlap
from hcs.organisations.models import Organisation

# What an erased participant is called; organisation, role and dates stay.
PERSONAL_FIELDS = ("person_name", "email")


def _end_error(field: str, message: str, code: str = "end_before_start") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


# Groups ------------------------------------------------------------------------------------


def _lock_groups() -> None:
    """Serialise writes of groups, so that the strategic group's overlap check cannot race.

    PostgreSQL: a table lock that lets readers through but queues other writers (groups change
    a few times a year); the partial unique index on open strategic groups is the last line.
    SQLite: the write transaction holds the database file's lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Group._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def _period(start: date, start_precision: str, end: date | None, end_precision: str) -> dict:
    return {
        "start": format_date(start, start_precision),
        "end": format_date(end, end_precision) or _("today"),
    }


def group_check(group: Group) -> None:
    """Raise ValidationError if `group` (saved or not) breaks a rule of the groups."""
    if group.end_date is not None and group.end_date < group.start_date:
        raise _end_error("end_date", _("A group cannot close before it starts."))
    if group.kind == Group.Kind.STRATEGIC:
        others = Group.objects.filter(kind=Group.Kind.STRATEGIC).exclude(pk=group.pk)
        for other in others.order_by("start_date"):
            if periods_overlap(group.start_date, group.end_date, other.start_date, other.end_date):
                raise ValidationError(
                    _(
                        "%(name)s is the strategic group from %(start)s to %(end)s; "
                        "the network has one strategic group at a time."
                    ),
                    code="overlap",
                    params={
                        "name": other.name,
                        **_period(
                            other.start_date,
                            other.start_precision,
                            other.end_date,
                            other.end_precision,
                        ),
                    },
                )
    if group.pk is None:
        return
    participants = group.participants.all()
    early = participants.filter(start_date__lt=group.start_date).count()
    if early:
        raise ValidationError(
            ngettext(
                "%(count)d participation starts before %(start)s; "
                "correct it before moving the group's start.",
                "%(count)d participations start before %(start)s; "
                "correct them before moving the group's start.",
                early,
            ),
            code="conflict",
            params={"count": early, "start": format_date(group.start_date)},
        )
    stored_end = Group.objects.filter(pk=group.pk).values_list("end_date", flat=True).first()
    if group.end_date is not None and stored_end is not None:
        # A correction of the closing day: the participations must still fit in the group.
        late = participants.filter(end_date__gt=group.end_date).count()
        late += participants.filter(end_date__isnull=True).count()
        if late:
            raise ValidationError(
                ngettext(
                    "%(count)d participation goes on after %(end)s; "
                    "correct it before moving the group's closing day.",
                    "%(count)d participations go on after %(end)s; "
                    "correct them before moving the group's closing day.",
                    late,
                ),
                code="conflict",
                params={"count": late, "end": format_date(group.end_date)},
            )
    if group.end_date is not None:
        after = participants.filter(start_date__gt=group.end_date).count()
        if after:
            raise ValidationError(
                ngettext(
                    "%(count)d participation starts after %(end)s; "
                    "the group cannot close before it starts.",
                    "%(count)d participations start after %(end)s; "
                    "the group cannot close before they start.",
                    after,
                ),
                code="conflict",
                params={"count": after, "end": format_date(group.end_date)},
            )


def _end_participations(*, group: Group, on: date, actor) -> int:
    """End on `on` every participation still going on after it (the group closes that day)."""
    ended = 0
    going_on = Q(end_date__isnull=True) | Q(end_date__gt=on)
    for participant in group.participants.select_for_update().filter(going_on):
        participant.end_date = on
        save_audited(
            obj=participant,
            actor=actor,
            message="Participation ended: the group closed",
            conflict_message=_("The participation could not be ended."),
        )
        ended += 1
    return ended


def group_save(*, group: Group, actor, message: str = "") -> Group:
    """Create or correct a group given as an instance (the admin, the demo loader).

    Saving an open group with an end date closes it, as `group_close` does: its open
    participations end on that day.
    """
    group.name = group.name.strip()
    with transaction.atomic():
        _lock_groups()
        stored = Group.objects.select_for_update().filter(pk=group.pk).first() if group.pk else None
        group_check(group)
        closing = stored is not None and stored.end_date is None and group.end_date is not None
        save_audited(
            obj=group,
            actor=actor,
            message=message or ("Group closed" if closing else "Group saved"),
            conflict_message=_("The network already has an open strategic group."),
        )
        if closing:
            assert group.end_date is not None  # `closing` says it is set
            _end_participations(group=group, on=group.end_date, actor=actor)
    return group


def group_create(
    *,
    kind: str,
    name: str,
    start_date: date,
    actor,
    purpose: str = "",
    start_precision: str = DatePrecision.DAY,
    end_date: date | None = None,
    end_precision: str = DatePrecision.DAY,
    note: str = "",
) -> Group:
    group = Group(
        kind=kind,
        name=name,
        purpose=purpose,
        start_date=start_date,
        start_precision=start_precision,
        end_date=end_date,
        end_precision=end_precision,
        note=note,
    )
    return group_save(group=group, actor=actor, message="Group created")


def group_close(*, group: Group, on: date, actor, end_precision: str = DatePrecision.DAY) -> Group:
    """Close `group` on `on`, its last day; its open participations end on the same day.

    The group and its participations stay: closing keeps the history.
    """
    with transaction.atomic():
        _lock_groups()
        group = Group.objects.select_for_update().get(pk=group.pk)
        if group.end_date is not None:
            raise ValidationError(
                _("%(name)s was already closed on %(end)s."),
                code="already_ended",
                params={
                    "name": group.name,
                    "end": format_date(group.end_date, group.end_precision),
                },
            )
        if on < group.start_date:
            raise _end_error(
                "end_date",
                _("%(name)s cannot close on %(end)s, before it starts (%(start)s).")
                % {
                    "name": group.name,
                    "end": format_date(on),
                    "start": format_date(group.start_date, group.start_precision),
                },
            )
        group.end_date = on
        group.end_precision = end_precision
        return group_save(group=group, actor=actor, message="Group closed")


def group_delete(*, group: Group, actor) -> None:
    """Remove a group entered by mistake. A group with a history is closed, never deleted."""
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=group.pk)
        if group.participants.exists() or group.events.exists():
            raise ValidationError(
                _(
                    "%(name)s has participants or events and cannot be deleted; "
                    "close it instead, which keeps its history."
                ),
                code="conflict",
                params={"name": group.name},
            )
        delete_audited(obj=group, actor=actor)


# Participants ------------------------------------------------------------------------------


def participant_check(participant: GroupParticipant) -> None:
    """Raise ValidationError if `participant` (saved or not) breaks a rule of the groups."""
    if participant.end_date is not None and participant.end_date < participant.start_date:
        raise _end_error("end_date", _("A participation cannot end before it starts."))
    if bool(participant.organisation_id) == bool(participant.organisation_name):
        raise ValidationError(
            _("Choose an organisation from the register or name another one, not both."),
            code="one_organisation",
        )
    group = participant.group
    if participant.start_date < group.start_date:
        raise ValidationError(
            {
                "start_date": ValidationError(
                    _("%(name)s starts on %(start)s; a participation cannot start before it."),
                    code="before_group_start",
                    params={
                        "name": group.name,
                        "start": format_date(group.start_date, group.start_precision),
                    },
                )
            }
        )
    if group.end_date is not None and (
        participant.end_date is None
        or participant.end_date > group.end_date
        or participant.start_date > group.end_date
    ):
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("%(name)s closed on %(end)s; a participation in it must end by that day."),
                    code="already_ended",
                    params={
                        "name": group.name,
                        "end": format_date(group.end_date, group.end_precision),
                    },
                )
            }
        )
    if participant.email:
        others = GroupParticipant.objects.filter(
            group_id=participant.group_id, email__iexact=participant.email
        ).exclude(pk=participant.pk)
        for other in others.order_by("start_date"):
            if periods_overlap(
                participant.start_date, participant.end_date, other.start_date, other.end_date
            ):
                raise ValidationError(
                    _(
                        "%(email)s already takes part in %(name)s from %(start)s to %(end)s; "
                        "one person's participations in a group cannot overlap."
                    ),
                    code="overlap",
                    params={
                        "email": participant.email,
                        "name": group.name,
                        **_period(
                            other.start_date, DatePrecision.DAY, other.end_date, DatePrecision.DAY
                        ),
                    },
                )


def participant_save(
    *, participant: GroupParticipant, actor, message: str = ""
) -> GroupParticipant:
    """Create or correct a participation given as an instance (the admin, the demo loader)."""
    participant.person_name = participant.person_name.strip()
    participant.email = participant.email.strip().lower()
    participant.organisation_name = participant.organisation_name.strip()
    with transaction.atomic():
        # The group's row lock serialises the overlap check for one person in one group.
        participant.group = Group.objects.select_for_update().get(pk=participant.group_id)
        participant_check(participant)
        save_audited(
            obj=participant,
            actor=actor,
            message=message or "Participation saved",
            conflict_message=_(
                "This e-mail address already has an open participation in the group."
            ),
        )
    return participant


def participant_add(
    *,
    group: Group,
    person_name: str,
    role: str,
    start_date: date,
    actor,
    email: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    end_date: date | None = None,
    note: str = "",
) -> GroupParticipant:
    """Record that a person takes part in `group` from `start_date` (they join by interest)."""
    participant = GroupParticipant(
        group=group,
        person_name=person_name,
        email=email,
        organisation=organisation,
        organisation_name=organisation_name,
        role=role,
        start_date=start_date,
        end_date=end_date,
        note=note,
    )
    return participant_save(participant=participant, actor=actor, message="Participation started")


def participant_leave(*, participant: GroupParticipant, on: date, actor) -> GroupParticipant:
    """End a participation on `on`, the person's last day in the group."""
    with transaction.atomic():
        participant = GroupParticipant.objects.select_for_update().get(pk=participant.pk)
        if participant.end_date is not None:
            raise ValidationError(
                _("%(person)s already left %(name)s on %(end)s."),
                code="already_ended",
                params={
                    "person": participant.person_name,
                    "name": participant.group.name,
                    "end": format_date(participant.end_date),
                },
            )
        participant.end_date = on
        return participant_save(participant=participant, actor=actor, message="Participation ended")


def participant_delete(*, participant: GroupParticipant, actor) -> None:
    """Remove a participation entered by mistake (one that ended is recorded with
    participant_leave)."""
    delete_audited(obj=participant, actor=actor)


# Events ------------------------------------------------------------------------------------


def event_group_set(*, event: Event, group: Group | None, actor) -> Event:
    """Link `event` to the group behind it (or unlink it with None)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        day = timezone.localdate(event.starts)
        if group is not None and not group.is_active_on(day):
            raise ValidationError(
                _("%(name)s was not active on %(day)s, the day of the event."),
                code="group_not_active",
                params={"name": group.name, "day": format_date(day)},
            )
        before = event.group.name if event.group is not None else None
        after = group.name if group is not None else None
        if before == after:
            return event
        event.group = group
        event.save(update_fields=["group", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=event,
            changes={"group": [before, after]},
            message="Event linked to a group",
        )
    return event


# GDPR --------------------------------------------------------------------------------------


def _of(match: PersonMatch):
    """One person's participations: by address, or by name within their organisation."""
    return GroupParticipant.objects.filter(
        match.q(email="email", name="person_name", organisation="organisation_id")
    )


def participation_addresses(match: PersonMatch) -> list[str]:
    return [e for e in _of(match).values_list("email", flat=True).distinct() if e]


def participations_export(match: PersonMatch) -> list[dict[str, Any]]:
    """One person's participations in the groups, for a GDPR export (art. 15), JSON-ready.

    Read-only: the caller (the contacts app's export) records the export in the audit trail.
    """
    participants = _of(match).select_related("group", "organisation")
    return [
        {
            "group": participant.group.name,
            "name": participant.person_name,
            "organisation": participant.organisation_label,
            "role": participant.role,
            "from": participant.start_date.isoformat(),
            "to": participant.end_date.isoformat() if participant.end_date else "",
        }
        for participant in participants.order_by("start_date", "group__name", "pk")
    ]


def participations_erase(match: PersonMatch, actor, dry_run: bool = False) -> int:
    """Erase one person's name and e-mail from their participations (GDPR art. 17).

    Returns how many participations were (or, with `dry_run`, would be) erased. The rows stay,
    with organisation, role and dates, so a group's history stays countable; the personal values
    are also removed from the audit trail, and the new entry names no personal value.
    """
    with transaction.atomic():
        participants = list(_of(match).select_for_update().order_by("pk"))
        if dry_run:
            return len(participants)
        for participant in participants:
            fields = [name for name in PERSONAL_FIELDS if getattr(participant, name)]
            participant.person_name = ERASED
            participant.email = ""
            participant.save(update_fields=[*PERSONAL_FIELDS, "updated_at"])
            audit_redact(obj=participant, fields=PERSONAL_FIELDS, new_repr=str(participant))
            audit_record(
                actor=actor,
                action=AuditEntry.Action.ERASE,
                obj=participant,
                changes={name: [REDACTED, getattr(participant, name)] for name in fields},
            )
    return len(participants)
