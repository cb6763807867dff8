from django.urls import path

from hcs.events import views

app_name = "events"
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("<int:pk>/", views.event_page, name="event"),
    path("<int:pk>/anmal-flera/", views.register_several, name="register_several"),
    path("avboka/<str:token>/", views.cancel, name="cancel"),
]
