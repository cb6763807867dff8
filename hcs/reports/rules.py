"""The economy's rules as pure functions."""

from collections.abc import Iterable
from decimal import Decimal


def closing_equity(
    *,
    opening: Decimal,
    income: Iterable[Decimal | None],
    expenses: Iterable[Decimal | None],
) -> Decimal | None:
    """Equity at the end of the year: the opening equity plus the income outcome minus the
    expense outcome. None while any line's outcome is unknown: a partial sum would look final."""
    income, expenses = list(income), list(expenses)
    if any(amount is None for amount in income + expenses):
        return None
    return opening + sum(income, Decimal(0)) - sum(expenses, Decimal(0))
