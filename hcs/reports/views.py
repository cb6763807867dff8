"""The secretariat's economy page and the revenue exports. Reads only: the budget is edited in
the admin, through hcs.reports.services."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hcs.accounts.access import secretariat_required
from hcs.lib.params import year_param
from hcs.reports.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, revenue_csv, revenue_xlsx
from hcs.reports.queries import economy, report_years, revenue

VIEW = "reports.view_financialyear"


def _chosen_year(request, years: list[int]) -> int:
    """`?ar=2024`; by default this year if it has data, else the newest year that has."""
    chosen = year_param(request)
    if chosen:
        return chosen
    this_year = timezone.localdate().year
    if this_year in years or not years:
        return this_year
    return years[0]


@secretariat_required(VIEW)
@require_GET
def economy_page(request):
    years = report_years()
    year = _chosen_year(request, years)
    year_revenue = revenue(year, timezone.localdate())
    return render(
        request,
        "reports/economy.html",
        {
            "year": year,
            "years": years,
            "revenue": year_revenue,
            "economy": economy(year, year_revenue.total),
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@secretariat_required(VIEW)
@require_GET
def revenue_csv_export(request, year: int):
    content = revenue_csv(revenue(year, timezone.localdate()))
    return _download(content, CSV_CONTENT_TYPE, f"intakter-{year}.csv")


@secretariat_required(VIEW)
@require_GET
def revenue_xlsx_export(request, year: int):
    content = revenue_xlsx(revenue(year, timezone.localdate()))
    return _download(content, XLSX_CONTENT_TYPE, f"intakter-{year}.xlsx")
