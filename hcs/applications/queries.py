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


@dataclass(frozen=True)
class Prospect:
    """An organisation that is not a member: what recruiting it would mean."""

    organisation: Organisation
    population: int | None
    fee: int | None
    former_member: bool
    events_attended: int
    application: object | None  # its open application, if any
    last_contact: object | None  # the application's last step (a datetime)


def prospects(today, now) -> list[Prospect]:
    """Every organisation that is not a member on `today`, largest first: population, the fee it
    would pay on the current schedule, whether it was a member before, how many of its people
    took part in past public events (the recruitment webinars among them), its open application
    with the last contact and the next step. Six queries whatever the number."""
    from django.db.models import Count, Max

    from hcs.applications.models import Application
    from hcs.events.models import Event, Registration
    from hcs.fees.queries import current_schedule
    from hcs.lib.periods import in_effect
    from hcs.memberships.models import Membership

    members = set(
        Membership.objects.filter(in_effect(today)).values_list("organisation_id", flat=True)
    )
    former = set(Membership.objects.values_list("organisation_id", flat=True)) - members
    populations: dict[int, int] = {}
    for organisation_id, figure in Population.objects.order_by("year").values_list(
        "organisation_id", "population"
    ):
        populations[organisation_id] = figure  # the newest year last
    attended = dict(
        Registration.objects.filter(
            event__audience=Event.Audience.PUBLIC, event__ends__lt=now, organisation__isnull=False
        )
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(attended=False)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    open_applications = {
        a.organisation_id: a
        for a in Application.objects.exclude(
            status__in=[Application.Status.MEMBER, Application.Status.CLOSED]
        )
        .annotate(last_step=Max("steps__at"))
        .order_by("created_at")
    }
    schedule = current_schedule(today)
    rule = as_rule(schedule) if schedule else None
    rows = []
    for organisation in Organisation.objects.exclude(pk__in=members).order_by("name"):
        population = populations.get(organisation.pk)
        application = open_applications.get(organisation.pk)
        rows.append(
            Prospect(
                organisation=organisation,
                population=population,
                fee=full_fee(rule, organisation.kind, population) if rule else None,
                former_member=organisation.pk in former,
                events_attended=attended.get(organisation.pk, 0),
                application=application,
                last_contact=getattr(application, "last_step", None),
            )
        )
    rows.sort(key=lambda p: -(p.population or 0))
    return rows
