from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Proration(models.TextChoices):
    """What a member joining during the year pays."""

    NONE = "none", _("The whole fee")
    HALF = "half", _("Half the fee")
    MONTHS = "months", _("The remaining whole months")


class LeavingRule(models.TextChoices):
    """What a member leaving during the year pays."""

    FULL_YEAR = "full_year", _("The whole year")
    MONTHS = "months", _("The whole months as a member")


class FeeSchedule(models.Model):
    """The membership fees of one year, decided by the annual meeting; data, never code.

    Municipalities pay by population tier, regions a single amount ("regions pay the maximum").
    The population that counts is the one on 31 December of `population_year` (by default the
    year before). Each year is its own row: indexing next year's fees leaves this one as it is.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2004), MaxValueValidator(2200)]
    )
    region_amount = models.PositiveIntegerField(_("fee for a region (SEK)"))
    population_year = models.PositiveSmallIntegerField(
        _("population on 31 December of"),
        help_text=_("Normally the year before the fee year."),
    )
    proration = models.CharField(
        _("a member joining during the year pays"),
        max_length=10,
        choices=Proration.choices,
        default=Proration.NONE,
    )
    leaving = models.CharField(
        _("a member leaving during the year pays"),
        max_length=10,
        choices=LeavingRule.choices,
        default=LeavingRule.FULL_YEAR,
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("indexed from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    index_percent = models.DecimalField(
        _("SKR index (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rounding = models.PositiveIntegerField(
        _("rounded to the nearest (SEK)"), default=100, validators=[MinValueValidator(1)]
    )
    decision = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("For example: Årsmötet 14 mars 2024, § 7."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population_year__lt=models.F("year")),
                name="fee_schedule_population_before_fee_year",
                violation_error_message=_(
                    "The population that counts must be from a year before the fee year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(index_percent__isnull=True) | Q(index_percent__gte=0),
                name="fee_schedule_index_not_negative",
                violation_error_message=_("The index cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class FeeTier(models.Model):
    """From `min_population` inhabitants up to the next tier, a municipality pays `amount`."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="tiers")
    min_population = models.PositiveIntegerField(_("from population"))
    amount = models.PositiveIntegerField(_("fee (SEK)"))

    class Meta:
        verbose_name = _("population tier")
        verbose_name_plural = _("population tiers")
        ordering = ["schedule", "min_population"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "min_population"],
                name="fee_tier_one_per_bound",
                violation_error_message=_("Two tiers start at the same population."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule}: {self.min_population}+ → {self.amount}"


class FeeMethod(models.TextChoices):
    """How a group of members (municipalities or regions) pays under a fee model."""

    FIXED = "fixed", _("A fixed amount")
    TIERS = "tiers", _("By population tier")
    PER_INHABITANT = "per_inhabitant", _("Per inhabitant, between a floor and a ceiling")


MUNICIPAL_METHODS = [FeeMethod.TIERS, FeeMethod.PER_INHABITANT]


