"""Reads about contact persons: who holds a role on a day, and which members lack one."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from hcs.contacts.models import ContactRole
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation


def _has_role(kind: str, day: date) -> Exists:
    return Exists(
        ContactRole.objects.filter(
            in_effect(day), kind=kind, person__organisation=OuterRef("pk"), person__erased_at=None
        )
    )


@dataclass(frozen=True)
class ContactGap:
    organisation: Organisation
    has_political: bool
    has_administrative: bool

    @property
    def missing(self) -> list[str]:
        labels = []
        if not self.has_political:
            labels.append(str(ContactRole.Kind.POLITICAL.label))
        if not self.has_administrative:
            labels.append(str(ContactRole.Kind.ADMINISTRATIVE.label))
        return labels


def members_missing_contacts(day: date) -> list[ContactGap]:
    """Members on `day` without a current political or a current administrative contact."""
    current = Membership.objects.filter(in_effect(day), organisation=OuterRef("pk"))
    organisations = (
        Organisation.objects.filter(Exists(current))
        .annotate(
            has_political=_has_role(ContactRole.Kind.POLITICAL, day),
            has_administrative=_has_role(ContactRole.Kind.ADMINISTRATIVE, day),
        )
        .filter(Q(has_political=False) | Q(has_administrative=False))
        .order_by("name")
    )
    return [ContactGap(o, o.has_political, o.has_administrative) for o in organisations]


def contact_roles(organisation: Organisation | None = None):
    """Every role a contact person has held, of one organisation or of all: organisation by
    name, then the person, the newest role first."""
    roles = ContactRole.objects.select_related("person__organisation")
    if organisation is not None:
        roles = roles.filter(person__organisation=organisation)
    return roles.order_by("person__organisation__name", "person__name", "-start_date", "pk")
