from django.urls import path

from hcs.applications.views import become_member
from hcs.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("medlemmar/", views.members, name="members"),
    path("medlemmar/<str:code>/", views.member_detail, name="member_detail"),
    path("bli-medlem/", become_member, name="fee_table"),
]
