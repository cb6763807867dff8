"""The caller's own account (`/me`), and the secretariat's invitation of a contact person."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from hcs.accounts import access
from hcs.accounts.auth import PersonalToken, StaffToken
from hcs.accounts.services import invitation_send
from hcs.contacts.models import ContactPerson
from hcs.invoices.api import InvoiceOut, invoice_list
from hcs.invoices.models import Invoice
from hcs.lib.api import Id, errors

router = Router(tags=["accounts"])
# A session (the member pages), or a personal token made under "My data".
SESSION_OR_PERSONAL = [PersonalToken(), django_auth]


class InvitationOut(Schema):
    expires: datetime


class MeOut(Schema):
    name: str
    email: str
    organisation_code: str | None
    roles: list[str]


@router.post(
    "/contacts/{person_id}/invite",
    auth=StaffToken(),
    response={201: InvitationOut, **errors(401, 403, 404, 409, 422)},
)
def invite_contact(request, person_id: Id):
    """E-mail the contact person a one-time link (valid 7 days) to set the password of their
    own account. 409 when they already have an account or their address is another login's;
    422 when they have no address or no current role."""
    access.secretariat_must(request.user, "contacts.change_contactperson")
    person = ContactPerson.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404(_("There is no contact person %(id)d.") % {"id": person_id})
    invitation = invitation_send(person=person, actor=request.user)
    return Status(201, {"expires": invitation.expires_at})


@router.get("/me", auth=SESSION_OR_PERSONAL, response={200: MeOut, **errors(401)})
def me(request):
    """Who the caller is, and their roles today: `administrator`, `secretariat`,
    `political_contact`, `administrative_contact`, `planner`, `board_member`."""
    user = request.user
    account = access.member_account(user)
    person = account.person if account else None
    return {
        "name": person.name if person else (user.get_full_name() or user.get_username()),
        "email": user.email,
        "organisation_code": account.organisation.code if account else None,
        "roles": access.roles(user),
    }


@router.get(
    "/me/invoices",
    auth=SESSION_OR_PERSONAL,
    response={200: list[InvoiceOut], **errors(401, 403)},
)
def my_invoices(request):
    """The invoices and credit notes of the caller's organisation, as `GET /invoices`; 403
    for a caller who is not a member contact today."""
    organisation = access.member_organisation(request.user)
    if organisation is None:
        raise PermissionDenied(_("Only a member's contact person sees its invoices."))
    return invoice_list(Invoice.objects.filter(organisation=organisation).order_by("number"))
