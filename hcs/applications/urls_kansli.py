from django.urls import path

from hcs.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("<int:pk>/", views.detail, name="detail"),
]
