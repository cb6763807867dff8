"""The network's 2024 events as the annual report tells them. Where the report gives no day,
the date is stored with its precision (a month, not an invented day); no times are given, so
the events are all-day.

Attendance is not in the sources: `load_attendance_demo` records a deterministic, plausible
pattern for the demo contact persons, so that the compliance view shows a realistic mix."""

from datetime import date, datetime, time

from django.utils import timezone

from hcs.contacts.models import ContactRole
from hcs.events.models import Event, EventSeries, Registration
from hcs.events.services import Person, attendee_add, event_save
from hcs.lib.dates import DatePrecision
from hcs.lib.periods import in_effect
from hcs.organisations.models import Organisation

K, A = Event.Kind, Event.Audience
EVENTS_2024 = [
    (
        date(2024, 1, 26),
        None,
        K.SEMINAR,
        A.PUBLIC,
        "Hälsofrämjande arbete för ökad trygghet i kommunerna",
        {"organiser": "Healthy Cities Sverige och Mötesplats social hållbarhet"},
    ),
    (
        date(2024, 3, 14),
        date(2024, 3, 15),
        K.ANNUAL_CONFERENCE,
        A.MEMBERS,
        "Årskonferens 2024: Dåtid, nutid, framtid",
        {"place": "Norrköping", "partners": ["05"]},
    ),
    (date(2024, 3, 14), None, K.ANNUAL_MEETING, A.MEMBERS, "Årsmöte 2024", {"place": "Norrköping"}),
    (
        date(2024, 4, 12),
        None,
        K.WEBINAR,
        A.PUBLIC,
        "EU-valet 2024 och den lokala nivån",
        {"organiser": "Temagruppen Delaktighet och inflytande"},
    ),
    (
        date(2024, 4, 1),
        None,
        K.WORKSHOP,
        A.MEMBERS,
        "Workshop om Platskompassen",
        {
            "precision": DatePrecision.MONTH,
            "organiser": "Temagruppen Hälsofrämjande samhällsplanering",
        },
    ),
    (
        date(2024, 9, 12),
        None,
        K.INTERNATIONAL_MEETING,
        A.PUBLIC,
        "Nordiskt seminarium om Wellbeing Economy",
        {
            "place": "Digitalt",
            "participant_count": 100,
            "organiser": "De nordiska Healthy Cities-nätverken",
        },
    ),
    (
        date(2024, 10, 21),
        date(2024, 10, 22),
        K.AUTUMN_MEETING,
        A.MEMBERS,
        "Höstmöte 2024: För en jämlik hälsa i framtiden",
        {"place": "Stockholm"},
    ),
    (
        date(2024, 11, 29),
        None,
        K.WEBINAR,
        A.PUBLIC,
        "Dialoger med barn och unga",
        {"organiser": "Temagruppen Delaktighet och inflytande"},
    ),
    (
        date(2024, 12, 1),
        None,
        K.WEBINAR,
        A.PUBLIC,
        "Uppföljning av piloten med Platskompassen",
        {
            "precision": DatePrecision.MONTH,
            "organiser": "Temagruppen Hälsofrämjande samhällsplanering",
        },
    ),
    (
        date(2025, 1, 31),
        None,
        K.WEBINAR,
        A.PUBLIC,
        "Platsens betydelse för delaktighet",
        {"organiser": "Temagruppen Delaktighet och inflytande"},
    ),
]


# The strategic group meets digitally every month (annual report 2024); the days are not given.
# Its meetings are loaded with the group (hcs.groups.demo): an event for a group names it.
STRATEGIC_GROUP_MONTHS_2024 = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
STRATEGIC_GROUP_TITLE = "Strategiska gruppens månadsmöte"


def _moment(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59) if end else time(0, 0)))


# Six public regional webinars in the spring, about 75 participants in all (annual report
# 2024). Neither the days nor the split of the participants are in the sources: each is stored
# with its month only, and the split is illustrative (it adds up to 75).
REGIONAL_WEBINARS_2024 = {
    "title": "Regionala webbinarier om medlemskap 2024",
    "description": "Sex publika regionala webbinarier under våren, ca 75 deltagare totalt.",
    "occasions": [
        (date(2024, 2, 1), "Norr", 12),
        (date(2024, 2, 1), "Mitt", 13),
        (date(2024, 3, 1), "Öst", 14),
        (date(2024, 4, 1), "Väst", 12),
        (date(2024, 4, 1), "Syd", 13),
        (date(2024, 5, 1), "Sydost", 11),
    ],
}


