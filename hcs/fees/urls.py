from django.urls import path

from hcs.fees import views

app_name = "fees"
urlpatterns = [
    path("", views.schedules, name="schedules"),
    path("<int:year>/", views.year_summary, name="year"),
]
