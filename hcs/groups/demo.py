"""The network's groups as the seeds describe them (annual report 2024, the network's
presentation), loaded through the services.

Idempotent: what is already there is left alone. Called by `hcs.demo.loader.load_demo`, after
the members, the events and the contact persons are loaded.

Choices the sources leave open:
- The strategic group's start is not in the sources: stored "on or before 1 January 2024". Each
  2024 member is represented by its administrative contact person (the "Bli medlem" page: the
  administrative contact attends the monthly strategic meetings), from the later of the group's
  start, the membership's and the contact role's; members without one are left out.
- Groups begun during 2024 ("nystartade", "under 2024 har … bildats") have year precision.
- The earlier theme groups (the network's presentation, seed 003) have no dates in the sources:
  stored as existing at the end of 2019 or earlier (the presentation refers to the goals
  2014–2019) and closed in 2023 (year precision), each with a note saying so.
- Who takes part in the theme and working groups is not in the sources: a fixed, illustrative
  choice among the members' (fictional) contact persons.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hcs.contacts.models import ContactRole
from hcs.events.demo import load_events_demo, strategic_meetings_2024
from hcs.events.models import Event
from hcs.groups.models import Group, GroupParticipant
from hcs.groups.services import event_group_set, group_create, participant_add
from hcs.lib.dates import DatePrecision
from hcs.lib.periods import in_effect
from hcs.memberships.queries import MemberRow, members_during
from hcs.organisations.models import Organisation

YEAR = 2024
Kind = Group.Kind
ADMINISTRATIVE, POLITICAL = ContactRole.Kind.ADMINISTRATIVE, ContactRole.Kind.POLITICAL

BEFORE_2024 = {"start_date": date(2024, 1, 1), "start_precision": DatePrecision.ON_OR_BEFORE}
DURING_2024 = {"start_date": date(2024, 1, 1), "start_precision": DatePrecision.YEAR}
EARLIER_THEME_GROUP = {
    "start_date": date(2019, 12, 31),
    "start_precision": DatePrecision.ON_OR_BEFORE,
    "end_date": date(2023, 12, 31),
    "end_precision": DatePrecision.YEAR,
    "note": (
        "Named as a theme group in the network's presentation, which refers to the Healthy "
        "Cities goals 2014–2019; the annual report 2024 names other theme groups. The exact "
        "start and closing dates are not in the sources: stored as 'end of 2019 or earlier' "
        "and 'closed in 2023', for the secretariat to correct."
    ),
}

STRATEGIC_GROUP = "Strategiska gruppen"
REGIONS_GROUP = "Regionernas grupp"

GROUPS = [
    {
        "kind": Kind.STRATEGIC,
        "name": STRATEGIC_GROUP,
        "purpose": (
            "Nätverkets strategiska grupp, där alla medlemmar är representerade. Gruppen träffas "
            "digitalt varje månad för att främja kontinuerlig kommunikation och samverkan, samt "
            "för att öka delaktigheten i planeringen av nätverkets verksamhet."
        ),
        **BEFORE_2024,
        "note": (
            "The start date is not in the sources: the annual report 2024 describes the group "
            "as it worked in 2024, and the network's presentation names it as permanent."
        ),
    },
    {
        "kind": Kind.THEME,
        "name": "Delaktighet och inflytande",
        "purpose": (
            "Delaktighet och inflytande i samhället: valdeltagande bland grupper som ofta står "
            "utanför, tillit och pågående dialoger med invånare, barns rätt till delaktighet och "
            "platsens betydelse för delaktighet och inflytande."
        ),
        **DURING_2024,
        "note": "'Nystartade' in the annual report 2024; the start date is not in the sources.",
    },
    {
        "kind": Kind.THEME,
        "name": "Hälsofrämjande samhällsplanering",
        "purpose": (
            "Hälsofrämjande samhällsplanering med dialogverktyget Platskompassen (The Place "
            "Standard Tool): workshop, pilot bland medlemmarna och uppföljande webbinarium."
        ),
        **BEFORE_2024,
        "note": "Active all of 2024 (annual report 2024); the start date is not in the sources.",
    },
    {
        "kind": Kind.THEME,
        "name": "Social och fysisk planering",
        "purpose": "Fördjupning i social och fysisk planering.",
        **EARLIER_THEME_GROUP,
    },
    {
        "kind": Kind.THEME,
        "name": "Sociala investeringar",
        "purpose": "Fördjupning i sociala investeringar.",
        **EARLIER_THEME_GROUP,
    },
    {
        "kind": Kind.WORKING,
        "name": REGIONS_GROUP,
        "purpose": (
            "Samlar regionmedlemmarna för att gemensamt diskutera de specifika utmaningar som "
            "regioner står inför."
        ),
        **DURING_2024,
        "note": "Formed during 2024 (annual report 2024); the date is not in the sources.",
    },
    {
        "kind": Kind.WORKING,
        "name": "IOP-avtal",
        "purpose": (
            "Samverkan kring IOP-avtal (idéburet offentligt partnerskap), som flera medlemmar "
            "uttryckt behov av att arbeta tillsammans kring."
        ),
        **DURING_2024,
        "note": "Formed during 2024 (annual report 2024); the date is not in the sources.",
    },
    {
        "kind": Kind.WORKING,
        "name": "Mötesförberedelser",
        "purpose": "Förberedelser och genomförande av nätverkets möten under året.",
        **DURING_2024,
        "note": "Worked during 2024 (annual report 2024); the date is not in the sources.",
    },
]

# Illustrative participants: (contact kind, first, step) picks every step-th 2024 member
# (regions first, then municipalities, by name) from the first, whose contact of that kind
# takes part. The regions' group takes every region's administrative contact.
PICKS = {
    "Delaktighet och inflytande": [(ADMINISTRATIVE, 1, 5), (POLITICAL, 3, 7)],
    "Hälsofrämjande samhällsplanering": [(ADMINISTRATIVE, 2, 4)],
    "IOP-avtal": [(ADMINISTRATIVE, 0, 6)],
    "Mötesförberedelser": [(ADMINISTRATIVE, 4, 6)],
}
ROLE_OF_CONTACT = {
    ADMINISTRATIVE: GroupParticipant.Role.OFFICIAL,
    POLITICAL: GroupParticipant.Role.POLITICIAN,
}

# events.demo names the theme group behind an event in its organiser text.
THEME_GROUP_ORGANISER = "Temagruppen "


def _contact_role(organisation: Organisation, kind: str) -> ContactRole | None:
    """The organisation's contact of `kind` during the year, the latest appointed first."""
    return (
        ContactRole.objects.filter(
            in_effect(date(YEAR, 1, 1), date(YEAR, 12, 31)),
            kind=kind,
            person__organisation=organisation,
            person__erased_at=None,
        )
        .select_related("person")
        .order_by("-start_date", "pk")
        .first()
    )


