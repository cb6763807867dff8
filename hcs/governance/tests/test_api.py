"""GET /api/v1/board: the board on a date, public."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from hcs.governance.demo import load_governance_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_2024(demo):
    load_governance_demo()


def test_anyone_may_read_the_board_on_a_date(board_2024):
    response = Client().get("/api/v1/board", {"on": "2024-06-01"})
    assert response.status_code == 200
    board = response.json()
    assert len(board) == 7
    assert board[0] == {
        "name": "Fredrik Hansson",
        "role": "chair",
        "party": "S",
        "organisation_code": "2580",
    }
    assert board[1]["role"] == "vice_chair"
    assert {row["role"] for row in board[2:]} == {"member"}


def test_the_board_before_the_annual_meeting_includes_peter_romlen(board_2024):
    names = {row["name"] for row in Client().get("/api/v1/board?on=2024-03-01").json()}
    assert "Peter Romlén" in names
    assert "Håkan Eriksson" not in names


def test_without_a_date_the_board_is_todays(board_2024, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2024, 3, 1))
    names = {row["name"] for row in Client().get("/api/v1/board").json()}
    assert "Peter Romlén" in names


def test_an_invalid_date_is_refused_with_422(board_2024):
    response = Client().get("/api/v1/board?on=2024-13-01", headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "on is not a valid date" in response.json()["detail"]


def test_before_any_term_the_board_is_empty(board_2024):
    assert Client().get("/api/v1/board?on=1990-01-01").json() == []
