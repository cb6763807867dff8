from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FinancialYear(models.Model):
    """The network's economy in one year: the equity it started with and its budget lines.

    The closing equity is not stored: it is the opening equity plus the income lines' outcome
    minus the expense lines' outcome (`hcs.reports.rules.closing_equity`), known once every
    line's outcome is known.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2004), MaxValueValidator(2200)]
    )
    opening_equity = models.DecimalField(
        _("equity at the start of the year (SEK)"), max_digits=12, decimal_places=2
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Where the figures come from, and which of them are approximate."),
    )

    class Meta:
        verbose_name = _("financial year")
        verbose_name_plural = _("financial years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class BudgetLine(models.Model):
    """One line of a year's budget, with its outcome once known.

    The membership-fee line (`from_fees`) is an income line whose outcome is never typed in: it
    is read from the records, so the report and the invoices cannot disagree. It is what was
    invoiced for the year net of credit notes, or, while nothing is invoiced for the year yet,
    the fees by the rules (the fee summary). A year has at most one such line, and its
    `outcome` stays empty.
    """

    class Kind(models.TextChoices):
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")

    financial_year = models.ForeignKey(
        FinancialYear,
        verbose_name=_("financial year"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    kind = models.CharField(_("kind"), max_length=7, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=200)
    budget = models.DecimalField(
        _("budget (SEK)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    outcome = models.DecimalField(
        _("outcome (SEK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty until known."),
    )
    from_fees = models.BooleanField(
        _("membership fees"),
        default=False,
        help_text=_(
            "The outcome is what was invoiced for the year net of credit notes, or the fees by "
            "the rules before invoicing."
        ),
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["financial_year", "-kind", "id"]  # income before expenses
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "kind", "label"], name="budget_line_unique_label"
            ),
            models.UniqueConstraint(
                fields=["financial_year"],
                condition=Q(from_fees=True),
                name="budget_line_one_fee_line_per_year",
                violation_error_message=_("A year has only one membership-fee line."),
            ),
            models.CheckConstraint(
                condition=Q(from_fees=False) | Q(kind="income", outcome__isnull=True),
                name="budget_line_fee_line_is_income_without_outcome",
                violation_error_message=_(
                    "The membership fees are an income line whose outcome comes from the "
                    "invoices and the fees; leave the outcome empty."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0), name="budget_line_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True) | Q(outcome__gte=0),
                name="budget_line_outcome_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class AnnualReportEdition(models.Model):
    """What the secretariat adds to a year's annual report, which is otherwise read from the
    records: an introduction to each section and the board's closing words (Markdown), the
    sections to leave out, and whether it is published (then public, and under Publikationer).
    """

    SECTIONS = (
        ("vision", _("Vision")),
        ("members", _("Our members")),
        ("board", _("The board")),
        ("meetings", _("Conference and network meetings")),
        ("groups", _("Theme and working groups")),
        ("events", _("Events of the year")),
        ("representation", _("National and international roles")),
        ("communication", _("Communication")),
        ("economy", _("Economy")),
        ("closing", _("The board's closing words")),
    )

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2004), MaxValueValidator(2200)]
    )
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    hidden = models.JSONField(_("sections left out"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)
