from django.urls import path

from hcs.reports import views, views_annual

app_name = "reports"
urlpatterns = [
    path("", views.economy_page, name="economy"),
    path("<year:year>/intakter.csv", views.revenue_csv_export, name="revenue_csv"),
    path("<year:year>/intakter.xlsx", views.revenue_xlsx_export, name="revenue_xlsx"),
    path(
        "verksamhetsberattelse/<int:year>/",
        views_annual.annual_report_editor,
        name="annual_report_editor",
    ),
]
