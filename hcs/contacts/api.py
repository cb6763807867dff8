"""Contact persons over the API: personal data, for the secretariat only (a staff token whose
user may view contact persons)."""

from datetime import date
from enum import Enum

from ninja import Router, Schema

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken
from hcs.contacts.models import ContactRole
from hcs.contacts.queries import contact_roles
from hcs.lib.api import errors, line
from hcs.organisations.queries import organisation_by_code

router = Router(tags=["contact persons"], auth=StaffToken())
OrganisationCode = line(4)
# A name of its own in the OpenAPI schema: the events' `Kind` is another enum.
ContactRoleKind = Enum(  # type: ignore[misc]
    "ContactRoleKind", {value: value for value in ContactRole.Kind.values}, type=str
)


class ContactOut(Schema):
    id: int  # the contact person; a person with two roles is two rows with one id
    name: str
    email: str
    role: ContactRoleKind
    organisation_code: str
    since: date
    until: date | None


@router.get("/contacts", response={200: list[ContactOut], **errors(401, 403, 404, 422)})
def contacts(request, organisation: OrganisationCode | None = None):
    """Each role a contact person holds or has held (`political`, `administrative`), from
    `since` to `until` (inclusive; null: still), of the organisation with the code
    `organisation`, or of all. 404 for an unknown code. The name and address of a person whose
    data was erased read as the placeholder."""
    secretariat_must(request.user, "contacts.view_contactperson")
    wanted = None if organisation is None else organisation_by_code(organisation)
    return [
        {
            "id": role.person.pk,
            "name": role.person.name,
            "email": role.person.email,
            "role": role.kind,
            "organisation_code": role.person.organisation.code,
            "since": role.start_date,
            "until": role.end_date,
        }
        for role in contact_roles(wanted)
    ]
