from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
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
