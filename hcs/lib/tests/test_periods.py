"""`in_effect` is the database's form of the overlap rule: the two never disagree."""

from datetime import date

import pytest

from hcs.lib.periods import in_effect, periods_overlap
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation

PERIODS = [
    (date(2008, 10, 20), date(2023, 12, 31)),
    (date(2024, 6, 1), None),
    (date(2024, 1, 1), date(2024, 1, 1)),
    (date(2020, 1, 1), date(2024, 5, 31)),
]
WINDOWS = [
    (date(2024, 6, 1), None),
    (date(2024, 1, 1), date(2024, 12, 31)),
    (date(2023, 12, 31), None),
    (date(2024, 1, 2), date(2024, 5, 31)),
    (date(2030, 1, 1), None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("first", "last"), WINDOWS)
def test_in_effect_selects_exactly_the_periods_that_share_a_day(first, last):
    for n, (start, end) in enumerate(PERIODS):
        organisation = Organisation.objects.create(
            code=f"01{n:02d}", name=f"Kommun {n}", kind="municipality", county_code="01"
        )
        Membership.objects.create(organisation=organisation, start_date=start, end_date=end)
    selected = set(
        Membership.objects.filter(in_effect(first, last)).values_list("start_date", "end_date")
    )
    expected = {
        (start, end) for start, end in PERIODS if periods_overlap(start, end, first, last or first)
    }
    assert selected == expected
