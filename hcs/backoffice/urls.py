from django.urls import path

from hcs.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("befolkning/", views.population_upload, name="population_upload"),
    path("e-post/", views.mail_log, name="mail_log"),
    path("e-post/<int:pk>/skicka-igen/", views.mail_retry, name="mail_retry"),
    path("kontaktpersoner/<int:pk>/export/", views.contact_export, name="contact_export"),
    path("kontaktpersoner/<int:pk>/radera/", views.contact_erase, name="contact_erase"),
]
