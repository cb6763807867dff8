from django.urls import path

from hcs.fees import views

app_name = "fees"
urlpatterns = [
    path("", views.schedules, name="schedules"),
    path("<year:year>/", views.year_summary, name="year"),
    path("modeller/", views.fee_model_list, name="models"),
    path("modeller/<int:pk>/", views.fee_model_compare, name="model"),
    path("modeller/<int:pk>/jamforelse.xlsx", views.fee_model_export, name="model_export"),
    path("modeller/<int:pk>/anta/", views.fee_model_adopt_confirm, name="model_adopt"),
]
