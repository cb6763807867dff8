"""The economy's rules as pure functions."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeGuard


def _all_known(amounts: list[Decimal | None]) -> TypeGuard[list[Decimal]]:
    return all(amount is not None for amount in amounts)


def closing_equity(
    *,
    opening: Decimal,
    income: Iterable[Decimal | None],
    expenses: Iterable[Decimal | None],
) -> Decimal | None:
    """Equity at the end of the year: the opening equity plus the income outcome minus the
    expense outcome. None while any line's outcome is unknown: a partial sum would look final."""
    income, expenses = list(income), list(expenses)
    if not (_all_known(income) and _all_known(expenses)):
        return None
    return opening + sum(income, Decimal(0)) - sum(expenses, Decimal(0))
