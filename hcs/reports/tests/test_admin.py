"""The budget is edited in the admin, which saves through the services."""

import pytest

from hcs.audit.models import AuditEntry
from hcs.reports.models import BudgetLine, FinancialYear

pytestmark = pytest.mark.django_db
ADD = "/admin/reports/financialyear/add/"


def _form(**lines):
    data = {
        "year": "2024",
        "opening_equity": "750000",
        "note": "",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, line in enumerate(lines.values()):
        data.update({f"lines-{index}-{name}": value for name, value in line.items()})
    return data


FEES = {"kind": "income", "label": "Medlemsavgifter", "budget": "840000", "from_fees": "on"}


def test_a_coordinator_adds_a_financial_year_with_lines(coordinator_client):
    office = {"kind": "expense", "label": "Kansli", "budget": "900000", "outcome": "950000"}
    response = coordinator_client.post(ADD, _form(fees=FEES, office=office))
    assert response.status_code == 302, response.content.decode()[:2000]
    financial_year = FinancialYear.objects.get(year=2024)
    assert financial_year.lines.count() == 2
    assert AuditEntry.objects.filter(object_id=str(financial_year.pk)).count() == 1


def test_a_fee_line_with_an_outcome_is_refused_in_the_admin(coordinator_client):
    response = coordinator_client.post(ADD, _form(fees={**FEES, "outcome": "1"}))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert FinancialYear.objects.count() == BudgetLine.objects.count() == 0
