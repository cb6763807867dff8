"""Writes to fee schedules: entering a year's fees, and indexing next year's from this year's."""

from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.fees.models import FeeSchedule, FeeTier
from hcs.fees.rules import index_amount


def check_tiers(tiers: list[tuple[int, int]]) -> None:
    """Tiers start at 0 inhabitants, rise strictly, and a larger municipality never pays less."""
    if not tiers:
        raise ValidationError(_("Give at least one population tier."), code="no_tiers")
    problems = []
    if tiers[0][0] != 0:
        problems.append(_("The first tier must start at 0 inhabitants."))
    for (low, low_amount), (high, high_amount) in pairwise(tiers):
        if high <= low:
            problems.append(
                _("The tiers are out of order or overlap: %(high)d comes after %(low)d.")
                % {"low": low, "high": high}
            )
        elif high_amount < low_amount:
            problems.append(
                _(
                    "A larger municipality cannot pay less: "
                    "%(high)d inhabitants pay less than %(low)d."
                )
                % {"low": low, "high": high}
            )
    if problems:
        raise ValidationError(problems, code="bad_tiers")


def _tiers_of(schedule: FeeSchedule) -> list[tuple[int, int]]:
    return list(schedule.tiers.order_by("min_population").values_list("min_population", "amount"))


def fee_schedule_save(
    *, schedule: FeeSchedule, tiers: list[tuple[int, int]], actor, message: str = ""
) -> FeeSchedule:
    """Create or correct a year's schedule with its tiers, all or nothing."""
    check_tiers(tiers)  # as given: tiers out of order are an error, not silently sorted
    with transaction.atomic():
        before = None
        if schedule.pk:
            stored = FeeSchedule.objects.select_for_update().get(pk=schedule.pk)
            before = {"region_amount": stored.region_amount, "tiers": _tiers_of(stored)}
        schedule.full_clean()
        try:
            with transaction.atomic():
                schedule.save()
        except IntegrityError as exc:
            raise ValidationError(
                _("There is already a fee schedule for %(year)d.") % {"year": schedule.year},
                code="conflict",
            ) from exc
        schedule.tiers.all().delete()
        FeeTier.objects.bulk_create(
            [FeeTier(schedule=schedule, min_population=low, amount=amount) for low, amount in tiers]
        )
        after = {"region_amount": schedule.region_amount, "tiers": [list(t) for t in tiers]}
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=schedule,
            changes={
                name: [before[name] if before else None, value]
                for name, value in after.items()
                if not before or before[name] != value
            },
            message=message,
        )
    return schedule


def fee_schedule_index(
    *, source: FeeSchedule, index_percent: Decimal, actor, rounding: int | None = None
) -> FeeSchedule:
    """Next year's schedule: this year's amounts raised by SKR's index and rounded.

    The source year stays as it was. Refused if next year already has a schedule.
    """
    index_percent = Decimal(index_percent)
    if index_percent < 0:
        raise ValidationError(
            _("The index cannot be negative (%(value)s %%).") % {"value": index_percent},
            code="negative_index",
        )
    if index_percent > 50:
        raise ValidationError(
            _("An index of %(value)s %% is implausible; give the percentage, e.g. 2.8.")
            % {"value": index_percent},
            code="implausible_index",
        )
    rounding = rounding or source.rounding
    if FeeSchedule.objects.filter(year=source.year + 1).exists():
        raise ValidationError(
            _("There is already a fee schedule for %(year)d.") % {"year": source.year + 1},
            code="conflict",
        )
    schedule = FeeSchedule(
        year=source.year + 1,
        region_amount=index_amount(source.region_amount, index_percent, rounding),
        population_year=source.population_year + 1,
        proration=source.proration,
        leaving=source.leaving,
        based_on=source,
        index_percent=index_percent,
        rounding=rounding,
    )
    tiers = [
        (low, index_amount(amount, index_percent, rounding)) for low, amount in _tiers_of(source)
    ]
    return fee_schedule_save(
        schedule=schedule,
        tiers=tiers,
        actor=actor,
        message=f"Indexed from {source.year} by {index_percent} %",
    )
