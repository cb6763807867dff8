from datetime import date, timedelta

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from hcs.lib.periods import periods_overlap
from hcs.memberships.models import Membership
from hcs.memberships.rules import count_phrase

DAYS = st.dates(min_value=date(2004, 1, 1), max_value=date(2004, 3, 31))
ENDS = st.one_of(st.none(), DAYS)


def _period(start, end):
    return (start, end) if end is None or end >= start else (end, start)


def _days(start, end, horizon=date(2004, 4, 30)):
    last = end or horizon
    return {start + timedelta(n) for n in range((last - start).days + 1)}


@given(DAYS, ENDS, DAYS, ENDS)
def test_periods_overlap_exactly_when_they_share_a_day(a_start, a_end, b_start, b_end):
    a, b = _period(a_start, a_end), _period(b_start, b_end)
    shares_a_day = bool(_days(*a) & _days(*b))
    assert periods_overlap(*a, *b) == shares_a_day
    assert periods_overlap(*a, *b) == periods_overlap(*b, *a)


def test_leaving_on_one_day_and_rejoining_the_next_is_no_overlap():
    assert not periods_overlap(date(2008, 10, 20), date(2023, 12, 31), date(2024, 1, 1), None)


def test_an_open_period_overlaps_everything_after_its_start():
    assert periods_overlap(date(2020, 1, 1), None, date(2030, 1, 1), date(2030, 1, 2))


@given(DAYS, ENDS, DAYS)
def test_member_on_a_day_within_the_period_and_on_its_last_day(start, end, day):
    start, end = _period(start, end)
    membership = Membership(start_date=start, end_date=end)
    assert membership.is_active_on(day) == (day in _days(start, end))


def test_count_phrase_reads_as_in_the_annual_report():
    with translation.override("sv"):
        assert count_phrase(regions=6, municipalities=14) == (
            "20 medlemmar: 6 regioner och 14 kommuner"
        )
        assert count_phrase(regions=1, municipalities=0) == "1 medlem: 1 region och 0 kommuner"
    with translation.override("en"):
        assert count_phrase(regions=6, municipalities=14) == (
            "20 members: 6 regions and 14 municipalities"
        )