def load_regional_webinars_demo(actor) -> int:
    """The six regional webinars as one series of six occasions. Idempotent."""
    spec = REGIONAL_WEBINARS_2024
    if EventSeries.objects.filter(title=spec["title"]).exists():
        return 0
    series = EventSeries.objects.create(title=spec["title"], description=spec["description"])
    for day, region, count in spec["occasions"]:
        event_save(
            event=Event(
                title=f"Regionalt webbinarium om medlemskap: {region}",
                kind=K.WEBINAR,
                audience=A.PUBLIC,
                starts=_moment(day),
                ends=_moment(day, end=True),
                all_day=True,
                date_precision=DatePrecision.MONTH,
                series=series,
                participant_count=count,
                place="Digitalt",
                description=spec["description"],
            ),
            actor=actor,
        )
    return len(spec["occasions"])


def load_events_demo(actor, events=None, group=None) -> int:
    created = 0
    for first, last, kind, audience, title, extra in events or EVENTS_2024:
        if Event.objects.filter(title=title, starts__date=first).exists():
            continue
        extra = dict(extra)
        partners = Organisation.objects.filter(code__in=extra.pop("partners", []))
        event = Event(
            title=title,
            kind=kind,
            audience=audience,
            starts=_moment(first),
            ends=_moment(last or first, end=True),
            all_day=True,
            date_precision=extra.pop("precision", DatePrecision.DAY),
            group=group,
            **extra,
        )
        event_save(event=event, actor=actor, partners=list(partners))
        created += 1
    return created


def _attends(event: Event, index: int) -> tuple[bool, bool]:
    """Whether member number `index` sent its (political, administrative) contact: a fixed
    pattern, different per kind of meeting, with a few members missing each."""
    match event.kind:
        case K.ANNUAL_MEETING | K.ANNUAL_CONFERENCE:
            return index % 7 not in (3, 5), index % 7 != 5
        case K.AUTUMN_MEETING:
            return index % 3 == 0, index % 4 != 1
        case K.STRATEGIC_GROUP:
            return False, (index + event.starts.month) % 5 != 0 and index % 9 != 4
        case K.WORKSHOP:
            return False, index % 3 == 1
    return False, False


def load_attendance_demo(actor) -> int:
    """Record who of the members' contact persons took part in the 2024 member meetings.
    Idempotent: an event with any attendance recorded is left alone."""
    kinds = [K.ANNUAL_MEETING, K.ANNUAL_CONFERENCE, K.AUTUMN_MEETING, K.STRATEGIC_GROUP, K.WORKSHOP]
    events = Event.objects.filter(kind__in=kinds, starts__year=2024).order_by("starts")
    recorded = 0
    for event in events:
        if Registration.objects.filter(event=event).exists():
            continue
        day = timezone.localtime(event.starts).date()
        roles = (
            ContactRole.objects.filter(in_effect(day), person__erased_at=None)
            .select_related("person__organisation")
            .order_by("person__organisation__code", "kind")
        )
        by_member: dict[str, dict[str, ContactRole]] = {}
        for role in roles:
            by_member.setdefault(role.person.organisation.code, {})[role.kind] = role
        for index, code in enumerate(sorted(by_member)):
            political, administrative = _attends(event, index)
            for kind, goes, as_role in (
                (ContactRole.Kind.POLITICAL, political, Registration.Role.POLITICIAN),
                (ContactRole.Kind.ADMINISTRATIVE, administrative, Registration.Role.OFFICIAL),
            ):
                role = by_member[code].get(kind)
                if not goes or role is None:
                    continue
                attendee_add(
                    event=event,
                    person=Person(name=role.person.name, email=role.person.email, role=as_role),
                    organisation=role.person.organisation,
                    actor=actor,
                )
                recorded += 1
    return recorded


def strategic_meetings_2024() -> list:
    return [
        (
            date(2024, month, 1),
            None,
            K.STRATEGIC_GROUP,
            A.GROUP,
            STRATEGIC_GROUP_TITLE,
            {"precision": DatePrecision.MONTH, "place": "Digitalt"},
        )
        for month in STRATEGIC_GROUP_MONTHS_2024
    ]
