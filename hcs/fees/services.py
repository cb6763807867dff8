"""Writes to fee schedules and fee models: entering a year's fees, indexing next year's from
this year's, defining a fee model and adopting it as a year's fees."""

from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, diff, save_audited, snapshot
from hcs.fees.models import (
    FeeMethod,
    FeeModel,
    FeeModelTier,
    FeeSchedule,
    FeeTier,
    LeavingRule,
    Proration,
)
from hcs.fees.queries import schedule_before
from hcs.fees.rules import INDEX_RANGE, index_amount


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

    def replace_tiers(saved: FeeSchedule) -> None:
        saved.tiers.all().delete()
        FeeTier.objects.bulk_create(
            [FeeTier(schedule=saved, min_population=low, amount=amount) for low, amount in tiers]
        )

    with transaction.atomic():
        if schedule.pk:
            FeeSchedule.objects.select_for_update().get(pk=schedule.pk)
        save_audited(
            obj=schedule,
            actor=actor,
            message=message,
            state=_schedule_state,
            children=replace_tiers,
            conflict_message=_("There is already a fee schedule for %(year)d.")
            % {"year": schedule.year},
        )
    return schedule


def _schedule_state(schedule: FeeSchedule) -> dict:
    """What the trail compares of a schedule: the regions' amount and the tiers."""
    return {
        "region_amount": schedule.region_amount,
        "tiers": [list(tier) for tier in _tiers_of(schedule)],
    }


def fee_schedule_index(
    *, source: FeeSchedule, index_percent: Decimal, actor, rounding: int | None = None
) -> FeeSchedule:
    """Next year's schedule: this year's amounts raised by SKR's index and rounded.

    The source year stays as it was. Refused if next year already has a schedule.
    """
    index_percent = Decimal(index_percent)
    if index_percent < INDEX_RANGE[0]:
        raise ValidationError(
            _("The index cannot be negative (%(value)s %%).") % {"value": index_percent},
            code="negative_index",
        )
    if index_percent > INDEX_RANGE[1]:
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


Tiers = Sequence[tuple[int, int]]
MUNICIPALITIES, REGIONS = FeeModelTier.AppliesTo.MUNICIPALITIES, FeeModelTier.AppliesTo.REGIONS

FEE_MODEL_FIELDS = [
    "name",
    "description",
    "year",
    "kind",
    "per_inhabitant",
    "floor",
    "ceiling",
    "region_kind",
    "region_amount",
    "region_per_inhabitant",
    "region_floor",
    "region_ceiling",
    "rounding",
]


def check_fee_model_tiers(
    *, kind: str, region_kind: str, tiers: Tiers, region_tiers: Tiers
) -> None:
    """A group paying by tier has valid tiers (`check_tiers`); a group paying otherwise has none."""
    problems = []
    groups = [
        (kind, tiers, _("Municipalities' tiers: %(problem)s"), _municipal_tiers_unused()),
        (region_kind, region_tiers, _("Regions' tiers: %(problem)s"), _region_tiers_unused()),
    ]
    for method, given, prefix, unused in groups:
        if method == FeeMethod.TIERS:
            try:
                check_tiers(list(given))
            except ValidationError as error:
                problems += [
                    ValidationError(
                        prefix, code=inner.code or "bad_tiers", params={"problem": message}
                    )
                    for inner in error.error_list
                    for message in inner
                ]
        elif given:
            problems.append(unused)
    if problems:
        raise ValidationError(problems)


def _municipal_tiers_unused() -> ValidationError:
    return ValidationError(
        _("Municipalities do not pay by population tier in this model: remove their tiers."),
        code="tiers_not_used",
    )


def _region_tiers_unused() -> ValidationError:
    return ValidationError(
        _("Regions do not pay by population tier in this model: remove their tiers."),
        code="tiers_not_used",
    )


def _fee_model_state(model: FeeModel) -> dict:
    tiers = model.tiers.order_by("min_population").values_list(
        "applies_to", "min_population", "amount"
    )
    return {
        **snapshot(model, FEE_MODEL_FIELDS),
        "tiers": [[low, amount] for group, low, amount in tiers if group == MUNICIPALITIES],
        "region_tiers": [[low, amount] for group, low, amount in tiers if group == REGIONS],
    }


def _refuse_if_adopted(model: FeeModel) -> None:
    if model.adopted_as is not None:
        raise ValidationError(
            _(
                "This fee model has been adopted as the fee schedule for %(year)d; "
                "it is a record of that decision and cannot be changed."
            ),
            code="already_adopted",
            params={"year": model.adopted_as.year},
        )


