"""The board of 2024 as the annual report describes it, from the demo data."""

from datetime import date

import pytest

from hcs.governance.demo import load_governance_demo
from hcs.governance.models import AnnualMeeting, BoardMeeting, BoardTerm
from hcs.governance.queries import board_meeting_count, board_on
from hcs.lib.dates import DatePrecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_2024(demo):
    load_governance_demo()


def _names(day):
    return {term.person_name for term in board_on(day)}


def test_on_1_june_2024_the_board_has_seven_members_with_fredrik_hansson_as_chair(board_2024):
    board = board_on(date(2024, 6, 1))
    assert len(board) == 7
    assert board[0].person_name == "Fredrik Hansson"
    assert board[0].role == BoardTerm.Role.CHAIR
    assert board[1].person_name == "Sofia Lindholm"
    assert board[1].role == BoardTerm.Role.VICE_CHAIR


def test_peter_romlen_left_the_board_at_the_2024_annual_meeting(board_2024):
    assert "Peter Romlén" in _names(date(2024, 3, 1))
    assert "Peter Romlén" in _names(date(2024, 3, 13))
    assert "Peter Romlén" not in _names(date(2024, 3, 14))
    assert "Peter Romlén" not in _names(date(2024, 6, 1))


def test_hakan_eriksson_was_elected_at_the_2024_annual_meeting(board_2024):
    assert "Håkan Eriksson" not in _names(date(2024, 3, 13))
    term = BoardTerm.objects.get(person_name="Håkan Eriksson")
    assert term.start_date == date(2024, 3, 14)
    assert term.elected_at.place == "Norrköping"


def test_the_board_has_seven_members_on_every_day_around_the_annual_meeting(board_2024):
    for day in (date(2024, 3, 13), date(2024, 3, 14), date(2024, 3, 15)):
        assert len(board_on(day)) == 7


def test_fredrik_hansson_was_re_elected_chair_at_the_2024_annual_meeting(board_2024):
    terms = BoardTerm.objects.filter(person_name="Fredrik Hansson").order_by("start_date")
    assert [(t.end_date, t.elected_at_id is not None) for t in terms] == [
        (date(2024, 3, 13), False),
        (None, True),
    ]


def test_start_dates_before_2024_are_stored_as_approximate(board_2024):
    term = BoardTerm.objects.get(person_name="Sofia Lindholm")
    assert term.start_date == date(2024, 1, 1)
    assert term.start_precision == DatePrecision.ON_OR_BEFORE


def test_there_were_seven_board_meetings_in_2024(board_2024):
    assert board_meeting_count(2024) == 7
    assert board_meeting_count(2023) == 0


def test_the_dates_of_the_2024_board_meetings_are_marked_as_placeholders(board_2024):
    meetings = BoardMeeting.objects.filter(date__year=2024)
    assert {m.date_precision for m in meetings} == {DatePrecision.MONTH}
    assert all("Ungefärligt datum" in m.note for m in meetings)


def test_the_2024_annual_meeting_was_in_norrkoping_on_14_march(board_2024):
    meeting = AnnualMeeting.objects.get()
    assert (meeting.date, meeting.place) == (date(2024, 3, 14), "Norrköping")


def test_loading_the_demo_again_changes_nothing(board_2024):
    counts = (
        AnnualMeeting.objects.count(),
        BoardTerm.objects.count(),
        BoardMeeting.objects.count(),
    )
    report = load_governance_demo()
    assert report == {
        "annual_meetings": 0,
        "board_terms": 0,
        "board_meetings": 0,
        "annual_meeting_decisions": 0,
        "representations": 0,
        "representation_meetings": 0,
    }
    assert counts == (
        AnnualMeeting.objects.count(),
        BoardTerm.objects.count(),
        BoardMeeting.objects.count(),
    )
