"""The back office saves the board's records through the services."""

from datetime import date

import pytest

from hcs.governance.models import (
    AnnualMeetingDecision,
    BoardDecision,
    BoardMeeting,
    BoardTerm,
    Representation,
)
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


# The coordinator's back office ----------------------------------------------------------------


@pytest.mark.parametrize("model", ["annualmeeting", "boardmeeting", "boardterm", "representation"])
def test_the_coordinator_may_open_the_add_and_change_pages(demo, coordinator_client, model):
    from django.apps import apps

    obj = apps.get_model("governance", model).objects.order_by("pk").first()
    for url in (
        f"/admin/governance/{model}/",
        f"/admin/governance/{model}/add/",
        f"/admin/governance/{model}/{obj.pk}/change/",
    ):
        assert coordinator_client.get(url).status_code == 200, url


def _inline(prefix, rows, **management):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        **management,
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def test_annual_meeting_decisions_entered_in_the_admin_are_numbered(coordinator_client):
    decision = {"number": "", "kind": "election", "title": "", "text": "", "note": ""}
    data = {
        "date": "2024-03-14",
        "place": "Norrköping",
        "event": "",
        "note": "",
        **_inline(
            "decisions",
            [{**decision, "title": "Val av ordförande"}, {**decision, "title": "Val av ledamot"}],
        ),
    }
    response = coordinator_client.post("/admin/governance/annualmeeting/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(AnnualMeetingDecision.objects.values_list("number", "title")) == [
        (1, "Val av ordförande"),
        (2, "Val av ledamot"),
    ]


def _representation_form(**fields):
    return {
        "body": "who_advisory_committee",
        "body_name": "",
        "person_name": "Johanna Linnarsson",
        "role_description": "nätverkets koordinator",
        "start_date": "2022-01-01",
        "start_precision": "year",
        "end_date": "2024-12-31",
        "end_precision": "year",
        "note": "",
        **_inline("meetings", []),
        **fields,
    }


def test_a_seat_ending_before_it_starts_is_refused_in_the_admin(coordinator_client):
    response = coordinator_client.post(
        "/admin/governance/representation/add/",
        _representation_form(end_date="2021-12-31"),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "The representation cannot end before it starts." in response.content.decode()
    assert not Representation.objects.exists()


def test_a_seat_and_its_meetings_are_saved_in_the_admin(coordinator_client):
    meeting = {"date": "2024-06-01", "date_precision": "month", "digital": "", "note": ""}
    data = _representation_form(
        **_inline("meetings", [{**meeting, "place": "WHO-kontoret, Köpenhamn"}])
    )
    response = coordinator_client.post("/admin/governance/representation/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    seat = Representation.objects.get()
    assert [m.place for m in seat.meetings.all()] == ["WHO-kontoret, Köpenhamn"]


def test_a_meeting_outside_the_seat_is_refused_in_the_admin_and_nothing_is_written(
    coordinator_client,
):
    meeting = {"date": "2025-06-01", "date_precision": "day", "digital": "on", "note": ""}
    data = _representation_form(**_inline("meetings", [{**meeting, "place": ""}]))
    response = coordinator_client.post(
        "/admin/governance/representation/add/",
        data,
        headers={"Accept-Language": "en"},
        follow=True,
    )
    assert "falls outside the representation" in response.content.decode()
    assert not Representation.objects.exists()
