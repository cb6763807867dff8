from django.urls import path

from hcs.backoffice import organisation, views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("befolkning/", views.population_upload, name="population_upload"),
    path("e-post/", views.mail_log, name="mail_log"),
    path("e-post/<int:pk>/skicka-igen/", views.mail_retry, name="mail_retry"),
    path("kontaktpersoner/<int:pk>/export/", views.contact_export, name="contact_export"),
    path("kontaktpersoner/<int:pk>/radera/", views.contact_erase, name="contact_erase"),
    path("organisationer/", organisation.organisation_list, name="organisations"),
    path("organisationer/<str:code>/", organisation.organisation_page, name="organisation"),
    path(
        "medlemskap/<int:pk>/intradesbeslut/",
        organisation.membership_decision,
        {"kind": "join"},
        name="join_decision",
    ),
    path(
        "medlemskap/<int:pk>/uttrade/",
        organisation.membership_decision,
        {"kind": "exit"},
        name="exit_decision",
    ),
    path("kontaktroller/<int:pk>/avsluta/", organisation.role_end, name="role_end"),
    path("kontaktpersoner/<int:pk>/bjud-in/", organisation.invite, name="invite"),
    path(
        "kontaktforslag/<int:pk>/genomfor/",
        organisation.proposal_handle,
        {"verdict": "apply"},
        name="proposal_apply",
    ),
    path(
        "kontaktforslag/<int:pk>/avsla/",
        organisation.proposal_handle,
        {"verdict": "decline"},
        name="proposal_decline",
    ),
    path("sok/", organisation.search, name="search"),
    path("personuppgifter/", views.data_requests, name="data_requests"),
    path(
        "personuppgifter/<int:pk>/hanterad/",
        views.data_request_handled,
        name="data_request_handled",
    ),
]
