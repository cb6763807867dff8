"""The compliance view's facts: the 2024 demo network against the 2024 criteria."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hcs.criteria.models import Criterion, Status
from hcs.criteria.queries import compliance
from hcs.events.models import Event, Registration
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def _cells(table, code):
    row = next(row for row in table.rows if row.code == code)
    return {cell.criterion.key: cell for cell in row.cells}


def test_the_2024_view_lists_all_20_members_with_a_reason_for_every_verdict(demo_2024):
    table = compliance(2024, today=TODAY)
    assert len(table.rows) == 20
    assert [c.key for c in table.criteria] == [
        "contact_persons",
        "fee_paid",
        "annual_meeting",
        "network_events",
        "website",
        "local_work",
        "goals_and_strategies",
    ]
    for row in table.rows:
        assert len(row.cells) == 7
        assert all(cell.reason for cell in row.cells)
    # A realistic mix: every status occurs.
    statuses = {cell.status for row in table.rows for cell in row.cells}
    assert statuses == {Status.MET, Status.NOT_MET, Status.NOT_ASSESSED}


def test_members_without_both_contact_persons_do_not_meet_the_first_criterion(demo_2024):
    table = compliance(2024, today=TODAY)
    unmet = {row.code for row in table.rows if row.cell("contact_persons").status == "not_met"}
    assert unmet == {"25", "1470"}  # Region Norrbotten and Vara, as the demo leaves them


def test_the_fee_criterion_follows_the_invoices(demo_2024):
    table = compliance(2024, today=TODAY)
    assert _cells(table, "1280")["fee_paid"].status == Status.MET
    assert _cells(table, "1470")["fee_paid"].status == Status.NOT_MET  # Vara has not paid
    assert _cells(table, "2080")["fee_paid"].status == Status.NOT_MET  # Falun paid half


def test_norrbotten_joined_after_the_annual_meeting_so_it_is_not_assessed_on_it(demo_2024):
    cell = _cells(compliance(2024, today=TODAY), "25")["annual_meeting"]
    assert cell.status == Status.NOT_ASSESSED


def test_attendance_at_the_annual_meeting_decides_the_criterion(demo_2024):
    meeting = Event.objects.get(kind=Event.Kind.ANNUAL_MEETING, starts__year=2024)
    lulea = Organisation.objects.get(code="2580")
    Registration.objects.filter(event=meeting, organisation=lulea).update(attended=False)
    cell = _cells(compliance(2024, today=TODAY), "2580")["annual_meeting"]
    assert cell.status == Status.NOT_MET
    assert "0" in cell.reason


def test_a_member_that_left_is_judged_on_its_last_day(demo_2024):
    table = compliance(2023, today=TODAY)
    huddinge = _cells(table, "0126")
    assert set(huddinge) == set(Criterion.objects.filter(year=2023).values_list("key", flat=True))


def test_a_year_without_criteria_has_an_empty_table(demo_2024):
    assert compliance(2030, today=TODAY).rows == []


def test_the_number_of_queries_does_not_grow_with_the_members(demo_2024):
    norrbotten = Organisation.objects.get(code="25")
    with CaptureQueriesContext(connection) as few:
        compliance(2024, today=TODAY, organisation_ids=[norrbotten.pk])
    with CaptureQueriesContext(connection) as all_members:
        table = compliance(2024, today=TODAY)
    assert len(table.rows) == 20
    assert len(few.captured_queries) == len(all_members.captured_queries) <= 9
