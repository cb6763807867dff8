"""The board of 2024, the 2024 annual meeting's decisions and the network's seats in other bodies
as the seeds describe them (annual report 2024), loaded through the services.

Idempotent: what is already there is left alone. Called by `hcs.demo.loader.load_demo`, after the
reference data (the organisations) is loaded.

Choices the sources leave open:
- Terms that began before 2024 have unknown start dates: stored "on or before 1 January 2024".
- The annual meeting of 14 March 2024 hands over to the board it elects: outgoing terms end the
  day before (13 March, their last day), new terms start on the meeting day, so that every day
  has exactly one board.
- The 2025 annual meeting is not in the sources, so the 2024 terms are open-ended.
- The seven board meetings of 2024 have no dates in the sources: placeholder months, marked as
  such, for the secretariat to correct.
- The 2024 annual meeting's minutes are not in the sources: its decisions are numbered in the
  order the annual report tells them, with the adoption of the annual plan and budget (the
  bylaws' task for every annual meeting; the report does not mention it) before the elections.
- The Advisory Committee's four meetings of 2024 have no dates in the sources: placeholder
  months, marked as such. The coordinator's seat in the Nordic coordinators' group began "on or
  before 1 January 2024" (the report describes it as ongoing).
- Calendar events are not linked here: the events are loaded separately;
  `link_meetings_to_events` links them once both are there.
"""

from datetime import date, timedelta

from django.db import transaction

from hcs.events.models import Event
from hcs.governance.models import (
    AnnualMeeting,
    AnnualMeetingDecision,
    BoardMeeting,
    BoardTerm,
    Representation,
    RepresentationMeeting,
)
from hcs.governance.services import (
    annual_meeting_decision_add,
    annual_meeting_save,
    board_meeting_save,
    board_term_start,
    representation_meeting_save,
    representation_save,
)
from hcs.lib.dates import DatePrecision
from hcs.organisations.models import Organisation

ACTOR = "load_demo"

ANNUAL_MEETING_2024 = {
    "date": date(2024, 3, 14),
    "place": "Norrköping",
    "note": "Hölls under årskonferensen 14–15 mars 2024, tillsammans med Region Östergötland.",
}
BEFORE_2024 = {"start_date": date(2024, 1, 1), "start_precision": DatePrecision.ON_OR_BEFORE}
LAST_DAY_BEFORE_ANNUAL_MEETING = date(2024, 3, 13)

Role = BoardTerm.Role

# (name, role, party, organisation code, when)
BOARD_2024 = [
    ("Fredrik Hansson", Role.CHAIR, "S", "2580", "before_and_reelected"),
    ("Sofia Lindholm", Role.VICE_CHAIR, "C", "1488", "before"),
    ("Klas Svanberg", Role.MEMBER, "M", "1281", "before"),
    ("Behcet Barsom", Role.MEMBER, "KD", "18", "before"),
    ("Håkan Eriksson", Role.MEMBER, "C", "1490", "elected"),
    ("Ulrika Jörgensen", Role.MEMBER, "M", "13", "before"),
    ("Sören Juvas", Role.MEMBER, "S", "2080", "before"),
    ("Peter Romlén", Role.MEMBER, "SD", "1470", "left"),
]

# The annual report counts seven board meetings in 2024 but gives no dates.
BOARD_MEETING_MONTHS_2024 = [2, 3, 5, 6, 9, 10, 12]
BOARD_MEETING_NOTE = (
    "Ungefärligt datum: verksamhetsberättelsen 2024 räknar sju styrelsemöten men anger inga "
    "datum. Kansliet rättar det."
)

Decision = AnnualMeetingDecision.Kind
DECISION_NUMBER_NOTE = (
    "Numbered in the order of the annual report 2024; the minutes are not in the sources."
)
# (kind, title, text, note) – the annual report 2024, "Årsmöte".
ANNUAL_MEETING_DECISIONS_2024 = [
    (
        Decision.ANNUAL_PLAN_AND_BUDGET,
        "Verksamhetsplan och budget 2024",
        "Årsmötet fastställde verksamhetsplan och budget.",
        "Not stated in the annual report 2024: adopting the annual plan and budget is the annual "
        "meeting's task under the bylaws, so it is recorded here. " + DECISION_NUMBER_NOTE,
    ),
    (
        Decision.ELECTION,
        "Val av ordförande",
        "Fredrik Hansson (S), kommunalråd i Luleå kommun, återvaldes till ordförande.",
        DECISION_NUMBER_NOTE,
    ),
    (
        Decision.ELECTION,
        "Val av ny styrelseledamot",
        "Håkan Eriksson (C) från Borås valdes in som ny ledamot i styrelsen.",
        DECISION_NUMBER_NOTE,
    ),
    (
        Decision.OTHER,
        "Förslag till ny fördelningsmodell för medlemsavgifterna",
        "Styrelsen presenterade ett förslag på en ny fördelningsmodell för nätverkets "
        "medlemsavgifter. Medlemmarna fattar beslut om den på årsmötet 2025.",
        "Presented, not decided: the decision belongs to the 2025 annual meeting. "
        + DECISION_NUMBER_NOTE,
    ),
    (
        Decision.OTHER,
        "Nätverkets långsiktiga strategi",
        "Nätverkets långsiktiga strategi presenterades.",
        DECISION_NUMBER_NOTE,
    ),
    (
        Decision.OTHER,
        "Avtackning av Peter Romlén",
        "Mötet avslutades med en avtackning av styrelseledamoten Peter Romlén (SD) från Vara, "
        "som tack för hans engagemang i styrelsen.",
        DECISION_NUMBER_NOTE,
    ),
]

