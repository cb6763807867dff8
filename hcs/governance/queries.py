"""Reads of the board's records, each in a fixed number of queries."""

from datetime import date

from django.db.models import Case, IntegerField, Prefetch, Value, When

from hcs.events.queries import attendance_by_organisation
from hcs.governance.models import (
    AnnualMeeting,
    BoardMeeting,
    BoardTerm,
    Representation,
    RepresentationMeeting,
)
from hcs.lib.periods import in_effect

_ROLE_ORDER = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(BoardTerm.Role.values)),
    output_field=IntegerField(),
)


def _terms():
    return BoardTerm.objects.select_related("organisation", "elected_at").annotate(
        role_rank=_ROLE_ORDER
    )


def board_on(day: date) -> list[BoardTerm]:
    """The board on `day`: chair, vice chair, members, deputies, each by name."""
    return list(_terms().filter(in_effect(day)).order_by("role_rank", "person_name"))


def board_meeting_count(year: int) -> int:
    """How many board meetings were held in `year` (the annual report's count)."""
    return BoardMeeting.objects.filter(date__year=year).count()


# Annual meetings ----------------------------------------------------------------------------


def annual_meeting_attendance(meeting: AnnualMeeting) -> dict[int, dict[str, int]]:
    """Who attended `meeting`, per member organisation (hcs.events.queries
    .attendance_by_organisation on its calendar event); a meeting without an event has no
    recorded attendance."""
    if meeting.event_id is None:
        return {}
    return attendance_by_organisation(meeting.event_id)


# Representation in other bodies -------------------------------------------------------------

_BODY_ORDER = Case(
    *(When(body=body, then=Value(rank)) for rank, body in enumerate(Representation.Body.values)),
    output_field=IntegerField(),
)


def representation_on(day: date) -> list[Representation]:
    """The network's seats in other bodies on `day`, WHO's committees first."""
    return list(
        Representation.objects.filter(in_effect(day))
        .annotate(body_rank=_BODY_ORDER)
        .order_by("body_rank", "body_name", "person_name")
    )


def representations_during(year: int) -> list[Representation]:
    """The seats held on at least one day of `year`, each with `meetings_in_year`: the meetings
    attended that year, by date (two queries)."""
    meetings = RepresentationMeeting.objects.filter(date__year=year).order_by("date")
    return list(
        Representation.objects.filter(in_effect(date(year, 1, 1), date(year, 12, 31)))
        .annotate(body_rank=_BODY_ORDER)
        .prefetch_related(Prefetch("meetings", queryset=meetings, to_attr="meetings_in_year"))
        .order_by("body_rank", "body_name", "person_name", "start_date")
    )
