"""Loads the demo network through the same services the coordinator uses."""

from itertools import cycle

from django.contrib.auth import get_user_model
from django.db import transaction

from hcs.accounts.models import MemberAccount
from hcs.accounts.services import coordinator_group_ensure
from hcs.applications.demo import load_applications_demo
from hcs.contacts.models import ContactPerson, ContactRole
from hcs.contacts.services import contact_person_create, contact_role_add
from hcs.content.loader import site_texts_load
from hcs.criteria.demo import load_criteria_demo
from hcs.demo import network_2024 as seed
from hcs.events.demo import (
    load_attendance_demo,
    load_events_demo,
    load_regional_webinars_demo,
)
from hcs.fees.models import FeeSchedule
from hcs.fees.services import fee_schedule_save
from hcs.followup.demo import load_followup_demo
from hcs.governance.demo import board_meetings_demo, link_meetings_to_events, load_governance_demo
from hcs.groups.demo import attach_group_events, load_groups_demo
from hcs.invoices.demo import load_invoices_demo
from hcs.learning.demo import load_learning_demo
from hcs.mailings.demo import load_mailings_demo
from hcs.memberships.models import Membership
from hcs.memberships.services import membership_save
from hcs.organisations.models import Organisation
from hcs.organisations.reference import read_shipped_reference_data
from hcs.organisations.services import organisation_update, reference_data_load
from hcs.platskompassen.demo import load_platskompassen_demo
from hcs.reports.demo import load_annual_report_demo
from hcs.reports.models import FinancialYear
from hcs.reports.services import financial_year_save

ACTOR = "load_demo"


def _slug(text: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ ", "aaoeAAOE.")
    return text.translate(table).lower().replace("-", "")


@transaction.atomic
def load_demo(*, invoices: bool = True, network_life: bool = True) -> dict[str, int]:
    """Everything, idempotently. For tests that need less (and run faster): `invoices=False`
    leaves 2024 uninvoiced, `network_life=False` leaves out the attendance, the groups and the
    membership criteria."""
    report = {"memberships": 0, "fee_schedules": 0, "events": 0, "contacts": 0, "users": 0}
    if not Organisation.objects.exists():
        reference_data_load(rows=read_shipped_reference_data())
    organisations = Organisation.objects.in_bulk(field_name="code")

    def member(code: str, website: str, **fields) -> None:
        organisation = organisations[code]
        if not organisation.website:
            organisation_update(organisation=organisation, actor=ACTOR, website=website)
        if Membership.objects.filter(
            organisation=organisation, start_date=fields["start_date"]
        ).exists():
            return
        membership_save(membership=Membership(organisation=organisation, **fields), actor=ACTOR)
        report["memberships"] += 1

    for code, org_number in seed.REGION_ORG_NUMBERS.items():
        if not organisations[code].org_number:
            organisation_update(
                organisation=organisations[code], actor=ACTOR, org_number=org_number
            )
    for code, website in seed.MEMBERS_2024.items():
        member(code, website, **seed.MEMBER_SINCE_UNKNOWN)
    for entry in (seed.NORRBOTTEN, seed.HUDDINGE):
        entry = dict(entry)
        member(entry.pop("code"), entry.pop("website"), **entry)

    report["fee_schedules"] = _load_fees()
    if not FinancialYear.objects.filter(year=seed.FINANCIAL_YEAR_2024["year"]).exists():
        financial_year_save(
            financial_year=FinancialYear(**seed.FINANCIAL_YEAR_2024), lines=[], actor=ACTOR
        )
    report["events"] = load_events_demo(ACTOR) + load_regional_webinars_demo(ACTOR)
    load_governance_demo()
    report["contacts"] = _load_contacts(organisations)
    if network_life:
        # The groups first: the strategic group's meetings are loaded with it.
        report |= load_groups_demo(ACTOR)
        report["attendance"] = load_attendance_demo(ACTOR)
        report["group_events"] = attach_group_events(ACTOR)
        report["meeting_events"] = link_meetings_to_events()
        report["board_meeting_events"] = board_meetings_demo()
    if invoices:
        report |= load_invoices_demo(ACTOR)
    if network_life:
        report |= load_criteria_demo(ACTOR)
        report |= load_platskompassen_demo(ACTOR)
    report["users"] = _load_coordinator() + _load_member_contact()
    report |= site_texts_load()
    if network_life:
        report["applications"] = load_applications_demo(ACTOR)
        report["newsletters"] = load_mailings_demo(ACTOR)
        report["annual_reports"] = load_annual_report_demo(ACTOR)
        report["followup_forms"] = load_followup_demo(ACTOR)
        report["learning_examples"] = load_learning_demo(ACTOR)
    return report


def _load_fees() -> int:
    if FeeSchedule.objects.filter(year=seed.FEES_2024["year"]).exists():
        return 0
    fee_schedule_save(
        schedule=FeeSchedule(**seed.FEES_2024), tiers=seed.FEE_TIERS_2024, actor=ACTOR
    )
    return 1


def _load_contacts(organisations) -> int:
    created = 0
    names = cycle([(first, last) for last in seed.LAST_NAMES for first in seed.FIRST_NAMES])
    parties, titles = cycle(seed.PARTIES), cycle(seed.TITLES)
    codes = [*seed.MEMBERS_2024, seed.NORRBOTTEN["code"]]
    for code in sorted(codes):
        organisation = organisations[code]
        for kind in ContactRole.Kind:
            first, last = next(names)
            party, title = next(parties), next(titles)
            if kind == ContactRole.Kind.POLITICAL and code in seed.WITHOUT_POLITICAL_CONTACT:
                continue
            if (
                kind == ContactRole.Kind.ADMINISTRATIVE
                and code in seed.WITHOUT_ADMINISTRATIVE_CONTACT
            ):
                continue
            email = f"{_slug(first)}.{_slug(last)}.{_slug(organisation.name)}@example.org"
            if ContactPerson.objects.filter(email=email).exists():
                continue
            political = kind == ContactRole.Kind.POLITICAL
            person = contact_person_create(
                organisation=organisation,
                name=f"{first} {last}",
                email=email,
                phone="",
                title="" if political else title,
                party=party if political else "",
                actor=ACTOR,
            )
            contact_role_add(
                person=person,
                kind=kind,
                start_date=max(seed.CONTACTS_FROM, _member_since(organisation)),
                actor=ACTOR,
            )
            created += 1
    return created


def _member_since(organisation):
    return organisation.memberships.order_by("start_date").values_list("start_date", flat=True)[0]


def _load_member_contact() -> int:
    """A log-in for a member's contact person, tied to the person as an invitation ties it."""
    data = seed.MEMBER_CONTACT
    users = get_user_model()
    if users.objects.filter(username=data["username"]).exists():
        return 0
    role = (
        ContactRole.objects.select_related("person__organisation")
        .filter(person__organisation__code=data["member"], kind=data["kind"], end_date=None)
        .first()
    )
    if role is None:
        return 0
    person = role.person
    user = users.objects.create_user(data["username"], person.email, data["password"])
    MemberAccount.objects.create(user=user, organisation=person.organisation, person=person)
    return 1


def _load_coordinator() -> int:
    group = coordinator_group_ensure()
    users = get_user_model()
    if users.objects.filter(username=seed.COORDINATOR["username"]).exists():
        return 0
    data = dict(seed.COORDINATOR)
    password = data.pop("password")
    user = users.objects.create_user(**data, password=password, is_staff=True)
    user.groups.add(group)
    return 1
