"""The network's economy per year: budget lines, their outcome and the equity."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hcs.audit.models import AuditEntry
from hcs.invoices.services import invoices_generate
from hcs.reports.models import BudgetLine, FinancialYear
from hcs.reports.queries import economy, revenue
from hcs.reports.rules import closing_equity
from hcs.reports.services import BudgetLineData, financial_year_delete, financial_year_save

INCOME, EXPENSE = BudgetLine.Kind.INCOME, BudgetLine.Kind.EXPENSE


def test_closing_equity_is_opening_plus_income_minus_expenses():
    assert closing_equity(
        opening=Decimal(750000), income=[Decimal(878050)], expenses=[Decimal(900000)]
    ) == Decimal(728050)


def test_closing_equity_is_unknown_while_an_outcome_is():
    assert closing_equity(opening=Decimal(750000), income=[Decimal(1)], expenses=[None]) is None


def test_closing_equity_without_lines_is_the_opening():
    assert closing_equity(opening=Decimal(5), income=[], expenses=[]) == Decimal(5)


def _lines(**changes):
    lines = [
        BudgetLineData(
            kind=INCOME, label="Medlemsavgifter", budget=Decimal(840000), from_fees=True
        ),
        BudgetLineData(
            kind=EXPENSE, label="Kansli", budget=Decimal(900000), outcome=Decimal(950000)
        ),
    ]
    return [*lines, BudgetLineData(**changes)] if changes else lines


def _save(year=2024, lines=None, opening=Decimal(750000)):
    return financial_year_save(
        financial_year=FinancialYear(year=year, opening_equity=opening),
        lines=_lines() if lines is None else lines,
        actor="t",
    )


def _save_demo():
    """The demo's 2024 (its opening equity, from the annual report) with the sample lines."""
    return financial_year_save(
        financial_year=FinancialYear.objects.get(year=2024), lines=_lines(), actor="t"
    )


def _state():
    return FinancialYear.objects.count(), BudgetLine.objects.count(), AuditEntry.objects.count()


@pytest.mark.django_db
def test_a_financial_year_is_saved_with_its_lines_and_audited():
    financial_year = _save()
    assert financial_year.lines.count() == 2
    entry = AuditEntry.objects.get(object_id=str(financial_year.pk), action="create")
    assert entry.changes["opening_equity"] == [None, "750000.00"]


@pytest.mark.django_db
def test_saving_again_replaces_the_lines():
    financial_year = _save()
    financial_year.opening_equity = Decimal(751000)
    financial_year_save(financial_year=financial_year, lines=_lines()[:1], actor="t")
    assert financial_year.lines.count() == 1
    entry = AuditEntry.objects.get(object_id=str(financial_year.pk), action="update")
    assert entry.changes["opening_equity"] == ["750000.00", "751000.00"]


@pytest.mark.django_db
def test_deleting_a_year_removes_its_lines_and_is_audited():
    financial_year = _save()
    financial_year_delete(financial_year=financial_year, actor="t")
    assert _state()[:2] == (0, 0)
    assert AuditEntry.objects.filter(action="delete").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"kind": EXPENSE, "label": " ", "budget": Decimal(1)},
        {"kind": EXPENSE, "label": "Resor", "budget": Decimal(-1)},
        {"kind": EXPENSE, "label": "Resor", "budget": Decimal(1), "outcome": Decimal(-1)},
        {"kind": "gift", "label": "Resor", "budget": Decimal(1)},
        {"kind": EXPENSE, "label": "Avgifter", "budget": Decimal(1), "from_fees": True},
        {"kind": INCOME, "label": "Avgifter 2", "budget": Decimal(1), "from_fees": True},
        {"kind": EXPENSE, "label": "Kansli", "budget": Decimal(1)},
    ],
    ids=[
        "no label",
        "negative budget",
        "negative outcome",
        "unknown kind",
        "fee expense",
        "two fee lines",
        "duplicate label",
    ],
)
def test_bad_budget_lines_are_refused_and_nothing_is_written(bad):
    before = _state()
    with pytest.raises(ValidationError):
        _save(lines=_lines(**bad))
    assert _state() == before


@pytest.mark.django_db
def test_a_fee_line_with_a_typed_outcome_is_refused():
    lines = [
        BudgetLineData(
            kind=INCOME, label="Avgifter", budget=Decimal(1), outcome=Decimal(5), from_fees=True
        )
    ]
    with pytest.raises(ValidationError) as error:
        _save(lines=lines)
    assert "Lämna det tomt" in str(error.value)
    assert _state() == (0, 0, 0)


@pytest.mark.django_db
def test_a_second_financial_year_for_the_same_year_is_refused_and_writes_nothing():
    _save()
    before = _state()
    with pytest.raises(ValidationError):
        _save()
    assert _state() == before


@pytest.mark.django_db
def test_a_bad_opening_equity_is_refused_and_writes_nothing():
    with pytest.raises(ValidationError):
        _save(opening=Decimal("12345678901234"))
    assert _state() == (0, 0, 0)


def test_the_fee_lines_outcome_comes_from_the_records(demo):
    _save_demo()
    report = economy(2024, revenue(2024, _today()).total)
    [fees] = report.income
    assert fees.outcome == Decimal(878050)  # by the rules: nothing invoiced yet
    assert fees.difference == Decimal(878050 - 840000)  # higher than budgeted: a new member
    assert report.closing_equity == Decimal(750000 + 878050 - 950000)


def test_the_fee_lines_outcome_follows_the_invoices(demo):
    _save_demo()
    invoices_generate(year=2024, actor="t")
    report = economy(2024, revenue(2024, _today()).total)
    assert report.income_outcome == Decimal(878050)


@pytest.mark.django_db
def test_no_financial_year_no_economy():
    assert economy(2024, Decimal(0)) is None


def _today():
    from django.utils import timezone

    return timezone.localdate()