class FeeModel(models.Model):
    """A proposed way of sharing the fees (fördelningsmodell), compared with the current one.

    Municipalities pay by population tier or per inhabitant (between an optional floor and
    ceiling); regions pay a fixed amount, by tier or per inhabitant. Adopting a tier model with a
    fixed amount for regions makes it the fee schedule of `year`; it is then a record of that
    decision and no longer changes.
    """

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("meant for the year"),
        validators=[MinValueValidator(2004), MaxValueValidator(2200)],
        help_text=_("The fee year the model would apply to if the annual meeting adopts it."),
    )
    kind = models.CharField(
        _("municipalities pay"),
        max_length=20,
        choices=[(method.value, method.label) for method in MUNICIPAL_METHODS],
        default=FeeMethod.TIERS,
    )
    per_inhabitant = models.DecimalField(
        _("municipalities: SEK per inhabitant"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
    )
    floor = models.PositiveIntegerField(_("municipalities: floor (SEK)"), null=True, blank=True)
    ceiling = models.PositiveIntegerField(_("municipalities: ceiling (SEK)"), null=True, blank=True)
    region_kind = models.CharField(
        _("regions pay"), max_length=20, choices=FeeMethod.choices, default=FeeMethod.FIXED
    )
    region_amount = models.PositiveIntegerField(
        _("regions: fixed amount (SEK)"), null=True, blank=True
    )
    region_per_inhabitant = models.DecimalField(
        _("regions: SEK per inhabitant"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    region_floor = models.PositiveIntegerField(_("regions: floor (SEK)"), null=True, blank=True)
    region_ceiling = models.PositiveIntegerField(_("regions: ceiling (SEK)"), null=True, blank=True)
    rounding = models.PositiveIntegerField(
        _("fees per inhabitant rounded to the nearest (SEK)"),
        default=100,
        validators=[MinValueValidator(1)],
    )
    adopted_as = models.OneToOneField(
        FeeSchedule,
        verbose_name=_("adopted as the fee schedule"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="adopted_from",
    )

    class Meta:
        verbose_name = _("fee model")
        verbose_name_plural = _("fee models")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=FeeMethod.PER_INHABITANT)
                | Q(per_inhabitant__isnull=False, per_inhabitant__gt=0),
                name="fee_model_rate_when_per_inhabitant",
                violation_error_message=_(
                    "Municipalities pay per inhabitant: give the amount per inhabitant "
                    "(more than 0)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind=FeeMethod.PER_INHABITANT)
                | Q(per_inhabitant__isnull=True, floor__isnull=True, ceiling__isnull=True),
                name="fee_model_rate_only_when_per_inhabitant",
                violation_error_message=_(
                    "An amount per inhabitant, a floor and a ceiling for municipalities apply "
                    "only when they pay per inhabitant."
                ),
            ),
            models.CheckConstraint(
                condition=Q(floor__isnull=True)
                | Q(ceiling__isnull=True)
                | Q(floor__lte=models.F("ceiling")),
                name="fee_model_floor_not_above_ceiling",
                violation_error_message=_(
                    "The municipalities' floor cannot be above their ceiling."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(region_kind=FeeMethod.FIXED) | Q(region_amount__isnull=False),
                name="fee_model_region_amount_when_fixed",
                violation_error_message=_("Regions pay a fixed amount: give the amount."),
            ),
            models.CheckConstraint(
                condition=Q(region_kind=FeeMethod.FIXED) | Q(region_amount__isnull=True),
                name="fee_model_region_amount_only_when_fixed",
                violation_error_message=_(
                    "A fixed amount for regions applies only when they pay a fixed amount."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(region_kind=FeeMethod.PER_INHABITANT)
                | Q(region_per_inhabitant__isnull=False, region_per_inhabitant__gt=0),
                name="fee_model_region_rate_when_per_inhabitant",
                violation_error_message=_(
                    "Regions pay per inhabitant: give the amount per inhabitant (more than 0)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(region_kind=FeeMethod.PER_INHABITANT)
                | Q(
                    region_per_inhabitant__isnull=True,
                    region_floor__isnull=True,
                    region_ceiling__isnull=True,
                ),
                name="fee_model_region_rate_only_when_per_inhabitant",
                violation_error_message=_(
                    "An amount per inhabitant, a floor and a ceiling for regions apply only "
                    "when they pay per inhabitant."
                ),
            ),
            models.CheckConstraint(
                condition=Q(region_floor__isnull=True)
                | Q(region_ceiling__isnull=True)
                | Q(region_floor__lte=models.F("region_ceiling")),
                name="fee_model_region_floor_not_above_ceiling",
                violation_error_message=_("The regions' floor cannot be above their ceiling."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("fees:model", args=[self.pk])

    def tiers_for(self, group: str) -> list["FeeModelTier"]:
        """The tiers of "municipality" or "region", ascending (uses prefetched tiers)."""
        return sorted(
            (tier for tier in self.tiers.all() if tier.applies_to == group),
            key=lambda tier: tier.min_population,
        )

    @property
    def municipal_tiers(self) -> list["FeeModelTier"]:
        return self.tiers_for(FeeModelTier.AppliesTo.MUNICIPALITIES)

    @property
    def region_tiers(self) -> list["FeeModelTier"]:
        return self.tiers_for(FeeModelTier.AppliesTo.REGIONS)


class FeeModelTier(models.Model):
    """Under a fee model, from `min_population` inhabitants a member of the group pays `amount`."""

    class AppliesTo(models.TextChoices):
        MUNICIPALITIES = "municipality", _("Municipalities")
        REGIONS = "region", _("Regions")

    model = models.ForeignKey(FeeModel, on_delete=models.CASCADE, related_name="tiers")
    applies_to = models.CharField(
        _("for"), max_length=12, choices=AppliesTo.choices, default=AppliesTo.MUNICIPALITIES
    )
    min_population = models.PositiveIntegerField(_("from population"))
    amount = models.PositiveIntegerField(_("fee (SEK)"))

    class Meta:
        verbose_name = _("population tier")
        verbose_name_plural = _("population tiers")
        ordering = ["model", "applies_to", "min_population"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "applies_to", "min_population"],
                name="fee_model_tier_one_per_bound",
                violation_error_message=_("Two tiers start at the same population."),
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.model}: {self.get_applies_to_display()} {self.min_population}+ → {self.amount}"
        )
