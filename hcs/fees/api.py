from datetime import date

from ninja import Router, Schema

from hcs.fees.queries import fee_summary, schedule_for
from hcs.lib.api import Year, errors

router = Router(tags=["fees"])


class TierOut(Schema):
    min_population: int
    amount_sek: int


class ScheduleOut(Schema):
    year: int
    tiers: list[TierOut]
    region_amount_sek: int
    population_date: date
    proration: str
    leaving: str


class FeeLineOut(Schema):
    code: str
    name: str
    kind: str
    population: int | None
    full_fee_sek: int | None
    fee_sek: int | None


class SummaryOut(Schema):
    year: int
    total_sek: int
    members: list[FeeLineOut]


@router.get("/fees/{year}/schedule", response={200: ScheduleOut, **errors(404, 422)})
def get_schedule(request, year: Year):
    """A year's fee schedule: the municipalities' tiers, the regions' amount, the policies."""
    schedule = schedule_for(year)
    return {
        "year": schedule.year,
        "tiers": [
            {"min_population": tier.min_population, "amount_sek": tier.amount}
            for tier in sorted(schedule.tiers.all(), key=lambda t: t.min_population)
        ],
        "region_amount_sek": schedule.region_amount,
        "population_date": date(schedule.population_year, 12, 31),
        "proration": schedule.proration,
        "leaving": schedule.leaving,
    }


@router.get("/fees/{year}/summary", response={200: SummaryOut, **errors(404, 422)})
def get_summary(request, year: Year):
    """What each member owes for the year by the rules, and the total."""
    summary = fee_summary(year)
    return {
        "year": year,
        "total_sek": summary.total,
        "members": [
            {
                "code": line.code,
                "name": line.name,
                "kind": line.kind,
                "population": line.population,
                "full_fee_sek": line.full_fee,
                "fee_sek": line.fee,
            }
            for line in summary.lines
        ],
    }
