"""The database itself refuses what the services refuse, for writes that bypass them."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def lund(db):
    return Organisation.objects.create(
        code="1281", name="Lund", kind="municipality", county_code="12"
    )


def _insert(**fields):
    with transaction.atomic():
        return Membership.objects.create(**fields)


def test_the_database_refuses_an_end_before_the_start(lund):
    with pytest.raises(IntegrityError):
        _insert(organisation=lund, start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))


def test_the_database_refuses_two_open_periods(lund):
    _insert(organisation=lund, start_date=date(2020, 1, 1))
    with pytest.raises(IntegrityError):
        _insert(organisation=lund, start_date=date(2022, 1, 1))


def test_the_database_refuses_a_joining_decision_after_the_start(lund):
    with pytest.raises(IntegrityError):
        _insert(
            organisation=lund,
            start_date=date(2020, 1, 1),
            join_decision_body="Kommunstyrelsen",
            join_decision_date=date(2020, 2, 1),
        )


def test_the_database_refuses_an_exit_decision_without_an_end(lund):
    with pytest.raises(IntegrityError):
        _insert(
            organisation=lund,
            start_date=date(2020, 1, 1),
            exit_decision_body="Kommunstyrelsen",
            exit_decision_date=date(2020, 2, 1),
        )


def test_the_database_refuses_a_region_with_a_municipality_code(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(code="1281", name="X", kind="region", county_code="12")


@pytest.mark.postgresql
def test_postgresql_refuses_overlapping_closed_periods(lund):
    assert connection.vendor == "postgresql"
    _insert(organisation=lund, start_date=date(2010, 1, 1), end_date=date(2015, 12, 31))
    with pytest.raises(IntegrityError):
        _insert(organisation=lund, start_date=date(2015, 12, 31), end_date=date(2016, 12, 31))
    _insert(organisation=lund, start_date=date(2016, 1, 1), end_date=date(2016, 12, 31))
