"""Mailings through the API: the secretariat writes and sends one; anyone subscribes."""

from enum import Enum
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken
from hcs.lib import ratelimit
from hcs.lib.api import Id, errors, line, text
from hcs.mailings.models import Mailing
from hcs.mailings.services import (
    mailing_save,
    mailing_send,
    progress,
    recipient_count,
    subscription_request,
)

router = Router(tags=["mailings"])

MailingKind = Enum(  # type: ignore[misc]
    "MailingKind", {value: value for value in Mailing.Kind.values}, type=str
)
MailingStatus = Enum(  # type: ignore[misc]
    "MailingStatus", {value: value for value in Mailing.Status.values}, type=str
)
ContactsChoice = Enum(  # type: ignore[misc]
    "ContactsChoice", {v: v for v in ("all", "political", "administrative", "none")}, type=str
)


class AudienceIn(Schema):
    contacts: ContactsChoice = ContactsChoice("none")  # type: ignore[call-arg]
    board: bool = False
    group_ids: Annotated[list[Id], Field(max_length=100)] = []
    event_ids: Annotated[list[Id], Field(max_length=100)] = []
    event_statuses: Annotated[list[line(12)], Field(max_length=3)] = ["confirmed"]  # type: ignore[valid-type]
    subscribers: bool = False


class MailingIn(Schema):
    kind: MailingKind
    subject: line(200)  # type: ignore[valid-type]
    body_markdown: text(60_000)  # type: ignore[valid-type]
    audience: AudienceIn


class MailingCreated(Schema):
    id: int
    recipients: int


class MailingOut(Schema):
    status: MailingStatus
    recipients: int
    sent: int
    failed: int


class SubscriberIn(Schema):
    email: line(254)  # type: ignore[valid-type]


class Accepted(Schema):
    detail: str


@router.post(
    "/mailings",
    auth=StaffToken(),
    response={201: MailingCreated, **errors(400, 401, 403, 413, 422)},
)
def create_mailing(request, payload: MailingIn):
    """A mailing, saved as a draft, with the number it would go to now (after duplicates,
    unsubscriptions and erasures). 422 names every problem and stores nothing."""
    secretariat_must(request.user, "mailings.add_mailing")
    audience = payload.audience.dict()
    audience["contacts"] = payload.audience.contacts.value
    mailing = mailing_save(
        actor=request.user,
        kind=payload.kind.value,
        subject=payload.subject,
        body_markdown=payload.body_markdown,
        audience=audience,
    )
    return Status(201, {"id": mailing.pk, "recipients": recipient_count(mailing)})


def _mailing(mailing_id: int) -> Mailing:
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        raise Http404(_("There is no mailing %(id)d.") % {"id": mailing_id})
    return mailing


@router.post(
    "/mailings/{mailing_id}/send",
    auth=StaffToken(),
    response={202: MailingOut, **errors(401, 403, 404, 409, 422)},
)
def send_mailing(request, mailing_id: Id):
    """Send the draft now, in the background; 409 when it was sent already."""
    secretariat_must(request.user, "mailings.change_mailing")
    mailing = mailing_send(mailing=_mailing(mailing_id), actor=request.user)
    return Status(202, _state(Mailing.objects.get(pk=mailing.pk)))


def _state(mailing: Mailing) -> dict:
    counts = progress(mailing)
    return {
        "status": mailing.status,
        "recipients": counts["recipients"] or recipient_count(mailing),
        "sent": counts["sent"],
        "failed": counts["failed"] + counts["bounced"],
    }


@router.get(
    "/mailings/{mailing_id}",
    auth=StaffToken(),
    response={200: MailingOut, **errors(401, 403, 404, 422)},
)
def mailing_state(request, mailing_id: Id):
    """Where the mailing is: its status and its recipients sent and failed (bounced counted
    as failed)."""
    secretariat_must(request.user, "mailings.view_mailing")
    return _state(_mailing(mailing_id))


@router.post("/subscribers", auth=None, response={202: Accepted, **errors(400, 413, 422, 429)})
def subscribe(request, payload: SubscriberIn):
    """Subscribe to the newsletter: 202 whatever the address (no one learns who is on the list);
    the link to confirm is in the e-mail. 422 for what is not an address; 429 over the limit."""
    ratelimit.enforce(ratelimit.hit_client(request, "application"))
    subscription_request(email=payload.email)
    return Status(
        202, {"detail": _("If the address can get the newsletter, a link is on its way.")}
    )
