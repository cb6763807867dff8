"""The board of 2024 as the seeds describe it (annual report 2024), loaded through the services.

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
"""

from datetime import date

from django.db import transaction

from hcs.governance.models import AnnualMeeting, BoardMeeting, BoardTerm
from hcs.governance.services import annual_meeting_save, board_meeting_save, board_term_start
from hcs.lib.dates import DatePrecision
from hcs.organisations.models import Organisation

ACTOR = "load_demo"

ANNUAL_MEETING_2024 = {
    "date": date(2024, 3, 14),
    "place": "Norrköping",
    "note": "Held at the annual conference 14–15 March 2024, with Region Östergötland.",
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
    "Placeholder date: the annual report 2024 counts seven board meetings but gives no dates. "
    "To be corrected by the secretariat."
)


@transaction.atomic
def load_governance_demo() -> dict[str, int]:
    report = {"annual_meetings": 0, "board_terms": 0, "board_meetings": 0}
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
    return report
