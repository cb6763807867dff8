"""Platskompassen's pages: the residents' survey and the results under the round's link, the
planner's places and rounds."""

from django.urls import include, path

from hcs.platskompassen import views_planner

app_name = "platskompassen"
urlpatterns = [
    path("", views_planner.places, name="places"),
    path("platser/ny/", views_planner.place_create, name="place_create"),
    path("platser/<int:pk>/", views_planner.place_detail, name="place"),
    path("platser/<int:pk>/ny-omgang/", views_planner.round_create, name="round_create"),
    path("<slug:slug>/qr.svg", views_planner.qr_code, name="qr"),
    path("", include("hcs.platskompassen.urls_survey")),
    path("", include("hcs.platskompassen.urls_results")),
]
