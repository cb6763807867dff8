from django.urls import path

from hcs.applications import views

app_name = "applications"

urlpatterns = [
    path("ansokningar/", views.pipeline, name="pipeline"),
    path("ansokningar/<int:pk>/", views.detail, name="detail"),
    path("rekrytering/", views.recruitment, name="recruitment"),
    path("rekrytering.csv", views.recruitment_csv, name="recruitment_csv"),
]
