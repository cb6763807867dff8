"""Reads of the board's records, each in a fixed number of queries."""

from datetime import date

from django.db.models import Case, IntegerField, Value, When

from hcs.governance.models import BoardMeeting, BoardTerm
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


def board_history() -> list[BoardTerm]:
    """Every term, newest first."""
    return list(_terms().order_by("-start_date", "role_rank", "person_name"))


def board_meeting_count(year: int) -> int:
    """How many board meetings were held in `year` (the annual report's count)."""
    return BoardMeeting.objects.filter(date__year=year).count()


def board_meetings_in(year: int) -> list[BoardMeeting]:
    return list(
        BoardMeeting.objects.filter(date__year=year).prefetch_related("decisions").order_by("date")
    )
