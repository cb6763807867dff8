"""Reads for "Bli medlem": the organisation a visitor typed, and what it would pay."""

import re
from dataclasses import dataclass

from hcs.fees.models import FeeSchedule
from hcs.fees.queries import as_rule
from hcs.fees.rules import full_fee
from hcs.organisations.models import Organisation, Population

_WITH_CODE = re.compile(r"\((\d{2}|\d{4})\)\s*$")


def organisation_typed(text: str) -> Organisation | None:
    """The organisation a visitor chose: "Name (code)" as the suggestions give it, a code, or
    a name typed in full (any case)."""
    text = (text or "").strip()
    if not text:
        return None
    found = _WITH_CODE.search(text)
    code = found.group(1) if found else text if text.isdigit() else None
    if code:
        return Organisation.objects.filter(code=code).first()
    named = list(Organisation.objects.filter(name__iexact=text)[:2])
    return named[0] if len(named) == 1 else None


def organisation_choices() -> list[tuple[str, str]]:
    """(code, "Name (code)") of all 311, for the suggestions."""
    return [
        (code, f"{name} ({code})")
        for code, name in Organisation.objects.order_by("name").values_list("code", "name")
    ]


@dataclass(frozen=True)
class FeeQuote:
    organisation: Organisation
    population: int | None
    population_year: int
    fee: int | None


def fee_quote(organisation: Organisation, schedule: FeeSchedule) -> FeeQuote:
    """What `organisation` would pay for a whole year on `schedule`."""
    population = (
        Population.objects.filter(organisation=organisation, year=schedule.population_year)
        .values_list("population", flat=True)
        .first()
    )
    return FeeQuote(
        organisation=organisation,
        population=population,
        population_year=schedule.population_year,
        fee=full_fee(as_rule(schedule), organisation.kind, population),
    )
