from django.urls import path

from hcs.applications.views import become_member
from hcs.learning import views as learning
from hcs.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("om-natverket/", views.about, name="about"),
    path("medlemmar/", views.members, name="members"),
    path("medlemmar/<str:code>/", views.member_detail, name="member_detail"),
    path("bli-medlem/", become_member, name="fee_table"),
    path("grupper/", views.groups, name="groups"),
    path("aktuellt/", views.news, name="news"),
    path("aktuellt/atom.xml", views.news_feed, name="news_feed"),
    path("aktuellt/<slug:slug>/", views.news_item, name="news_item"),
    path("publikationer/", views.publications, name="publications"),
    path("publikationer/<slug:slug>/", views.publication, name="publication"),
    path("kontakt/", views.contact, name="contact"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("filer/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path("larande-exempel/", learning.public_list, name="learning_examples"),
    path("larande-exempel/<int:pk>/", learning.public_detail, name="learning_example"),
    path(
        "larande-exempel/filer/<int:pk>/<str:name>",
        learning.attachment_file,
        name="learning_attachment",
    ),
]
