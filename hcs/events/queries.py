"""Reads of events, with their number of participants, in a fixed number of queries."""

from django.db.models import Count, Q

from hcs.accounts.access import events_visible
from hcs.events.models import Event, Registration


def public_events():
    return Event.objects.filter(audience=Event.Audience.PUBLIC)


def events_visible_to(user):
    """The events `user` may see (hcs.accounts.access.event_audiences): the public's for
    everyone, members' events for member contacts, all of them for the secretariat."""
    return Event.objects.filter(events_visible(user))


def with_participants(queryset):
    """Annotate `participants`: the count recorded without names, or the confirmed ones."""
    return queryset.annotate(
        confirmed=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        )
    )


def with_registration_counts(queryset):
    """Annotate `confirmed` (as `with_participants`) and `waiting`: those on the waiting list."""
    return with_participants(queryset).annotate(
        waiting=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
        )
    )


def participants(event) -> int:
    if event.participant_count is not None:
        return event.participant_count
    return getattr(event, "confirmed", 0)


def registrations_of(event, statuses=()) -> list:
    """The event's registrations in the order they came (of `statuses`, or all), each with
    `position`: its place on the waiting list, 1 first, None for the others. One query."""
    result = []
    waiting = 0
    for registration in event.registrations.select_related("organisation").order_by("id"):
        registration.position = None
        if registration.status == Registration.Status.WAITLISTED:
            waiting += 1
            registration.position = waiting
        if not statuses or registration.status in statuses:
            result.append(registration)
    return result


# The member criterion counts politicians and officials at a meeting.
ATTENDANCE_ROLES = (Registration.Role.POLITICIAN, Registration.Role.OFFICIAL)


def attendance_by_organisation(event_id: int) -> dict[int, dict[str, int]]:
    """Who took part in an event, per organisation: {organisation_id: {"politician": n,
    "official": n}}, from its registrations marked as attended (one query). Registrations
    without an organisation, external guests and cancelled registrations are not counted."""
    rows = (
        Registration.objects.filter(
            event_id=event_id,
            attended=True,
            organisation__isnull=False,
            role__in=ATTENDANCE_ROLES,
        )
        .exclude(status=Registration.Status.CANCELLED)
        .values("organisation_id", "role")
        .annotate(count=Count("id"))
        .order_by()
    )
    attendance: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = attendance.setdefault(
            row["organisation_id"], {role.value: 0 for role in ATTENDANCE_ROLES}
        )
        counts[row["role"]] = row["count"]
    return attendance