def _latest(*days: date | None) -> date:
    return max(day for day in days if day is not None)


def _earliest(*days: date | None) -> date | None:
    known = [day for day in days if day is not None]
    return min(known) if known else None


def _take_part(*, group: Group, row: MemberRow, organisation: Organisation, kind: str, actor):
    """Add the member's contact of `kind` to `group`; False if there is none or already in it."""
    role = _contact_role(organisation, kind)
    if role is None:
        return False
    person = role.person
    if group.participants.filter(email=person.email.lower()).exists():
        return False
    start = _latest(group.start_date, row.since, role.start_date)
    end = _earliest(group.end_date, row.until, role.end_date)
    if end is not None and end < start:
        return False
    participant_add(
        group=group,
        person_name=person.name,
        email=person.email,
        organisation=organisation,
        role=ROLE_OF_CONTACT[kind],
        start_date=start,
        end_date=end,
        actor=actor,
    )
    return True


@transaction.atomic
def load_groups_demo(actor) -> dict[str, int]:
    report = {"groups": 0, "participants": 0}
    groups = {}
    for fields in GROUPS:
        group = Group.objects.filter(name=fields["name"]).first()
        if group is None:
            group = group_create(actor=actor, **fields)
            report["groups"] += 1
        groups[group.name] = group

    members = members_during(YEAR)
    organisations = Organisation.objects.in_bulk([row.code for row in members], field_name="code")

    def take_part(group_name: str, row: MemberRow, kind: str) -> None:
        organisation = organisations[row.code]
        if _take_part(
            group=groups[group_name], row=row, organisation=organisation, kind=kind, actor=actor
        ):
            report["participants"] += 1

    for row in members:
        take_part(STRATEGIC_GROUP, row, ADMINISTRATIVE)
        if row.kind == Organisation.Kind.REGION:
            take_part(REGIONS_GROUP, row, ADMINISTRATIVE)
    for group_name, picks in PICKS.items():
        for kind, first, step in picks:
            for row in members[first::step]:
                take_part(group_name, row, kind)
    # The strategic group's monthly meetings, as events of the group.
    report["group_meetings"] = load_events_demo(
        actor, events=strategic_meetings_2024(), group=groups[STRATEGIC_GROUP]
    )
    return report


@transaction.atomic
def attach_group_events(actor) -> int:
    """Link the events whose organiser is "Temagruppen <name>" to that theme group, and the
    strategic group's meetings (kind "strategic_group") to the strategic group of their day.

    Idempotent: events already linked are left alone. Returns how many were linked now.
    """
    themes = {group.name.casefold(): group for group in Group.objects.filter(kind=Kind.THEME)}
    strategic = list(Group.objects.filter(kind=Kind.STRATEGIC))
    linked = 0
    events = Event.objects.filter(group__isnull=True).filter(
        Q(organiser__startswith=THEME_GROUP_ORGANISER) | Q(kind=Event.Kind.STRATEGIC_GROUP)
    )
    for event in events.order_by("starts", "pk"):
        day = timezone.localdate(event.starts)
        if event.kind == Event.Kind.STRATEGIC_GROUP:
            candidates = strategic
        else:
            name = event.organiser.removeprefix(THEME_GROUP_ORGANISER).strip().casefold()
            candidates = [themes[name]] if name in themes else []
        group = next((group for group in candidates if group.is_active_on(day)), None)
        if group is None:
            continue
        event_group_set(event=event, group=group, actor=actor)
        linked += 1
    return linked
