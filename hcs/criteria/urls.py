from django.urls import path

from hcs.criteria import views

app_name = "criteria"
urlpatterns = [
    path("", views.compliance_page, name="compliance"),
    path("medlemskriterier.csv", views.compliance_export, {"fmt": "csv"}, name="csv"),
    path("medlemskriterier.xlsx", views.compliance_export, {"fmt": "xlsx"}, name="xlsx"),
    path("<year:year>/kopiera/", views.copy_criteria, name="copy"),
    path("<year:year>/paminnelser/", views.reminders, name="reminders"),
    path("<year:year>/<slug:key>/<str:code>/", views.assess, name="assess"),
]
