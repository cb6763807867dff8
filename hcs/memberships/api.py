import json
from datetime import date

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken
from hcs.lib.api import Day, Id, errors, line
from hcs.lib.dates import DatePrecision
from hcs.lib.pagecache import cached_bytes
from hcs.memberships.models import Decision, Membership
from hcs.memberships.queries import members_on, organisation_periods
from hcs.memberships.services import DecisionData, membership_end, membership_start
from hcs.organisations.queries import organisation_by_code

router = Router(tags=["memberships"])


class MemberOut(Schema):
    code: str
    name: str
    kind: str
    since: date
    until: date | None
    since_approximate: bool


class DecisionIn(Schema):
    body: line(100)
    date: Day
    paragraph: line(20) = ""
    registry_number: line(50) = ""


class DecisionOut(Schema):
    kind: str
    body: str
    date: date
    paragraph: str
    registry_number: str
    document_url: str | None


class MembershipOut(Schema):
    id: int
    organisation_code: str
    start_date: date
    start_precision: DatePrecision
    end_date: date | None
    end_precision: DatePrecision
    decisions: list[DecisionOut]


class MembershipIn(Schema):
    organisation_code: line(4)
    start_date: Day
    start_precision: DatePrecision = DatePrecision.DAY
    decision: DecisionIn


class MembershipEndIn(Schema):
    end_date: Day
    end_precision: DatePrecision = DatePrecision.DAY
    decision: DecisionIn


def _membership_out(request, membership: Membership) -> dict:
    decisions = []
    for kind in Decision.KINDS:
        decision = Decision.from_membership(membership, kind)
        if decision is None:
            continue
        decisions.append(
            {
                "kind": kind,
                "body": decision.body,
                "date": decision.date,
                "paragraph": decision.paragraph,
                "registry_number": decision.registry_number,
                "document_url": request.build_absolute_uri(decision.document.url)
                if decision.document
                else None,
            }
        )
    return {
        "id": membership.pk,
        "organisation_code": membership.organisation.code,
        "start_date": membership.start_date,
        "start_precision": membership.start_precision,
        "end_date": membership.end_date,
        "end_precision": membership.end_precision,
        "decisions": decisions,
    }


@router.get("/members", response={200: list[MemberOut], **errors(422)})
def list_members(request, on: Day | None = None):
    """The members on a date (default: today), regions first."""
    day = on or timezone.localdate()

    def build() -> bytes:
        members = [
            MemberOut(
                code=row.code,
                name=row.name,
                kind=row.kind,
                since=row.since,
                until=row.until,
                since_approximate=row.since_precision != DatePrecision.DAY,
            ).model_dump(mode="json")
            for row in members_on(day)
        ]
        return json.dumps(members, ensure_ascii=False).encode()

    # Served as ready JSON from the cache; the schema above still documents and builds it.
    content = cached_bytes(f"api:members:{day.isoformat()}", build)
    return HttpResponse(content, content_type="application/json; charset=utf-8")


@router.get(
    "/organisations/{code}/memberships",
    response={200: list[MembershipOut], **errors(404, 422)},
)
def list_memberships(request, code: line(10)):
    """An organisation's membership periods with their decisions, oldest first."""
    organisation = organisation_by_code(code)
    return [_membership_out(request, m) for m in organisation_periods(organisation)]


@router.post(
    "/memberships",
    response={201: MembershipOut, **errors(400, 401, 403, 404, 409, 413, 422)},
    auth=StaffToken(),
)
def create_membership(request, payload: MembershipIn):
    """Record a new membership period backed by the member's joining decision."""
    secretariat_must(request.user, "memberships.add_membership")
    membership = membership_start(
        organisation=organisation_by_code(payload.organisation_code),
        start_date=payload.start_date,
        start_precision=payload.start_precision,
        decision=DecisionData(**payload.decision.dict()),
        actor=request.user,
    )
    return Status(201, _membership_out(request, membership))


@router.post(
    "/memberships/{membership_id}/end",
    response={200: MembershipOut, **errors(400, 401, 403, 404, 409, 413, 422)},
    auth=StaffToken(),
)
def end_membership(request, membership_id: Id, payload: MembershipEndIn):
    """End an open membership on `end_date` (its last day), backed by the exit decision."""
    secretariat_must(request.user, "memberships.change_membership")
    membership = Membership.objects.select_related("organisation").filter(pk=membership_id).first()
    if membership is None:
        raise Http404(_("There is no membership with the id %(id)s.") % {"id": membership_id})
    membership = membership_end(
        membership=membership,
        end_date=payload.end_date,
        end_precision=payload.end_precision,
        decision=DecisionData(**payload.decision.dict()),
        actor=request.user,
    )
    return Status(200, _membership_out(request, membership))
