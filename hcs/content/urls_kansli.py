from django.urls import path

from hcs.content import views

app_name = "content"

urlpatterns = [
    path("innehall/", views.entries, name="entries"),
    path("innehall/forhandsvisning/", views.preview, name="preview"),
    path("innehall/ny/<str:kind>/", views.entry_new, name="new"),
    path("innehall/<int:pk>/", views.entry_edit, name="edit"),
    path("innehall/<int:pk>/historik/", views.history, name="history"),
    path("innehall/<int:pk>/avpublicera/", views.unpublish, name="unpublish"),
    path("innehall/<int:pk>/bilagor/", views.attachment_upload, name="attachment_upload"),
    path("innehall/bilagor/<int:pk>/ta-bort/", views.attachment_remove, name="attachment_remove"),
    path("meddelanden/", views.contact_messages, name="messages"),
    path("meddelanden/<int:pk>/", views.contact_message_action, name="message"),
]
