from django.urls import path

from hcs.mailings import views

app_name = "mailings"

urlpatterns = [
    path("", views.mailing_list, name="list"),
    path("nytt/", views.mailing_new, name="new"),
    path("<int:pk>/", views.mailing_detail, name="detail"),
]
