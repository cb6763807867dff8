from django.urls import path

from hcs.governance import views

app_name = "kansli_board"
urlpatterns = [
    path("", views.board, name="board"),
    path("uppdrag/<int:pk>/avsluta/", views.term_end, name="term_end"),
    path("moten/nytt/", views.meeting_create, {"kind": "board"}, name="meeting_create"),
    path("moten/<int:pk>/", views.meeting, name="meeting"),
    path("arsmoten/nytt/", views.meeting_create, {"kind": "annual"}, name="annual_meeting_create"),
    path("arsmoten/<int:pk>/", views.annual_meeting, name="annual_meeting"),
]
