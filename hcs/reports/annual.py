"""The annual activity report (verksamhetsberättelse) of a year, read from the records.

One function, `annual_report(year)`, gathers what the 2024 report tells: the members (who joined
and left during the year, and the members of each year before it, for a chart), the board at
the year's end and its meetings, the network's events with their participants (and a chart of
them by kind), the annual meeting's decisions, the groups, the network's seats in other bodies,
the newsletters and publications, the revenue and the opening equity. It takes a fixed number
of queries whatever the year holds (`tests`: counted).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.content.models import Entry
from hcs.events.models import Event
from hcs.events.queries import participants, with_participants
from hcs.governance.models import AnnualMeeting, BoardTerm
from hcs.governance.queries import board_meeting_count, board_on, representations_during
from hcs.groups.models import Group
from hcs.lib.dates import DatePrecision
from hcs.lib.periods import in_effect, periods_overlap
from hcs.mailings.models import Mailing
from hcs.memberships.models import Membership
from hcs.memberships.queries import MemberCount, MemberRow, count_members, members_during
from hcs.organisations.models import Organisation
from hcs.reports.models import FinancialYear
from hcs.reports.queries import revenue

# The network's own meetings are counted, not listed one by one.
NOT_LISTED = (Event.Kind.BOARD_MEETING, Event.Kind.STRATEGIC_GROUP)
# The chart of the members over the years goes back at most this many years (the report's own
# year included).
MEMBER_YEARS = 15


@dataclass(frozen=True)
class MembersInYear:
    """The members of one year, counted as the report counts its own year's: the organisations
    that were members on some day of it. `at_least`: a member's start is known only as "on or
    before" a later date, so the year may have had more members than the records show."""

    year: int
    count: MemberCount
    at_least: bool = False


def members_by_year(last_year: int, *, years: int = MEMBER_YEARS) -> list[MembersInYear]:
    """The members of each year from the first year with a member (at most `years` back) to
    `last_year`. One query for all the years; each year is counted in Python with the rule of
    `members_during` (a period sharing a day with the year, `periods_overlap`)."""
    # Every period, later ones too: a start known only as "on or before" a date after a year
    # leaves that year's count unsure.
    rows = list(
        Membership.objects.values_list(
            "organisation_id", "organisation__kind", "start_date", "start_precision", "end_date"
        ).order_by()
    )
    end = date(last_year, 12, 31)
    starts = [start for _org, _kind, start, _precision, _end in rows if start <= end]
    if not starts:
        return []
    result = []
    for year in range(max(min(starts).year, last_year - years + 1), last_year + 1):
        first, last = date(year, 1, 1), date(year, 12, 31)
        kinds = {
            organisation: kind
            for organisation, kind, start, _precision, until in rows
            if periods_overlap(start, until, first, last)
        }
        regions = sum(1 for kind in kinds.values() if kind == Organisation.Kind.REGION)
        unsure = any(
            precision == DatePrecision.ON_OR_BEFORE and start > last and organisation not in kinds
            for organisation, _kind, start, precision, _end in rows
        )
        result.append(
            MembersInYear(
                year=year,
                count=MemberCount(regions=regions, municipalities=len(kinds) - regions),
                at_least=unsure,
            )
        )
    return result


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
    members_over_years: list[MembersInYear] = field(default_factory=list)

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

    @property
    def participants_by_kind(self) -> list[tuple[str, int]]:
        """The participants of the year's events of each kind, the most first (the chart);
        kinds whose events have no participants recorded are left out."""
        counts: dict[str, int] = {}
        for event in self.events:
            if number := participants(event):
                label = str(event.get_kind_display())
                counts[label] = counts.get(label, 0) + number
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def members_chart(self) -> list[tuple[str, int]]:
        """The members over the years as the chart's rows, the oldest year first. The years
        before the first whose count is known (not only a lower bound) are left out of the
        picture: bars of "at least 1" would draw a history the records do not hold (the table
        beside it lists them, marked)."""
        rows = list(self.members_over_years)
        while len(rows) > 1 and rows[0].at_least:
            rows.pop(0)
        return [
            (
                _("%(year)d (at least)") % {"year": row.year} if row.at_least else str(row.year),
                row.count.total,
            )
            for row in rows
        ]

    @property
    def members_over_years_unsure(self) -> bool:
        return any(row.at_least for row in self.members_over_years)


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
        members_over_years=members_by_year(year),
    )
