"""The fee rule: what one member owes for one year. Pure: no database, tested with hypothesis.

    fee = full fee by kind and population, reduced only for a member who joins during the year
          (the year's proration policy) or leaves during it (the year's leaving rule)

A fee model (a proposed way of sharing the fees) only changes the full fee: a fixed amount, a
population tier, or an amount per inhabitant rounded and kept between a floor and a ceiling.

All amounts are whole kronor; a reduced fee is rounded to whole kronor, halves upwards.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hcs.fees.models import FeeMethod, LeavingRule, Proration
from hcs.lib.periods import periods_overlap

# SKR's index as the network applies it, in per cent: never negative, and a figure above 50 is
# a typing error (2,8 typed as 28,0 is still plausible; 280 is not).
INDEX_RANGE = (Decimal(0), Decimal(50))

REGION = "region"


@dataclass(frozen=True)
class Schedule:
    year: int
    tiers: tuple[tuple[int, int], ...]  # (min_population, amount), ascending, the first from 0
    region_amount: int
    proration: str = Proration.NONE
    leaving: str = LeavingRule.FULL_YEAR


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None  # inclusive; None = open


def full_fee(schedule: Schedule, kind: str, population: int | None) -> int | None:
    """The whole year's fee: regions pay the region amount, municipalities by population tier.

    None when a municipality's population is unknown (the fee cannot be computed).
    """
    if kind == REGION:
        return schedule.region_amount
    if population is None:
        return None
    return tier_amount(schedule.tiers, population)


def tier_amount(tiers: tuple[tuple[int, int], ...], population: int) -> int:
    """The amount of the highest tier whose lower bound `population` reaches (tiers ascending)."""
    amount = 0
    for min_population, amount_from in tiers:
        if population >= min_population:
            amount = amount_from
    return amount


def _months(first: date, last: date) -> int:
    """Whole calendar months from `first` to `last` inclusive, counting a month only if whole."""
    start_month = first.month if first.day == 1 else first.month + 1
    end_month = last.month if _is_last_day_of_month(last) else last.month - 1
    return max(0, end_month - start_month + 1)


def _is_last_day_of_month(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def share_of_year(schedule: Schedule, periods: list[Period]) -> Fraction:
    """The share of the full fee owed for the year, from the membership periods."""
    first_day, last_day = date(schedule.year, 1, 1), date(schedule.year, 12, 31)
    inside = [
        (max(p.start, first_day), min(p.end or last_day, last_day))
        for p in periods
        if periods_overlap(p.start, p.end, first_day, last_day)
    ]
    if not inside:
        return Fraction(0)
    joined = min(start for start, _ in inside)
    left = max(end for _, end in inside)
    share = Fraction(1)
    if joined > first_day:
        if schedule.proration == Proration.HALF:
            share = Fraction(1, 2)
        elif schedule.proration == Proration.MONTHS:
            share = Fraction(_months(joined, last_day), 12)
    if left < last_day and schedule.leaving == LeavingRule.MONTHS:
        share = min(share, Fraction(_months(joined if joined > first_day else first_day, left), 12))
    return share


def membership_fee(
    schedule: Schedule, kind: str, population: int | None, periods: list[Period]
) -> int | None:
    """What a member owes for `schedule.year`: 0 for a non-member, None if it cannot be computed."""
    share = share_of_year(schedule, periods)
    if share == 0:
        return 0
    return prorated(full_fee(schedule, kind, population), share)


def prorated(full: int | None, share: Fraction) -> int | None:
    """`share` of a full fee in whole kronor, halves upwards; None if the fee is unknown."""
    if full is None:
        return None
    exact = Decimal(full) * share.numerator / share.denominator
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def index_amount(amount: int, percent: Decimal, rounding: int) -> int:
    """Next year's amount: `amount` raised by `percent` and rounded to the nearest `rounding`."""
    raised = Decimal(amount) * (1 + percent / 100) / rounding
    return int(raised.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * rounding


@dataclass(frozen=True)
class Pricing:
    """How one group of members pays for a full year under a fee model."""

    method: str  # a FeeMethod
    amount: int | None = None  # FIXED
    tiers: tuple[tuple[int, int], ...] = ()  # TIERS: (min_population, amount), ascending
    per_inhabitant: Decimal | None = None  # PER_INHABITANT, with the bounds and the rounding
    floor: int | None = None
    ceiling: int | None = None
    rounding: int = 1


@dataclass(frozen=True)
class Distribution:
    """A fee model as the rule sees it: how municipalities pay and how regions pay."""

    municipalities: Pricing
    regions: Pricing


def per_inhabitant_amount(
    population: int,
    per_inhabitant: Decimal,
    *,
    floor: int | None = None,
    ceiling: int | None = None,
    rounding: int = 1,
) -> int:
    """`per_inhabitant` × population rounded to the nearest `rounding`, then kept within bounds.

    The bounds apply after rounding, so a floor or ceiling that is not a round sum still holds.
    """
    exact = Decimal(per_inhabitant) * population / rounding
    amount = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * rounding
    if floor is not None:
        amount = max(amount, floor)
    if ceiling is not None:
        amount = min(amount, ceiling)
    return amount


def priced_fee(pricing: Pricing, population: int | None) -> int | None:
    """The full year's fee by `pricing`; None when it needs a population that is unknown."""
    if pricing.method == FeeMethod.FIXED:
        return pricing.amount
    if population is None:
        return None
    if pricing.method == FeeMethod.TIERS:
        return tier_amount(pricing.tiers, population)
    if pricing.method == FeeMethod.PER_INHABITANT and pricing.per_inhabitant is not None:
        return per_inhabitant_amount(
            population,
            pricing.per_inhabitant,
            floor=pricing.floor,
            ceiling=pricing.ceiling,
            rounding=pricing.rounding,
        )
    raise ValueError(f"Cannot price by {pricing!r}")


def model_full_fee(distribution: Distribution, kind: str, population: int | None) -> int | None:
    """A member's full year's fee under a fee model."""
    pricing = distribution.regions if kind == REGION else distribution.municipalities
    return priced_fee(pricing, population)
