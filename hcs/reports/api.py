"""The annual activity report's figures through the API (the secretariat's)."""

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from hcs.accounts.access import secretariat_may
from hcs.accounts.auth import caller
from hcs.events.queries import participants
from hcs.lib.api import Year, errors
from hcs.reports.annual import annual_report
from hcs.reports.models import AnnualReportEdition

router = Router(tags=["reports"])


class MemberChange(Schema):
    code: str
    name: str
    date: date


class MembersOut(Schema):
    count: int
    regions: int
    municipalities: int
    joined: list[MemberChange]
    left: list[MemberChange]


class BoardMemberOut(Schema):
    name: str
    role: str
    party: str
    organisation_code: str | None


class BoardOut(Schema):
    members: list[BoardMemberOut]
    meetings: int


class EventOut(Schema):
    kind: str
    title: str
    starts: datetime
    ends: datetime
    place: str
    participants: int | None


class AnnualReportOut(Schema):
    year: int
    members: MembersOut
    board: BoardOut
    events: list[EventOut]
    newsletters: int
    revenue_sek: int
    equity_start_sek: int | None


@router.get(
    "/annual-report/{year}",
    auth=None,
    response={200: AnnualReportOut, **errors(401, 404, 422)},
)
def annual_report_figures(request, year: Year):
    """The year's annual report from the records: the members (who joined and left, from
    when), the board at the year's end and its meetings, the events with their participants,
    the newsletters sent, the revenue and the equity at the start of the year. Open to everyone
    once the secretariat has published the year's report (as its page is); before that to the
    secretariat (a staff token) only, 404 for others."""
    user = caller(request)
    if year > timezone.localdate().year:
        raise Http404(_("There is no annual report for that year."))
    if not secretariat_may(user, "reports.view_financialyear"):
        published = AnnualReportEdition.objects.filter(year=year, published_at__isnull=False)
        if not published.exists():
            raise Http404(_("There is no annual report for that year."))
    report = annual_report(year)
    count = report.count
    return {
        "year": year,
        "members": {
            "count": count.total,
            "regions": count.regions,
            "municipalities": count.municipalities,
            "joined": [{"code": r.code, "name": r.name, "date": r.since} for r in report.joined],
            "left": [{"code": r.code, "name": r.name, "date": r.until} for r in report.left],
        },
        "board": {
            "members": [
                {
                    "name": t.person_name,
                    "role": t.role,
                    "party": t.party,
                    "organisation_code": t.organisation.code if t.organisation_id else None,
                }
                for t in report.board
            ],
            "meetings": report.board_meetings,
        },
        "events": [
            {
                "kind": e.kind,
                "title": e.title,
                "starts": e.starts,
                "ends": e.ends,
                "place": e.place,
                "participants": participants(e) or None,
            }
            for e in report.events
        ],
        "newsletters": len(report.newsletters),
        "revenue_sek": int(report.revenue_sek),
        "equity_start_sek": int(report.equity_start_sek)
        if report.equity_start_sek is not None
        else None,
    }
