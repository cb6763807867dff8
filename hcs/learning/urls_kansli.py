from django.urls import path

from hcs.learning import views

app_name = "kansli_learning"

urlpatterns = [
    path("", views.kansli_list, name="examples"),
    path("nytt/", views.kansli_new, name="new"),
    path("<int:pk>/", views.kansli_example, name="example"),
]
