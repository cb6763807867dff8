from django.urls import path

from hcs.followup.views import portal_followup
from hcs.learning import views as learning
from hcs.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("fakturor/", views.invoices, name="invoices"),
    path("kontaktpersoner/", views.contacts, name="contacts"),
    path("evenemang/", views.events, name="events"),
    path(
        "evenemang/anmalningar/<int:pk>/avboka/",
        views.registration_cancel_view,
        name="registration_cancel",
    ),
    path("grupper/", views.groups, name="groups"),
    path("uppfoljning/", portal_followup, name="followup"),
    path("larande-exempel/", learning.portal_list, name="learning_examples"),
    path("larande-exempel/nytt/", learning.portal_new, name="learning_new"),
    path("larande-exempel/<int:pk>/", learning.portal_edit, name="learning_example"),
    path("dokument/", views.documents, name="documents"),
    path("dokument/arsmoten/<int:pk>/", views.annual_meeting, name="annual_meeting"),
    path("dokument/styrelsemoten/<int:pk>/", views.board_meeting, name="board_meeting"),
    path(
        "dokument/styrelsemoten/<int:pk>/protokoll.pdf",
        views.board_minutes,
        name="board_minutes",
    ),
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/export.json", views.my_data_export, name="my_data_export"),
    path("mina-uppgifter/ny-adress/", views.email_change, name="email_change"),
    path("mina-uppgifter/radering/", views.erasure_request, name="erasure_request"),
    path("mina-uppgifter/api-nyckel/", views.token_create, name="token_create"),
    path(
        "mina-uppgifter/api-nyckel/<int:pk>/aterkalla/",
        views.token_revoke,
        name="token_revoke",
    ),
]
