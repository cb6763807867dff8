from django.urls import path

from hcs.groups import views

app_name = "kansli_groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("<int:pk>/", views.group_page, name="group"),
    path("deltagare/<int:pk>/avsluta/", views.participant_leave_view, name="leave"),
]
