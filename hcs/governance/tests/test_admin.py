"""The back office saves the board's records through the services."""

from datetime import date

import pytest

from hcs.governance.models import BoardDecision, BoardMeeting, BoardTerm
from hcs.governance.services import board_term_start
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def lulea(db):
    return Organisation.objects.create(
        code="2580", name="Luleå", kind="municipality", county_code="25"
    )


def _term_form(organisation, name, start):
    return {
        "person_name": name,
        "role": "chair",
        "party": "S",
        "organisation": organisation.pk,
        "start_date": start,
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "elected_at": "",
        "note": "",
    }


def test_a_second_chair_is_refused_in_the_admin_and_nothing_is_written(admin_client, lulea):
    board_term_start(
        person_name="Fredrik Hansson",
        role="chair",
        organisation=lulea,
        start_date=date(2024, 1, 1),
        actor="test",
    )
    response = admin_client.post(
        "/admin/governance/boardterm/add/",
        _term_form(lulea, "Sofia Lindholm", "2024-06-01"),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "the board has one chair at a time" in response.content.decode()
    assert BoardTerm.objects.count() == 1


def test_a_term_added_in_the_admin_is_saved(admin_client, lulea):
    response = admin_client.post(
        "/admin/governance/boardterm/add/", _term_form(lulea, "Fredrik Hansson", "2024-03-14")
    )
    assert response.status_code == 302
    assert BoardTerm.objects.get().person_name == "Fredrik Hansson"


def test_decisions_entered_without_numbers_are_numbered_in_order(admin_client):
    prefix = "decisions"
    data = {
        "date": "2024-02-01",
        "date_precision": "month",
        "place": "digital",
        "agenda": "",
        "minutes": "",
        "note": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-number": "",
        f"{prefix}-0-title": "Opening",
        f"{prefix}-0-text": "",
        f"{prefix}-1-number": "",
        f"{prefix}-1-title": "Budget",
        f"{prefix}-1-text": "",
    }
    response = admin_client.post("/admin/governance/boardmeeting/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = BoardMeeting.objects.get()
    assert list(BoardDecision.objects.filter(meeting=meeting).values_list("number", "title")) == [
        (1, "Opening"),
        (2, "Budget"),
    ]