def fee_model_save(
    *,
    model: FeeModel,
    tiers: Tiers = (),
    region_tiers: Tiers = (),
    actor,
    message: str = "",
) -> FeeModel:
    """Create or correct a fee model with its tiers, all or nothing.

    `tiers` are the municipalities' (when they pay by tier), `region_tiers` the regions'. A model
    that has been adopted is a record of a decision and is refused.
    """
    with transaction.atomic():
        before = None
        if model.pk:
            stored = (
                FeeModel.objects.select_for_update(of=("self",))
                .select_related("adopted_as")
                .get(pk=model.pk)
            )
            _refuse_if_adopted(stored)
            before = _fee_model_state(stored)
        model.adopted_as = None  # only fee_model_adopt records an adoption
        model.full_clean()
        # As given: tiers out of order are an error, not silently sorted.
        check_fee_model_tiers(
            kind=model.kind, region_kind=model.region_kind, tiers=tiers, region_tiers=region_tiers
        )
        model.save()
        model.tiers.all().delete()
        FeeModelTier.objects.bulk_create(
            [
                FeeModelTier(model=model, applies_to=group, min_population=low, amount=amount)
                for group, given in ((MUNICIPALITIES, tiers), (REGIONS, region_tiers))
                for low, amount in given
            ]
        )
        after = _fee_model_state(model)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=model,
            changes=diff(before or {}, after),
            message=message,
        )
    return model


def fee_model_delete(*, model: FeeModel, actor) -> None:
    """Remove a proposal that is not wanted any more; an adopted model stays."""
    with transaction.atomic():
        stored = (
            FeeModel.objects.select_for_update(of=("self",))
            .select_related("adopted_as")
            .get(pk=model.pk)
        )
        _refuse_if_adopted(stored)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=stored,
            changes=diff(_fee_model_state(stored), {}),
        )
        stored.delete()


def check_fee_model_adoptable(model: FeeModel) -> None:
    """A model can become a fee schedule only as a schedule can express it, and only once.

    A schedule has population tiers for municipalities and one amount for regions, and each year
    has at most one schedule.
    """
    problems = []
    if model.adopted_as is not None:
        problems.append(
            ValidationError(
                _("This fee model has already been adopted as the fee schedule for %(year)d."),
                code="conflict",
                params={"year": model.adopted_as.year},
            )
        )
    if model.kind != FeeMethod.TIERS:
        problems.append(
            ValidationError(
                _(
                    "A fee schedule has population tiers for municipalities; in this model they "
                    "pay per inhabitant, so it cannot become a fee schedule."
                ),
                code="not_a_schedule",
            )
        )
    if model.region_kind != FeeMethod.FIXED:
        problems.append(
            ValidationError(
                _(
                    "A fee schedule has one amount for all regions; in this model they pay by "
                    "population, so it cannot become a fee schedule."
                ),
                code="not_a_schedule",
            )
        )
    if not model.adopted_as_id and FeeSchedule.objects.filter(year=model.year).exists():
        problems.append(
            ValidationError(
                _("There is already a fee schedule for %(year)d."),
                code="conflict",
                params={"year": model.year},
            )
        )
    if problems:
        raise ValidationError(problems)


def fee_model_adopt(*, model: FeeModel, actor, decision: str = "") -> FeeSchedule:
    """Make a tier model the fee schedule of its year, as the annual meeting decided.

    Municipalities' tiers and the regions' amount come from the model; the population year is
    the year before; the rules for members joining or leaving during the year and the rounding
    are those of the newest earlier schedule (a fee model does not change them).
    """
    with transaction.atomic():
        stored = (
            FeeModel.objects.select_for_update(of=("self",))
            .select_related("adopted_as")
            .get(pk=model.pk)
        )
        check_fee_model_adoptable(stored)
        # Adoptable: the regions pay a fixed amount, which a constraint requires to be set.
        assert stored.region_amount is not None
        earlier = schedule_before(stored.year)
        schedule = FeeSchedule(
            year=stored.year,
            region_amount=stored.region_amount,
            population_year=stored.year - 1,
            proration=earlier.proration if earlier else Proration.NONE,
            leaving=earlier.leaving if earlier else LeavingRule.FULL_YEAR,
            rounding=earlier.rounding if earlier else 100,
            decision=decision,
            note=stored.name,
        )
        tiers = list(
            stored.tiers.filter(applies_to=MUNICIPALITIES)
            .order_by("min_population")
            .values_list("min_population", "amount")
        )
        fee_schedule_save(
            schedule=schedule,
            tiers=tiers,
            actor=actor,
            message=f"Adopted from fee model {stored.pk}: {stored.name}",
        )
        stored.adopted_as = schedule
        stored.save(update_fields=["adopted_as"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=stored,
            changes={"adopted_as": [None, str(schedule)]},
            message=f"Adopted as the fee schedule for {schedule.year}",
        )
    model.adopted_as = schedule
    return schedule
