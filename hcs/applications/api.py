"""Membership applications: anyone applies; the secretariat follows them and makes the member."""

from datetime import datetime
from enum import Enum
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken
from hcs.applications import queries
from hcs.applications.models import Application
from hcs.applications.services import (
    AppointedContact,
    application_membership,
    application_submit,
)
from hcs.contacts.api import ContactRoleKind
from hcs.lib import ratelimit
from hcs.lib.api import Day, Id, errors, line
from hcs.memberships.api import DecisionIn
from hcs.memberships.services import DecisionData

router = Router(tags=["applications"])

# A name of its own in the OpenAPI schema.
ApplicationStatus = Enum(  # type: ignore[misc]
    "ApplicationStatus", {value: value for value in Application.Status.values}, type=str
)


class ApplicationIn(Schema):
    # Plain strings: the service checks them all at once and names every problem (422).
    organisation_code: str
    name: str
    title: str = ""
    email: str
    phone: str = ""
    message: str = ""


class CreatedOut(Schema):
    id: int


class ApplicationOut(Schema):
    id: int
    organisation_code: str
    name: str
    status: ApplicationStatus
    created: datetime


class AppointedIn(Schema):
    """A contact person the decision appointed; invited to an account when it has an address."""

    kind: ContactRoleKind
    name: line(120)
    email: line(254) = ""
    title: line(120) = ""
    party: line(20) = ""


class MembershipIn(Schema):
    start_date: Day
    decision: DecisionIn
    contacts: Annotated[list[AppointedIn], Field(max_length=10)] = []


class MembershipOut(Schema):
    membership_id: int
    invited: list[str] = []
    not_invited: list[str] = []


@router.post("/applications", auth=None, response={201: CreatedOut, **errors(400, 413, 422, 429)})
def apply(request, payload: ApplicationIn):
    """Apply for membership (the form on "Bli medlem" does the same). Stored with the
    applicant's consent; a confirmation goes to `email` and the secretariat is told. 422 names
    every problem and stores nothing; 429 over the rate limit (with `Retry-After`)."""
    ratelimit.enforce(ratelimit.hit_client(request, "application"))
    application = application_submit(**payload.dict())
    return Status(201, {"id": application.pk})


@router.get(
    "/applications", auth=StaffToken(), response={200: list[ApplicationOut], **errors(401, 403)}
)
def applications(request):
    """Every application, the newest first, with its step in the pipeline."""
    secretariat_must(request.user, "applications.view_application")
    return [
        {
            "id": a.pk,
            "organisation_code": a.organisation.code,
            "name": a.name,
            "status": a.status,
            "created": a.created_at,
        }
        for a in Application.objects.select_related("organisation")
    ]


@router.post(
    "/applications/{application_id}/membership",
    auth=StaffToken(),
    response={201: MembershipOut, **errors(400, 401, 403, 404, 409, 413, 422)},
)
def make_member(request, application_id: Id, payload: MembershipIn):
    """The political decision is made: the organisation becomes a member from `start_date`;
    409 when it is already a member on that date, or the application is closed or done."""
    secretariat_must(request.user, "applications.change_application")
    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        raise Http404(_("There is no application %(id)d.") % {"id": application_id})
    decision = DecisionData(**payload.decision.dict())
    made = application_membership(
        application=application,
        start_date=payload.start_date,
        decision=decision,
        actor=request.user,
        contacts=[
            AppointedContact(**(contact.dict() | {"kind": contact.kind.value}))
            for contact in payload.contacts
        ],
    )
    return Status(
        201,
        {
            "membership_id": made.membership.pk,
            "invited": made.invited,
            "not_invited": made.not_invited,
        },
    )


class ProspectOut(Schema):
    code: str
    name: str
    kind: str
    population: int | None
    fee_sek: int | None
    former_member: bool
    events_attended: int


@router.get("/prospects", auth=StaffToken(), response={200: list[ProspectOut], **errors(401, 403)})
def prospects(request):
    """Every municipality and region that is not a member today, largest first: population,
    the fee it would pay on the current schedule, whether it was a member before, and how many
    of its people took part in past public events."""
    secretariat_must(request.user, "applications.view_application")
    return [
        {
            "code": p.organisation.code,
            "name": p.organisation.name,
            "kind": p.organisation.kind,
            "population": p.population,
            "fee_sek": p.fee,
            "former_member": p.former_member,
            "events_attended": p.events_attended,
        }
        for p in queries.prospects(timezone.localdate(), timezone.now())
    ]
