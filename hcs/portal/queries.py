"""What a member's own people see of their organisation, each a read for one organisation."""

from dataclasses import dataclass
from datetime import date, timedelta

from hcs.contacts.models import ContactProposal, ContactRole
from hcs.criteria.queries import compliance
from hcs.events.models import Event, Registration
from hcs.groups.models import Group, GroupParticipant
from hcs.invoices.models import Invoice
from hcs.invoices.queries import invoice_rows
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation


def memberships_of(organisation: Organisation) -> list[Membership]:
    """The organisation's periods of membership with their decisions, the newest first."""
    return list(Membership.objects.filter(organisation=organisation).order_by("-start_date"))


def member_since(memberships: list[Membership], day: date) -> date | None:
    """The first day of the membership in effect on `day`, over periods that follow each other
    without a gap; None when the organisation is not a member on `day`."""
    periods = sorted(memberships, key=lambda m: m.start_date)
    current = next(
        (m for m in periods if m.start_date <= day and (m.end_date is None or m.end_date >= day)),
        None,
    )
    if current is None:
        return None
    since = current.start_date
    for membership in reversed(periods):
        if (
            membership.start_date < since
            and membership.end_date is not None
            and membership.end_date >= since - timedelta(days=1)
        ):
            since = membership.start_date
    return since


def criteria_of(organisation: Organisation, year: int):
    """The organisation's row of the year's criteria: (criterion, cell) pairs."""
    row = next(iter(compliance(year, organisation_ids=[organisation.pk]).rows), None)
    return [] if row is None else [(cell.criterion, cell) for cell in row.cells]


def invoices_of(organisation: Organisation, day: date):
    """The organisation's invoices and credit notes with their status, the newest first."""
    queryset = Invoice.objects.filter(organisation=organisation).order_by("-number")
    return invoice_rows(queryset, day)


def current_contacts(organisation: Organisation, day: date) -> list[ContactRole]:
    return list(
        ContactRole.objects.filter(
            in_effect(day), person__organisation=organisation, person__erased_at=None
        )
        .select_related("person")
        .order_by("kind", "person__name")
    )


def proposals_of(organisation: Organisation) -> list[ContactProposal]:
    return list(
        ContactProposal.objects.filter(organisation=organisation)
        .select_related("replaces__person", "proposed_by")
        .order_by("-created_at")[:20]
    )


@dataclass
class OurRegistrations:
    upcoming: list[Registration]
    past: list[Registration]


def registrations_of_organisation(organisation: Organisation, now) -> OurRegistrations:
    """The organisation's registrations for events, upcoming (soonest first) and past (the
    newest first, the last 100)."""
    base = Registration.objects.filter(organisation=organisation).select_related("event")
    return OurRegistrations(
        upcoming=list(base.filter(event__ends__gte=now).order_by("event__starts", "name")),
        past=list(base.filter(event__ends__lt=now).order_by("-event__starts", "name")[:100]),
    )


def open_events(queryset, now) -> list[Event]:
    """Of `queryset` (the events the user may see), those open for registration."""
    events = queryset.filter(
        cancelled_at=None,
        ends__gte=now,
        audience__in=[Event.Audience.PUBLIC, Event.Audience.MEMBERS],
    ).order_by("starts")[:30]
    return [event for event in events if event.is_open_for_registration(now)]


@dataclass
class OurGroup:
    group: Group
    our_people: list[GroupParticipant]
    next_meetings: list[Event]


def groups_of(organisation: Organisation, day: date, now, visible) -> list[OurGroup]:
    """The groups the organisation takes part in on `day`, its participants in each, and each
    group's next meetings among the `visible` events."""
    ours = (
        GroupParticipant.objects.filter(in_effect(day), organisation=organisation)
        .select_related("group")
        .order_by("group__name", "person_name")
    )
    by_group: dict[int, OurGroup] = {}
    for participant in ours:
        entry = by_group.setdefault(participant.group_id, OurGroup(participant.group, [], []))
        entry.our_people.append(participant)
    if by_group:
        upcoming = visible.filter(group_id__in=by_group, ends__gte=now, cancelled_at=None).order_by(
            "starts"
        )
        for event in upcoming:
            meetings = by_group[event.group_id].next_meetings
            if len(meetings) < 3:
                meetings.append(event)
    return list(by_group.values())


def annual_meetings():
    from hcs.governance.models import AnnualMeeting

    return AnnualMeeting.objects.prefetch_related("decisions").order_by("-date")


def board_meetings():
    from hcs.governance.models import BoardMeeting

    return BoardMeeting.objects.prefetch_related("decisions").order_by("-date")
