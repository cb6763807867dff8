from django.urls import path

from hcs.followup import views

app_name = "followup"

urlpatterns = [
    path("<int:year>/", views.kansli_year, name="year"),
    path("svar/<int:pk>/", views.kansli_followup, name="followup"),
    path("<int:year>.xlsx", views.kansli_xlsx, name="xlsx"),
]
