"""The economy page and the exports: who may see them, and what they show."""

import pytest
from django.test import Client

from hcs.invoices.services import invoices_generate

pytestmark = pytest.mark.django_db
URLS = [
    "/kansli/ekonomi/",
    "/kansli/ekonomi/2024/intakter.csv",
    "/kansli/ekonomi/2024/intakter.xlsx",
]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert "next=" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_staff_without_rights_are_refused(staff_without_rights, url):
    client = Client()
    client.force_login(staff_without_rights)
    assert client.get(url).status_code == 403


def test_the_page_shows_the_years_revenue(demo, coordinator_client):
    response = coordinator_client.get("/kansli/ekonomi/?ar=2024")
    assert response.status_code == 200
    text = response.content.decode()
    assert "878\u00a0050\u00a0kr" in text
    assert "/kansli/ekonomi/2024/intakter.csv" in text
    assert "/kansli/ekonomi/2024/intakter.xlsx" in text


def test_the_page_shows_invoiced_and_outstanding(demo, coordinator_client):
    invoices_generate(year=2024, actor="t")
    response = coordinator_client.get("/kansli/ekonomi/?ar=2024")
    # All outstanding but Trollhättan's fee, an internal transfer settled when booked.
    assert response.context["revenue"].outstanding_total == 878050 - 41000


@pytest.mark.parametrize("year", ["tjugo", "²", "0", "-1", "99999999999999999999"])
def test_a_year_that_cannot_be_read_is_a_clear_error(coordinator_client, year):
    response = coordinator_client.get(f"/kansli/ekonomi/?ar={year}")
    assert response.status_code == 400
    assert "är inte ett år" in response.content.decode()


def test_the_fee_outcome_is_the_revenue_also_without_a_fee_line_in_the_budget(
    demo, coordinator_client
):
    """The 2024 budget is not in the sources: the year has no budget lines, and its income
    outcome was 0 kr on the same page that said 878 050 kr."""
    response = coordinator_client.get("/kansli/ekonomi/?ar=2024")
    economy = response.context["economy"]
    assert economy.income_outcome == 878050
    [fees] = economy.income
    assert fees.from_fees and fees.outcome == 878050 and fees.budget is None
    assert economy.closing_equity is None  # the year's expenses are not known
    assert "ej budgeterat" in response.content.decode()


def test_the_page_works_without_any_data(coordinator_client):
    assert coordinator_client.get("/kansli/ekonomi/").status_code == 200


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats")],
)
def test_the_exports_download(demo, coordinator_client, suffix, content_type):
    response = coordinator_client.get(f"/kansli/ekonomi/2024/intakter.{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="intakter-2024.{suffix}"' in response["Content-Disposition"]


def test_the_page_shows_the_budget_and_the_equity(demo, coordinator_client):
    from decimal import Decimal

    from hcs.reports.models import FinancialYear
    from hcs.reports.services import BudgetLineData, financial_year_save

    financial_year_save(
        financial_year=FinancialYear.objects.get(year=2024),  # the demo's, from the annual report
        lines=[
            BudgetLineData(
                kind="income", label="Medlemsavgifter", budget=Decimal(840000), from_fees=True
            ),
            BudgetLineData(kind="expense", label="Kansli", budget=Decimal(900000)),
        ],
        actor="t",
    )
    response = coordinator_client.get("/kansli/ekonomi/?ar=2024")
    text = response.content.decode()
    assert "Medlemsavgifter" in text and "Kansli" in text
    assert "750\u00a0000\u00a0kr" in text
    assert response.context["economy"].closing_equity is None  # the office's outcome is unknown
    assert response.context["economy"].income_outcome == 878050
