"""What each member owes for a year by the rules: the fee summary."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _

from hcs.fees.models import FeeSchedule
from hcs.fees.rules import Period, Schedule, full_fee, membership_fee
from hcs.memberships.models import Membership
from hcs.memberships.queries import active_between
from hcs.organisations.models import Population


@dataclass(frozen=True)
class FeeLine:
    code: str
    name: str
    kind: str
    population: int | None
    population_year: int | None
    full_fee: int | None
    fee: int | None  # None: a municipality whose population is unknown
    periods: tuple[Period, ...]


@dataclass(frozen=True)
class FeeSummary:
    year: int
    schedule: FeeSchedule
    lines: list[FeeLine]

    @property
    def total(self) -> int:
        return sum(line.fee or 0 for line in self.lines)

    @property
    def incomplete(self) -> list[FeeLine]:
        return [line for line in self.lines if line.fee is None]


def schedule_for(year: int) -> FeeSchedule:
    schedule = FeeSchedule.objects.prefetch_related("tiers").filter(year=year).first()
    if schedule is None:
        raise Http404(_("There is no fee schedule for %(year)d.") % {"year": year})
    return schedule


def as_rule(schedule: FeeSchedule) -> Schedule:
    return Schedule(
        year=schedule.year,
        tiers=tuple(
            (tier.min_population, tier.amount)
            for tier in sorted(schedule.tiers.all(), key=lambda t: t.min_population)
        ),
        region_amount=schedule.region_amount,
        proration=schedule.proration,
        leaving=schedule.leaving,
    )


def fee_summary(year: int) -> FeeSummary:
    """Every member during `year` with its population, full fee and what it owes (4 queries)."""
    schedule = schedule_for(year)
    rule = as_rule(schedule)
    memberships = (
        Membership.objects.filter(active_between(date(year, 1, 1), date(year, 12, 31)))
        .select_related("organisation")
        .order_by("organisation__name", "start_date")
    )
    periods: dict[int, list[Period]] = defaultdict(list)
    organisations = {}
    for m in memberships:
        organisations[m.organisation_id] = m.organisation
        periods[m.organisation_id].append(Period(m.start_date, m.end_date))

    # The population on 31 December of the schedule's population year; if SCB's figure for
    # that year is not loaded yet, the newest earlier one (the line says which year).
    populations: dict[int, tuple[int, int]] = {}
    figures = Population.objects.filter(
        organisation_id__in=list(organisations), year__lte=schedule.population_year
    ).order_by("organisation_id", "-year")
    for organisation_id, figure_year, population in figures.values_list(
        "organisation_id", "year", "population"
    ):
        populations.setdefault(organisation_id, (population, figure_year))

    lines = []
    for organisation_id, organisation in organisations.items():
        population, population_year = populations.get(organisation_id, (None, None))
        lines.append(
            FeeLine(
                code=organisation.code,
                name=organisation.name,
                kind=organisation.kind,
                population=population,
                population_year=population_year,
                full_fee=full_fee(rule, organisation.kind, population),
                fee=membership_fee(rule, organisation.kind, population, periods[organisation_id]),
                periods=tuple(periods[organisation_id]),
            )
        )
    lines.sort(key=lambda line: (line.kind != "region", line.name))
    return FeeSummary(year=year, schedule=schedule, lines=lines)


def tier_ranges(schedule: FeeSchedule) -> list[tuple[int, int | None, int]]:
    """(from, to inclusive or None for "and more", amount) per tier, as the fee table shows them."""
    tiers = sorted(schedule.tiers.all(), key=lambda t: t.min_population)
    uppers = [tier.min_population - 1 for tier in tiers[1:]] + [None]
    return [(t.min_population, upper, t.amount) for t, upper in zip(tiers, uppers, strict=True)]


def current_schedule(today: date) -> FeeSchedule | None:
    """The newest schedule for this year or earlier: the fee table the public sees."""
    return FeeSchedule.objects.prefetch_related("tiers").filter(year__lte=today.year).first()
