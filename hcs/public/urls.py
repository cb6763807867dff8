from django.urls import path

from hcs.fees.views import fee_table
from hcs.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("medlemmar/", views.members, name="members"),
    path("medlemmar/<str:code>/", views.member_detail, name="member_detail"),
    path("bli-medlem/", fee_table, name="fee_table"),
]
