"""The fee rule, as the network states it, checked on examples and on generated cases."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcs.fees.models import LeavingRule, Proration
from hcs.fees.rules import Period, Schedule, full_fee, index_amount, membership_fee

FEES_2024 = Schedule(
    year=2024,
    tiers=((0, 23400), (20000, 41000), (200000, 58500)),
    region_amount=58500,
    proration=Proration.HALF,
)
WHOLE_YEAR = [Period(date(2008, 10, 20), None)]

populations = st.integers(min_value=0, max_value=3_000_000)
days_2024 = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31))
policies = st.sampled_from(list(Proration))
leaving_rules = st.sampled_from(list(LeavingRule))


def _schedule(proration=Proration.HALF, leaving=LeavingRule.FULL_YEAR):
    return Schedule(2024, FEES_2024.tiers, 58500, proration, leaving)


@pytest.mark.parametrize(
    ("population", "fee"),
    [(0, 23400), (13660, 23400), (19999, 23400), (20000, 41000), (199999, 41000), (200000, 58500)],
)
def test_tier_boundaries_land_right(population, fee):
    assert full_fee(FEES_2024, "municipality", population) == fee


def test_region_norrbotten_joining_in_june_pays_half():
    assert membership_fee(FEES_2024, "region", 248480, [Period(date(2024, 6, 1), None)]) == 29250


def test_malmo_a_member_all_year_pays_the_top_tier():
    assert membership_fee(FEES_2024, "municipality", 362133, WHOLE_YEAR) == 58500


def test_remaining_whole_months_policy():
    schedule = _schedule(Proration.MONTHS)
    # From 1 June: June–December, 7 months. From 15 June: July–December, 6 months.
    assert membership_fee(schedule, "region", None, [Period(date(2024, 6, 1), None)]) == 34125
    assert membership_fee(schedule, "region", None, [Period(date(2024, 6, 15), None)]) == 29250


def test_a_member_leaving_during_the_year_pays_the_whole_year_by_default():
    left_in_april = [Period(date(2010, 1, 1), date(2024, 4, 30))]
    assert membership_fee(_schedule(), "region", None, left_in_april) == 58500
    by_months = _schedule(leaving=LeavingRule.MONTHS)
    assert membership_fee(by_months, "region", None, left_in_april) == 19500  # 4 of 12


def test_a_municipality_with_unknown_population_cannot_be_computed():
    assert membership_fee(FEES_2024, "municipality", None, WHOLE_YEAR) is None


@given(population=populations, policy=policies, leaving=leaving_rules, start=days_2024)
def test_a_region_always_pays_the_region_amount_for_a_whole_year(
    population, policy, leaving, start
):
    schedule = _schedule(policy, leaving)
    assert membership_fee(schedule, "region", population, WHOLE_YEAR) == 58500
    assert full_fee(schedule, "region", population) == 58500


@given(smaller=populations, larger=populations)
def test_the_fee_never_falls_when_population_grows(smaller, larger):
    smaller, larger = sorted((smaller, larger))
    assert full_fee(FEES_2024, "municipality", smaller) <= full_fee(
        FEES_2024, "municipality", larger
    )


@given(
    population=populations,
    kind=st.sampled_from(["municipality", "region"]),
    policy=policies,
    leaving=leaving_rules,
    start=days_2024,
    end=st.one_of(st.none(), days_2024),
)
def test_pro_rating_never_gives_more_than_the_full_fee(
    population, kind, policy, leaving, start, end
):
    if end is not None and end < start:
        start, end = end, start
    schedule = _schedule(policy, leaving)
    fee = membership_fee(schedule, kind, population, [Period(start, end)])
    assert 0 <= fee <= full_fee(schedule, kind, population)


@given(
    population=populations,
    policy=policies,
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    length=st.integers(min_value=0, max_value=3000),
)
def test_a_non_member_pays_nothing(population, policy, start, length):
    from datetime import timedelta

    end = start + timedelta(days=length)
    outside_2024 = end < date(2024, 1, 1) or start > date(2024, 12, 31)
    fee = membership_fee(_schedule(policy), "municipality", population, [Period(start, end)])
    if outside_2024:
        assert fee == 0
    assert membership_fee(_schedule(policy), "municipality", population, []) == 0


@pytest.mark.parametrize(
    ("amount", "percent", "rounding", "expected"),
    [
        (23400, "2.8", 100, 24100),
        (41000, "2.8", 100, 42100),
        (58500, "2.8", 100, 60100),
        (58500, "0", 100, 58500),
        (58500, "3.1", 10, 60310),
    ],
)
def test_indexing_rounds_to_the_nearest_hundred(amount, percent, rounding, expected):
    assert index_amount(amount, Decimal(percent), rounding) == expected
