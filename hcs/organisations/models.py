from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hcs.organisations.rules import MAX_POPULATION


class Organisation(models.Model):
    """A Swedish municipality or region: a possible member of the network.

    Identified by its SCB code: the 4-digit kommunkod for a municipality, the 2-digit länskod for
    a region. Region Gotland and Gotland municipality are two rows (09 and 0980).
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")

    code = models.CharField(_("SCB code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    county_code = models.CharField(_("county code"), max_length=2, db_index=True)
    county_name = models.CharField(_("county"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    org_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, help_text=_("Format NNNNNN-NNNN.")
    )
    # Where and how the member wants its invoices (Swedish public buyers require their reference).
    invoice_street = models.CharField(_("invoice address"), max_length=200, blank=True)
    invoice_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    invoice_city = models.CharField(_("city"), max_length=100, blank=True)
    invoice_reference = models.CharField(
        _("buyer's reference"),
        max_length=100,
        blank=True,
        help_text=_("The reference or code the member wants on its invoices."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="municipality", code__regex=r"^[0-9]{4}$")
                    & Q(code__startswith=F("county_code"))
                )
                | (Q(kind="region", code__regex=r"^[0-9]{2}$") & Q(code=F("county_code"))),
                name="organisation_code_matches_kind",
                violation_error_message=_(
                    "A municipality has a 4-digit code starting with its county code; "
                    "a region has its 2-digit county code."
                ),
            ),
            models.CheckConstraint(
                condition=Q(org_number="") | Q(org_number__regex=r"^[0-9]{6}-[0-9]{4}$"),
                name="organisation_org_number_format",
                violation_error_message=_("The organisation number must look like 212000-0019."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Population(models.Model):
    """An organisation's population on 31 December of `year` (SCB, folkmängd)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("year (31 December)"))
    population = models.PositiveIntegerField(
        _("population"), validators=[MaxValueValidator(MAX_POPULATION)]
    )
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["organisation__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="population_one_per_organisation_and_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1950) & Q(year__lte=2200), name="population_year_plausible"
            ),
            models.CheckConstraint(condition=Q(population__gt=0), name="population_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.population}"
