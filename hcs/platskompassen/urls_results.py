"""A round's results under its public link: the page, the compass and the exports."""

from django.urls import path

from hcs.platskompassen import views_results

urlpatterns = [
    path("<slug:slug>/resultat/", views_results.results, name="results"),
    path("<slug:slug>/resultat/kompass.svg", views_results.compass, name="compass_svg"),
    path("<slug:slug>/resultat.csv", views_results.results_csv, name="results_csv"),
    path("<slug:slug>/resultat.xlsx", views_results.results_xlsx, name="results_xlsx"),
    path("<slug:slug>/resultat.pdf", views_results.results_pdf, name="results_pdf"),
]
