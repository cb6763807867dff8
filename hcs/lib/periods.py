"""Periods with a start date and an end date (inclusive, or open): memberships, contact roles,
board terms. One definition of "in effect" for every query and filter."""

from datetime import date

from django.db.models import Q


def in_effect(first: date, last: date | None = None) -> Q:
    """Rows whose period shares at least one day with `first`..`last` (just `first` if no
    `last`). The fields are `start_date` and `end_date`; an empty end means open."""
    last = last or first
    return Q(start_date__lte=last) & (Q(end_date__isnull=True) | Q(end_date__gte=first))