Body = Representation.Body
COORDINATOR = "Johanna Linnarsson"
# (body, person, represents the network as, period, note) – the annual report 2024,
# "WHO:s Political och Advisory Committee" and "Nordiskt samarbete".
REPRESENTATION = [
    (
        Body.WHO_POLITICAL_COMMITTEE,
        "Fredrik Hansson",
        "nätverkets ordförande",
        {"start_date": date(2023, 1, 1), "start_precision": DatePrecision.YEAR},
        "Since 2023 (annual report 2024); the end is not in the sources.",
    ),
    (
        Body.WHO_ADVISORY_COMMITTEE,
        COORDINATOR,
        "nätverkets koordinator",
        {
            "start_date": date(2022, 1, 1),
            "start_precision": DatePrecision.YEAR,
            "end_date": date(2024, 12, 31),
            "end_precision": DatePrecision.YEAR,
        },
        "Elected for the period 2022–2024 (annual report 2024).",
    ),
    (
        Body.NORDIC_COORDINATORS,
        COORDINATOR,
        "nätverkets koordinator",
        {"start_date": date(2024, 1, 1), "start_precision": DatePrecision.ON_OR_BEFORE},
        "The Nordic national Healthy Cities networks' coordinators meet regularly; the start is "
        "not in the sources.",
    ),
]
ADVISORY_MEETING_NOTE = (
    "Placeholder date: the annual report 2024 counts three digital meetings and one physical "
    "meeting at the WHO office in Copenhagen but gives no dates. To be corrected by the "
    "secretariat."
)
# (body, placeholder month, digital, place, note)
REPRESENTATION_MEETINGS_2024 = [
    (Body.WHO_ADVISORY_COMMITTEE, date(2024, 2, 1), True, "", ADVISORY_MEETING_NOTE),
    (Body.WHO_ADVISORY_COMMITTEE, date(2024, 4, 1), True, "", ADVISORY_MEETING_NOTE),
    (
        Body.WHO_ADVISORY_COMMITTEE,
        date(2024, 6, 1),
        False,
        "WHO-kontoret, Köpenhamn",
        ADVISORY_MEETING_NOTE,
    ),
    (Body.WHO_ADVISORY_COMMITTEE, date(2024, 10, 1), True, "", ADVISORY_MEETING_NOTE),
]
NORDIC_SEMINAR_2024 = {
    "date": date(2024, 9, 12),
    "date_precision": DatePrecision.DAY,
    "digital": True,
    "note": "The Nordic Healthy Cities networks' digital seminar on the Wellbeing Economy, "
    "about 100 participants.",
}


@transaction.atomic
def load_governance_demo() -> dict[str, int]:
    report = {
        "annual_meetings": 0,
        "board_terms": 0,
        "board_meetings": 0,
        "annual_meeting_decisions": 0,
        "representations": 0,
        "representation_meetings": 0,
    }
    annual_meeting = AnnualMeeting.objects.filter(date=ANNUAL_MEETING_2024["date"]).first()
    if annual_meeting is None:
        annual_meeting = annual_meeting_save(
            meeting=AnnualMeeting(**ANNUAL_MEETING_2024), actor=ACTOR
        )
        report["annual_meetings"] += 1

    organisations = Organisation.objects.in_bulk([row[3] for row in BOARD_2024], field_name="code")

    def term(name, role, party, code, **fields) -> None:
        if BoardTerm.objects.filter(
            person_name=name, role=role, start_date=fields["start_date"]
        ).exists():
            return
        board_term_start(
            person_name=name,
            role=role,
            party=party,
            organisation=organisations[code],
            actor=ACTOR,
            **fields,
        )
        report["board_terms"] += 1

    elected = {"start_date": annual_meeting.date, "elected_at": annual_meeting}
    for name, role, party, code, when in BOARD_2024:
        if when == "before":
            term(name, role, party, code, **BEFORE_2024)
        elif when == "elected":
            term(name, role, party, code, **elected)
        elif when == "left":
            term(name, role, party, code, **BEFORE_2024, end_date=LAST_DAY_BEFORE_ANNUAL_MEETING)
        else:  # re-elected at the annual meeting: the old term ends, a new one begins
            term(name, role, party, code, **BEFORE_2024, end_date=LAST_DAY_BEFORE_ANNUAL_MEETING)
            term(name, role, party, code, **elected)

    for month in BOARD_MEETING_MONTHS_2024:
        day = date(2024, month, 1)
        if BoardMeeting.objects.filter(date=day).exists():
            continue
        board_meeting_save(
            meeting=BoardMeeting(
                date=day, date_precision=DatePrecision.MONTH, note=BOARD_MEETING_NOTE
            ),
            actor=ACTOR,
        )
        report["board_meetings"] += 1

    for kind, title, text, note in ANNUAL_MEETING_DECISIONS_2024:
        if annual_meeting.decisions.filter(title=title).exists():
            continue
        annual_meeting_decision_add(
            meeting=annual_meeting, kind=kind, title=title, text=text, note=note, actor=ACTOR
        )
        report["annual_meeting_decisions"] += 1

    _load_representation(report)
    return report


