"""Reads for the economy pages and exports: a year's revenue per member and its budget."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from hcs.fees.models import FeeSchedule
from hcs.fees.queries import fee_summary
from hcs.invoices.models import Invoice
from hcs.invoices.queries import invoice_rows
from hcs.reports.models import BudgetLine, FinancialYear
from hcs.reports.rules import closing_equity

ZERO = Decimal(0)


@dataclass
class RevenueLine:
    code: str
    name: str
    kind: str
    fee: int | None  # by the rules; None: not computable (population unknown) or not a member
    invoiced: Decimal = ZERO  # net of credit notes
    paid: Decimal = ZERO
    outstanding: Decimal = ZERO


@dataclass(frozen=True)
class Revenue:
    year: int
    lines: list[RevenueLine]
    has_schedule: bool
    is_invoiced: bool  # at least one invoice for the year

    @property
    def fees_total(self) -> int:
        return sum(line.fee or 0 for line in self.lines)

    @property
    def invoiced_total(self) -> Decimal:
        return sum((line.invoiced for line in self.lines), ZERO)

    @property
    def paid_total(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)

    @property
    def outstanding_total(self) -> Decimal:
        return sum((line.outstanding for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        """The year's revenue from fees: what was invoiced once invoicing has begun, the fees
        by the rules before."""
        return self.invoiced_total if self.is_invoiced else Decimal(self.fees_total)


def revenue(year: int, today: date) -> Revenue:
    """Each member's fee by the rules, invoiced (net of credits), paid and outstanding for
    `year` (6 queries: the fee summary's and the invoices')."""
    lines: dict[str, RevenueLine] = {}
    has_schedule = FeeSchedule.objects.filter(year=year).exists()
    if has_schedule:
        for fee in fee_summary(year).lines:
            lines[fee.code] = RevenueLine(code=fee.code, name=fee.name, kind=fee.kind, fee=fee.fee)
    rows = invoice_rows(Invoice.objects.filter(year=year, kind=Invoice.Kind.INVOICE), today)
    for row in rows:
        organisation = row.invoice.organisation
        line = lines.get(organisation.code)
        if line is None:  # invoiced, but not a member by the records: still revenue
            line = lines[organisation.code] = RevenueLine(
                code=organisation.code, name=organisation.name, kind=organisation.kind, fee=None
            )
        line.invoiced += row.invoice.amount - row.credited
        line.paid += row.settled
        line.outstanding += row.outstanding
    ordered = sorted(lines.values(), key=lambda line: (line.kind != "region", line.name))
    return Revenue(year=year, lines=ordered, has_schedule=has_schedule, is_invoiced=bool(rows))


@dataclass(frozen=True)
class EconomyLine:
    kind: str
    label: str
    budget: Decimal | None  # None: not budgeted (the fees of a year without a fee line)
    outcome: Decimal | None
    from_fees: bool

    @property
    def difference(self) -> Decimal | None:
        if self.outcome is None or self.budget is None:
            return None
        return self.outcome - self.budget


@dataclass(frozen=True)
class Economy:
    financial_year: FinancialYear
    income: list[EconomyLine]
    expenses: list[EconomyLine]

    @property
    def year(self) -> int:
        return self.financial_year.year

    @property
    def opening_equity(self) -> Decimal:
        return self.financial_year.opening_equity

    @staticmethod
    def _sum(amounts) -> Decimal | None:
        """The sum, or None when any amount, or every amount, is unknown (no lines: unknown,
        not 0 kr)."""
        amounts = list(amounts)
        if not amounts or any(a is None for a in amounts):
            return None
        return sum(amounts, ZERO)

    @staticmethod
    def _budgeted(lines) -> Decimal | None:
        """The budget of the lines that have one; None when none has."""
        budgets = [line.budget for line in lines if line.budget is not None]
        return sum(budgets, ZERO) if budgets else None

    @property
    def income_budget(self) -> Decimal | None:
        return self._budgeted(self.income)

    @property
    def expense_budget(self) -> Decimal | None:
        return self._budgeted(self.expenses)

    @property
    def income_outcome(self) -> Decimal | None:
        return self._sum(line.outcome for line in self.income)

    @property
    def expense_outcome(self) -> Decimal | None:
        return self._sum(line.outcome for line in self.expenses)

    @property
    def closing_equity(self) -> Decimal | None:
        if not self.expenses:  # no expense line: the year's expenses are not known
            return None
        return closing_equity(
            opening=self.opening_equity,
            income=[line.outcome for line in self.income],
            expenses=[line.outcome for line in self.expenses],
        )


def economy(year: int, revenue_total: Decimal) -> Economy | None:
    """The year's budget lines with their outcome, the fee line's from `revenue_total` (2
    queries); None when the year has no financial year. The fees are always an income line:
    a year whose budget has no fee line gets one, not budgeted, so that the income's outcome
    is never shown without them."""
    financial_year = FinancialYear.objects.prefetch_related("lines").filter(year=year).first()
    if financial_year is None:
        return None
    income: list[EconomyLine] = []
    expenses: list[EconomyLine] = []
    for line in financial_year.lines.all():
        item = EconomyLine(
            kind=line.kind,
            label=line.label,
            budget=line.budget,
            outcome=revenue_total if line.from_fees else line.outcome,
            from_fees=line.from_fees,
        )
        (income if line.kind == BudgetLine.Kind.INCOME else expenses).append(item)
    if not any(line.from_fees for line in income):
        income.insert(
            0,
            EconomyLine(
                kind=BudgetLine.Kind.INCOME,
                label=str(_("Membership fees")),
                budget=None,
                outcome=revenue_total,
                from_fees=True,
            ),
        )
    return Economy(financial_year=financial_year, income=income, expenses=expenses)


def report_years() -> list[int]:
    """Every year with fees, invoices or a financial year, newest first (1 query)."""
    years = (
        FeeSchedule.objects.order_by()
        .values_list("year", flat=True)
        .union(
            Invoice.objects.order_by().values_list("year", flat=True),
            FinancialYear.objects.order_by().values_list("year", flat=True),
        )
    )
    return sorted(set(years), reverse=True)
