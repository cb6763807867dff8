"""The network's 2024 events as the annual report tells them. Where the report gives no day,
the date is stored with its precision (a month, not an invented day); no times are given, so
the events are all-day."""

from datetime import date, datetime, time

from django.utils import timezone

from hcs.events.models import Event
from hcs.events.services import event_save
from hcs.lib.dates import DatePrecision
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
        date(2024, 2, 1),
        date(2024, 5, 31),
        K.WEBINAR,
        A.PUBLIC,
        "Regionala webbinarier om medlemskap (sex tillfällen)",
        {
            "precision": DatePrecision.MONTH,
            "participant_count": 75,
            "description": "Sex publika regionala webbinarier under våren, ca 75 deltagare totalt.",
        },
    ),
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


def _moment(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59) if end else time(0, 0)))


def load_events_demo(actor) -> int:
    created = 0
    for first, last, kind, audience, title, extra in EVENTS_2024:
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
            **extra,
        )
        event_save(event=event, actor=actor, partners=list(partners))
        created += 1
    return created