def _load_representation(report: dict[str, int]) -> None:
    seats = {}
    for body, person, role, period, note in REPRESENTATION:
        seat = Representation.objects.filter(
            body=body, person_name=person, start_date=period["start_date"]
        ).first()
        if seat is None:
            seat = representation_save(
                representation=Representation(
                    body=body, person_name=person, role_description=role, note=note, **period
                ),
                actor=ACTOR,
            )
            report["representations"] += 1
        seats[body] = seat

    meetings = [
        (
            seats[body],
            {
                "date": day,
                "date_precision": DatePrecision.MONTH,
                "digital": digital,
                "place": place,
                "note": note,
            },
        )
        for body, day, digital, place, note in REPRESENTATION_MEETINGS_2024
    ]
    meetings.append((seats[Body.NORDIC_COORDINATORS], NORDIC_SEMINAR_2024))
    for seat, fields in meetings:
        if seat.meetings.filter(date=fields["date"], digital=fields["digital"]).exists():
            continue
        representation_meeting_save(
            meeting=RepresentationMeeting(representation=seat, **fields), actor=ACTOR
        )
        report["representation_meetings"] += 1


def link_meetings_to_events() -> int:
    """Link each annual meeting without a calendar event to the annual meeting event that starts
    on its day, if there is exactly one not yet linked. Idempotent; returns the links made.

    Called by the demo loader once both the governance records and the events are loaded.
    """
    linked = 0
    with transaction.atomic():
        for meeting in AnnualMeeting.objects.filter(event__isnull=True).order_by("date"):
            candidates = list(
                Event.objects.filter(
                    kind=Event.Kind.ANNUAL_MEETING,
                    starts__date=meeting.date,
                    annual_meeting__isnull=True,
                )[:2]
            )
            if len(candidates) != 1:
                continue  # none, or ambiguous: left for the secretariat
            meeting.event = candidates[0]
            annual_meeting_save(meeting=meeting, actor=ACTOR)
            linked += 1
    return linked


# The board meetings' agenda and decisions are not in the sources: the examples below show what
# the records hold (each meeting's note says the day is unknown); the secretariat replaces them.
BOARD_AGENDA = (
    "1. Mötets öppnande\n2. Val av justerare\n3. Föregående protokoll\n4. {topic}\n5. Övriga frågor"
)
BOARD_DECISIONS_2024 = {
    2: "Förslag till verksamhetsberättelse 2023 lämnas till årsmötet",
    3: "Styrelsen konstituerar sig efter årsmötet",
    5: "Rekryteringsarbetet: projektledare anställs för medlemsrekrytering",
    6: "Program för höstmötet i Stockholm 21–22 oktober",
    9: "Yttrande över Folkhälsomyndighetens remiss lämnas",
    10: "Förslag till budget och medlemsavgifter 2025",
    12: "Verksamhetsplan 2025 antas som förslag till årsmötet",
}


@transaction.atomic
def board_meetings_demo() -> int:
    """Each 2024 board meeting without a calendar event gets one (for the board, its month
    only), an agenda and example decisions. Idempotent; returns the events made."""
    from hcs.events.services import event_save
    from hcs.governance.services import board_decision_add
    from hcs.lib.dates import local_day_bounds

    made = 0
    for meeting in BoardMeeting.objects.filter(event__isnull=True, date__year=2024):
        start, end = local_day_bounds(meeting.date)
        topic = BOARD_DECISIONS_2024.get(meeting.date.month, "Verksamheten")
        event = event_save(
            event=Event(
                title=f"Styrelsemöte {meeting.date:%Y-%m}",
                kind=Event.Kind.BOARD_MEETING,
                audience=Event.Audience.BOARD,
                starts=start,
                ends=end - timedelta(minutes=1),
                all_day=True,
                date_precision=meeting.date_precision,
                description=meeting.note,
            ),
            actor=ACTOR,
        )
        meeting.event = event
        meeting.agenda = BOARD_AGENDA.format(topic=topic)
        board_meeting_save(meeting=meeting, actor=ACTOR)
        for title in (
            "Mötets öppnande och val av justerare",
            "Föregående protokoll läggs till handlingarna",
            topic,
        ):
            board_decision_add(meeting=meeting, title=title, actor=ACTOR)
        made += 1
    return made
