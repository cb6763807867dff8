from django.urls import path

from hcs.mailings import views_public

app_name = "mailings_public"

urlpatterns = [
    path("", views_public.archive, name="archive"),
    path("<int:pk>/", views_public.newsletter, name="newsletter"),
    path("prenumerera/", views_public.subscribe, name="subscribe"),
    path("bekrafta/<str:token>/", views_public.confirm, name="confirm"),
    path("avregistrera/<str:token>/", views_public.unsubscribe_view, name="unsubscribe"),
]
