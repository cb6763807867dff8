"""The compliance table: each member of a year against each of the year's criteria.

Read in a fixed number of queries (at most nine) whatever the number of members, criteria or
years of records: every fact is read once for all members, then the rules decide per cell."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count
from django.utils import timezone

from hcs.contacts.models import ContactRole
from hcs.criteria import rules
from hcs.criteria.models import Assessment, Criterion, Status
from hcs.events.models import Event, Registration
from hcs.invoices.models import Invoice
from hcs.invoices.queries import invoice_rows
from hcs.lib.periods import in_effect, periods_overlap
from hcs.memberships.models import Membership

Method = Criterion.Method


@dataclass(frozen=True)
class Cell:
    criterion: Criterion
    status: str
    reason: str

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class ComplianceRow:
    organisation_id: int
    code: str
    name: str
    kind: str
    cells: list[Cell] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for cell in self.cells if cell.status == status)

    def cell(self, key: str) -> Cell | None:
        return next((c for c in self.cells if c.criterion.key == key), None)


@dataclass(frozen=True)
class ComplianceTable:
    year: int
    criteria: list[Criterion]
    rows: list[ComplianceRow]

    def totals(self) -> list[dict[str, int]]:
        """Per criterion, how many members are met / not met / not assessed."""
        totals = []
        for index in range(len(self.criteria)):
            counts = {status: 0 for status in Status.values}
            for row in self.rows:
                counts[row.cells[index].status] += 1
            totals.append(counts)
        return totals


@dataclass
class _Member:
    organisation_id: int
    code: str
    name: str
    kind: str
    periods: list[tuple[date, date | None]] = field(default_factory=list)

    def member_on(self, day: date) -> bool:
        return any(periods_overlap(start, end, day, day) for start, end in self.periods)

    def last_day_in(self, first: date, last: date) -> date:
        """The last day of `first`..`last` on which the organisation was a member."""
        ends = [min(end or last, last) for start, end in self.periods if start <= last]
        return max(d for d in ends if d >= first)


def newest_year(day: date) -> int | None:
    """The newest year with criteria that is not after `day`'s year: the criteria members and
    applicants are shown (the member portal, "Bli medlem")."""
    years = Criterion.objects.filter(year__lte=day.year).values_list("year", flat=True)
    return max(years, default=None)


def _members(year: int, organisation_ids) -> list[_Member]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    periods = Membership.objects.filter(in_effect(first, last))
    if organisation_ids is not None:
        periods = periods.filter(organisation_id__in=organisation_ids)
    members: dict[int, _Member] = {}
    for org_id, code, name, kind, start, end in periods.values_list(
        "organisation_id",
        "organisation__code",
        "organisation__name",
        "organisation__kind",
        "start_date",
        "end_date",
    ):
        member = members.setdefault(org_id, _Member(org_id, code, name, kind))
        member.periods.append((start, end))
    return sorted(members.values(), key=lambda m: (m.kind != "region", m.name))


def _span(year: int) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(date(year, 1, 1), time.min)),
        timezone.make_aware(datetime.combine(date(year, 12, 31), time.max)),
    )


def compliance(year: int, *, today: date | None = None, organisation_ids=None) -> ComplianceTable:
    """Every member of `year` (or only those in `organisation_ids`) against the year's criteria."""
    today = today or timezone.localdate()
    first, last = date(year, 1, 1), date(year, 12, 31)
    criteria = list(Criterion.objects.filter(year=year).order_by("position", "key"))
    members = _members(year, organisation_ids) if criteria else []
    ids = [m.organisation_id for m in members]
    methods = {c.method for c in criteria}
    # The day the records are judged on: the year's end, or today while the year runs, or the
    # last day of membership for a member that left during the year.
    until = max(first, min(last, today))
    judged_on = {m.organisation_id: m.last_day_in(first, until) for m in members}

    roles: dict[int, list[tuple[str, date, date | None]]] = defaultdict(list)
    if Method.CONTACTS in methods:
        for org_id, kind, start, end in ContactRole.objects.filter(
            in_effect(first, last), person__organisation_id__in=ids, person__erased_at=None
        ).values_list("person__organisation_id", "kind", "start_date", "end_date"):
            roles[org_id].append((kind, start, end))

    invoices: dict[int, rules.FeeFacts] = {}
    if Method.FEE_PAID in methods:
        for invoice_row in invoice_rows(
            Invoice.objects.filter(year=year, kind=Invoice.Kind.INVOICE, organisation_id__in=ids),
            today,
        ):
            invoices[invoice_row.invoice.organisation_id] = rules.FeeFacts(
                number=invoice_row.invoice.number,
                status=invoice_row.status,
                outstanding=invoice_row.outstanding,
                due_date=invoice_row.invoice.due_date,
            )

    meeting = None
    at_meeting: dict[tuple[int, str], int] = defaultdict(int)
    if Method.ANNUAL_MEETING in methods:
        event = (
            Event.objects.filter(kind=Event.Kind.ANNUAL_MEETING, starts__range=_span(year))
            .order_by("starts")
            .first()
        )
        if event is not None:
            marked = False
            for org_id, role, attended, n in (
                Registration.objects.filter(event=event, organisation_id__in=ids)
                .exclude(status=Registration.Status.CANCELLED)
                .values_list("organisation_id", "role", "attended")
                .annotate(n=Count("id"))
                .order_by()
            ):
                marked = marked or attended is not None
                if attended:
                    at_meeting[org_id, role] += n
            meeting = rules.AnnualMeetingFacts(
                day=timezone.localtime(event.starts).date(),
                attendance_marked=marked,
                today=today,
            )

    events_attended: dict[int, int] = {}
    if Method.EVENTS in methods:
        # Board meetings are the board's work, not the members' taking part. A subquery of the
        # year's events (not a join) lets SQLite start from the events, not from every
        # registration of every year.
        year_events = Event.objects.filter(starts__range=_span(year)).exclude(
            kind=Event.Kind.BOARD_MEETING
        )
        events_attended = dict(
            Registration.objects.filter(
                event__in=year_events, attended=True, organisation_id__in=ids
            )
            .values_list("organisation_id")
            .annotate(n=Count("event_id", distinct=True))
            .order_by()
        )

    followup_form = None
    followups_submitted: dict[int, date] = {}
    if Method.FOLLOW_UP_REPORT in methods:
        from hcs.followup.models import FollowupForm
        from hcs.followup.queries import submitted_on

        followup_form = FollowupForm.objects.filter(year=year).first()
        if followup_form is not None:
            followups_submitted = submitted_on(year)

    assessments: dict[tuple[int, int], rules.AssessmentFacts] = {}
    if Method.STAFF in methods:
        for criterion_id, org_id, status, assessed_on, url, note in Assessment.objects.filter(
            criterion__year=year, organisation_id__in=ids
        ).values_list(
            "criterion_id", "organisation_id", "status", "assessed_on", "evidence_url", "note"
        ):
            assessments[criterion_id, org_id] = rules.AssessmentFacts(
                status=status, assessed_on=assessed_on, evidence_url=url, note=note
            )

    def verdict(criterion: Criterion, member: _Member) -> rules.Verdict:
        org_id = member.organisation_id
        match criterion.method:
            case Method.CONTACTS:
                day = judged_on[org_id]
                held = {
                    kind
                    for kind, start, end in roles[org_id]
                    if periods_overlap(start, end, day, day)
                }
                return rules.contacts_verdict(
                    political=ContactRole.Kind.POLITICAL in held,
                    administrative=ContactRole.Kind.ADMINISTRATIVE in held,
                    on=day,
                )
            case Method.FEE_PAID:
                return rules.fee_verdict(year=year, invoice=invoices.get(org_id))
            case Method.ANNUAL_MEETING:
                return rules.annual_meeting_verdict(
                    year=year,
                    meeting=meeting,
                    member_that_day=meeting is not None and member.member_on(meeting.day),
                    politicians=at_meeting[org_id, Registration.Role.POLITICIAN],
                    officials=at_meeting[org_id, Registration.Role.OFFICIAL],
                )
            case Method.EVENTS:
                return rules.events_verdict(
                    attended=events_attended.get(org_id, 0),
                    threshold=criterion.threshold or 1,
                    year_over=today > last,
                )
            case Method.FOLLOW_UP_REPORT:
                return rules.follow_up_report_verdict(
                    has_form=followup_form is not None,
                    submitted=followups_submitted.get(org_id),
                    deadline=followup_form.deadline if followup_form else None,
                    today=today,
                )
            case _:
                return rules.staff_verdict(assessment=assessments.get((criterion.pk, org_id)))

    rows = []
    for member in members:
        row = ComplianceRow(member.organisation_id, member.code, member.name, member.kind)
        for criterion in criteria:
            result = verdict(criterion, member)
            row.cells.append(Cell(criterion, result.status, result.reason))
        rows.append(row)
    return ComplianceTable(year=year, criteria=criteria, rows=rows)
