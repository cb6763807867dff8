"""Who a mailing goes to, read from the records on the day it is sent.

One function, `addresses`, turns an audience (contacts, the board, groups, events' registrants,
the public subscribers) into one row per address: duplicates across the parts collapse (by the
address in lower case), erased people are left out, and a newsletter leaves out every address
that unsubscribed. The count shown before sending and the rows frozen when sending starts come
from the same function.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from hcs.contacts.models import ContactPerson, ContactRole
from hcs.events.models import Registration
from hcs.governance.queries import board_on
from hcs.groups.models import GroupParticipant
from hcs.lib.periods import in_effect
from hcs.mailings.models import Mailing, Subscriber
from hcs.memberships.models import Membership

CONTACTS = ("all", "political", "administrative", "none")
ERASED_DOMAIN = "@example.invalid"  # hcs.lib.gdpr.erased_address


@dataclass(frozen=True)
class Address:
    email: str  # lower case
    name: str
    person_id: int | None = None


def normalised(audience: dict) -> dict:
    """The audience with every key present and of its type (the service checks the values)."""
    return {
        "contacts": audience.get("contacts") or "none",
        "board": bool(audience.get("board")),
        "group_ids": sorted({int(i) for i in audience.get("group_ids") or []}),
        "event_ids": sorted({int(i) for i in audience.get("event_ids") or []}),
        "event_statuses": sorted(
            set(audience.get("event_statuses") or [Registration.Status.CONFIRMED])
        ),
        "subscribers": bool(audience.get("subscribers")),
    }


def _contacts(kind: str, day: date):
    """The current contact persons of today's members: every one, or those of one role."""
    roles = ContactRole.objects.filter(in_effect(day), person=OuterRef("pk"))
    if kind != "all":
        roles = roles.filter(kind=kind)
    member = Membership.objects.filter(in_effect(day), organisation=OuterRef("organisation"))
    return (
        ContactPerson.objects.filter(Exists(roles), Exists(member), erased_at=None)
        .exclude(email="")
        .values_list("email", "name", "pk")
    )


def _board(day: date) -> list[tuple[str, str, int | None]]:
    """The board of `day`: each member's login address, or their contact person's."""
    rows = []
    for term in board_on(day):
        if term.user_id and term.user.email:
            rows.append((term.user.email, term.person_name, None))
            continue
        person = (
            ContactPerson.objects.filter(
                organisation=term.organisation_id, name=term.person_name, erased_at=None
            )
            .exclude(email="")
            .first()
        )
        if person is not None:
            rows.append((person.email, person.name, person.pk))
    return rows


def addresses(audience: dict, kind: str, day: date) -> list[Address]:
    """One `Address` per recipient of a mailing of `kind` to `audience` on `day`, by address."""
    wanted = normalised(audience)
    rows: list[tuple[str, str, int | None]] = []
    if wanted["contacts"] != "none":
        rows += list(_contacts(wanted["contacts"], day))
    if wanted["board"]:
        rows += _board(day)
    if wanted["group_ids"]:
        rows += [
            (email, name, None)
            for email, name in GroupParticipant.objects.filter(
                in_effect(day), group_id__in=wanted["group_ids"]
            )
            .exclude(email="")
            .values_list("email", "person_name")
        ]
    if wanted["event_ids"]:
        rows += [
            (email, name, None)
            for email, name in Registration.objects.filter(
                event_id__in=wanted["event_ids"], status__in=wanted["event_statuses"]
            ).values_list("email", "name")
        ]
    if wanted["subscribers"]:
        rows += [
            (email, "", None)
            for email in Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list(
                "email", flat=True
            )
        ]
    unsubscribed: set[str] = set()
    if kind == Mailing.Kind.NEWSLETTER:
        unsubscribed = set(
            Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED).values_list(
                "email", flat=True
            )
        )
    found: dict[str, Address] = {}
    for email, name, person_id in rows:
        address = (email or "").strip().lower()
        if not address or address.endswith(ERASED_DOMAIN) or address in unsubscribed:
            continue
        known = found.get(address)
        if known is None or (known.person_id is None and person_id is not None):
            found[address] = Address(address, name or (known.name if known else ""), person_id)
    return sorted(found.values(), key=lambda a: a.email)
