from django.urls import path

from hcs.events import views, views_kansli

app_name = "kansli_events"
urlpatterns = [
    path("", views_kansli.event_list, name="list"),
    path("nytt/", views_kansli.event_create, name="create"),
    path("<int:pk>/", views_kansli.event_detail, name="detail"),
    path("<int:pk>/andra/", views_kansli.event_edit, name="edit"),
    path("<int:pk>/kopiera/", views_kansli.event_copy_view, name="copy"),
    path("<int:pk>/stall-in/", views_kansli.event_cancel_view, name="cancel"),
    path("<int:pk>/anmal/", views_kansli.register_on_behalf, name="register"),
    path("<int:pk>/meddelande/", views_kansli.message_view, name="message"),
    path("<int:pk>/anmalningar.xlsx", views_kansli.registrations_xlsx_view, name="xlsx"),
    path("<int:pk>/anmalningar.csv", views_kansli.registrations_csv_view, name="csv"),
    path("<int:pk>/narvaro/", views.attendance, name="attendance"),
    path(
        "anmalningar/<int:pk>/avboka/",
        views_kansli.registration_cancel_view,
        name="cancel_registration",
    ),
    path(
        "anmalningar/<int:pk>/flytta-upp/", views_kansli.registration_promote_view, name="promote"
    ),
]
