"""The residents' survey under the round's public link."""

from django.urls import path

from hcs.platskompassen import views_survey

urlpatterns = [
    path("<slug:slug>/", views_survey.survey, name="survey"),
    path("<slug:slug>/tack/", views_survey.thanks, name="survey_thanks"),
]
