"""What each member owes for a year by the rules (the fee summary), and under a fee model."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _

from hcs.fees.models import FeeModel, FeeSchedule
from hcs.fees.rules import (
    Distribution,
    Period,
    Pricing,
    Schedule,
    full_fee,
    membership_fee,
    model_full_fee,
    prorated,
    share_of_year,
)
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
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
        Membership.objects.filter(in_effect(date(year, 1, 1), date(year, 12, 31)))
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
    for organisation_id, figure_year, inhabitants in figures.values_list(
        "organisation_id", "year", "population"
    ):
        populations.setdefault(organisation_id, (inhabitants, figure_year))

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


def schedule_before(year: int) -> FeeSchedule | None:
    """The newest schedule before `year`: whose rules a new year's schedule takes over."""
    return FeeSchedule.objects.filter(year__lt=year).order_by("-year").first()


def as_distribution(model: FeeModel) -> Distribution:
    """A fee model as the rule sees it (uses the model's prefetched tiers)."""
    return Distribution(
        municipalities=Pricing(
            method=model.kind,
            tiers=tuple((t.min_population, t.amount) for t in model.municipal_tiers),
            per_inhabitant=model.per_inhabitant,
            floor=model.floor,
            ceiling=model.ceiling,
            rounding=model.rounding,
        ),
        regions=Pricing(
            method=model.region_kind,
            amount=model.region_amount,
            tiers=tuple((t.min_population, t.amount) for t in model.region_tiers),
            per_inhabitant=model.region_per_inhabitant,
            floor=model.region_floor,
            ceiling=model.region_ceiling,
            rounding=model.rounding,
        ),
    )


def fee_model_get(pk: int) -> FeeModel:
    """A fee model with its tiers and adoption, or 404."""
    model = (
        FeeModel.objects.select_related("adopted_as")
        .prefetch_related("tiers")
        .filter(pk=pk)
        .first()
    )
    if model is None:
        raise Http404(_("There is no such fee model."))
    return model


def fee_models() -> list[FeeModel]:
    return list(FeeModel.objects.select_related("adopted_as").prefetch_related("tiers"))


def comparison_year(model: FeeModel) -> int:
    """The year a model is compared with by default: the newest schedule before the model's year.

    404 when there is no schedule at all to compare with.
    """
    years = FeeSchedule.objects.order_by("-year").values_list("year", flat=True)
    year = years.filter(year__lt=model.year).first() or years.first()
    if year is None:
        raise Http404(_("There is no fee schedule to compare with."))
    return year


@dataclass(frozen=True)
class ComparisonLine:
    line: FeeLine  # the member as the year's summary has it: population, current fee
    model_full_fee: int | None
    model_fee: int | None  # None: the population is unknown and the model needs it

    @property
    def difference(self) -> int | None:
        if self.model_fee is None or self.line.fee is None:
            return None
        return self.model_fee - self.line.fee


@dataclass(frozen=True)
class FeeModelComparison:
    model: FeeModel
    summary: FeeSummary
    lines: list[ComparisonLine]

    @property
    def year(self) -> int:
        return self.summary.year

    @property
    def current_total(self) -> int:
        return self.summary.total

    @property
    def model_total(self) -> int:
        return sum(line.model_fee or 0 for line in self.lines)

    @property
    def difference(self) -> int:
        return self.model_total - self.current_total

    @property
    def incomplete(self) -> list[ComparisonLine]:
        return [line for line in self.lines if line.model_fee is None or line.line.fee is None]


def fee_model_comparison(model: FeeModel, year: int) -> FeeModelComparison:
    """What every member during `year` pays by that year's schedule and would pay under `model`.

    Same members, same populations (the summary's) and the year's rules for members joining or
    leaving during it: only the sharing of the fees differs. 5 queries with the model's tiers.
    """
    summary = fee_summary(year)
    schedule = as_rule(summary.schedule)
    distribution = as_distribution(model)
    lines = []
    for line in summary.lines:
        full = model_full_fee(distribution, line.kind, line.population)
        share = share_of_year(schedule, list(line.periods))
        lines.append(
            ComparisonLine(line=line, model_full_fee=full, model_fee=prorated(full, share))
        )
    return FeeModelComparison(model=model, summary=summary, lines=lines)
