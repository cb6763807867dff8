"""The annual activity report (verksamhetsberättelse) of a year, read from the records.

One function, `annual_report(year)`, gathers what the 2024 report tells: the members (who joined
and left during the year), the board at the year's end and its meetings, the network's events
with their participants, the annual meeting's decisions, the groups, the network's seats in
other bodies, the newsletters and publications, the revenue and the opening equity. It takes a
fixed number of queries whatever the year holds (`tests`: counted).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from hcs.content.models import Entry
from hcs.events.models import Event
from hcs.events.queries import participants, with_participants
from hcs.governance.models import AnnualMeeting, BoardTerm
from hcs.governance.queries import board_meeting_count, board_on, representations_during
from hcs.groups.models import Group
from hcs.lib.periods import in_effect
from hcs.mailings.models import Mailing
from hcs.memberships.queries import MemberRow, count_members, members_during
from hcs.reports.models import FinancialYear
from hcs.reports.queries import revenue

# The network's own meetings are counted, not listed one by one.
NOT_LISTED = (Event.Kind.BOARD_MEETING, Event.Kind.STRATEGIC_GROUP)


@dataclass
class AnnualReport:
    year: int
    members: list[MemberRow]
    joined: list[MemberRow]
    left: list[MemberRow]
    board: list[BoardTerm]
    board_left: list[BoardTerm]
    board_meetings: int
    strategic_meetings: int
    events: list[Event]
    annual_meetings: list[AnnualMeeting]
    groups: list[Group]
    representations: list
    newsletters: list[Mailing]
    publications: list[Entry]
    revenue_sek: Decimal
    equity_start_sek: Decimal | None
    series_participants: dict[str, int] = field(default_factory=dict)

    @property
    def count(self):
        return count_members(self.members)

    def events_of(self, *kinds: str) -> list[Event]:
        return [e for e in self.events if e.kind in kinds]

    @property
    def events_by_kind(self) -> list[tuple[str, int]]:
        """How many of the year's events of each kind, the most common first (the chart)."""
        counts: dict[str, int] = {}
        for event in self.events:
            label = str(event.get_kind_display())
            counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def participants_total(self) -> int:
        return sum(participants(e) for e in self.events)


def annual_report(year: int, today: date | None = None) -> AnnualReport:
    today = today or timezone.localdate()
    first, last = date(year, 1, 1), date(year, 12, 31)
    members = members_during(year)
    board_day = min(last, today)
    board = board_on(board_day)
    on_board = {term.person_name for term in board}
    board_left = list(
        BoardTerm.objects.filter(in_effect(first, board_day), end_date__lt=board_day)
        .exclude(person_name__in=on_board)
        .select_related("organisation")
        .order_by("end_date", "person_name")
    )
    in_year = Event.objects.filter(starts__date__gte=first, starts__date__lte=last)
    events = list(
        with_participants(in_year.exclude(kind__in=NOT_LISTED).filter(cancelled_at=None))
        .select_related("group", "series")
        .prefetch_related("partners")
        .order_by("starts", "pk")
    )
    series: dict[str, int] = {}
    by_group: dict[int, list[Event]] = {}
    for event in events:
        event.report_participants = participants(event) or None  # type: ignore[attr-defined]
        if event.group_id:
            by_group.setdefault(event.group_id, []).append(event)
        if event.series_id:
            series[event.series.title] = series.get(event.series.title, 0) + participants(event)
    strategic = in_year.filter(kind=Event.Kind.STRATEGIC_GROUP, cancelled_at=None).count()
    financial_year = FinancialYear.objects.filter(year=year).first()
    groups = list(Group.objects.filter(in_effect(first, last)).order_by("kind", "name"))
    for group in groups:
        group.report_events = by_group.get(group.pk, [])  # type: ignore[attr-defined]
    return AnnualReport(
        year=year,
        members=members,
        joined=[row for row in members if row.joined_after(first)],
        left=[row for row in members if row.left_before(last)],
        board=board,
        board_left=board_left,
        board_meetings=board_meeting_count(year),
        strategic_meetings=strategic,
        events=events,
        annual_meetings=list(
            AnnualMeeting.objects.filter(date__year=year)
            .prefetch_related("decisions")
            .order_by("date")
        ),
        groups=list(Group.objects.filter(in_effect(first, last)).order_by("kind", "name")),
        representations=representations_during(year),
        newsletters=list(
            Mailing.objects.filter(
                kind=Mailing.Kind.NEWSLETTER,
                status=Mailing.Status.SENT,
                finished_at__year=year,
            ).order_by("finished_at")
        ),
        publications=list(
            Entry.objects.filter(kind=Entry.Kind.PUBLICATION, live__isnull=False, dated__year=year)
            .select_related("live")
            .order_by("dated")
        ),
        revenue_sek=revenue(year, today).total,
        equity_start_sek=financial_year.opening_equity if financial_year else None,
        series_participants=series,
    )
