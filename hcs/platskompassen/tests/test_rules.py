"""The statistics of a theme, from its distribution, against Python's own statistics."""

import statistics as py

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcs.platskompassen.rules import statistics


def _distribution(scores, top=7):
    counts = [0] * top
    for score in scores:
        counts[score - 1] += 1
    return counts


@given(st.lists(st.integers(1, 7), min_size=1, max_size=300))
def test_mean_and_median_equal_an_independent_computation(scores):
    result = statistics(_distribution(scores))
    assert result.n == len(scores)
    assert result.mean == sum(scores) / len(scores)
    assert result.median == py.median(scores)


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_scores():
    assert statistics(_distribution([2, 3, 6, 7])).median == 4.5


def test_no_answers_give_no_mean():
    result = statistics([0] * 7)
    assert (result.n, result.mean, result.median) == (0, None, None)


def test_the_childrens_three_point_scale():
    assert statistics(_distribution([1, 3, 3], top=3)).median == 3


@pytest.mark.django_db(transaction=True)
def test_an_emptied_database_gets_the_core_tool_back():
    """`manage.py flush` (and every transactional test's teardown) empties the tables; the core
    tool is part of the schema, so it comes back, and a survey can still be started."""
    from django.core.management import call_command

    from hcs.platskompassen.core_tool import CORE_THEMES, CORE_TOOL
    from hcs.platskompassen.models import Theme, ToolVersion

    call_command("flush", interactive=False, verbosity=0)
    tool = ToolVersion.objects.get(key=CORE_TOOL["key"])
    assert Theme.objects.filter(tool=tool).count() == len(CORE_THEMES) == 14
