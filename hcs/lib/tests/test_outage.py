"""When the database cannot be reached (restarting, failing over), a request fails as a 503
with a page in Swedish and a time to retry, never a 500 or a stack trace; the API answers JSON."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


@login_not_required
def _unreachable(request):
    raise OperationalError("connection failed: server closed the connection unexpectedly")


@login_not_required
def _closed(request):
    try:
        raise InterfaceError("connection already closed")
    except InterfaceError as error:
        raise RuntimeError("while rendering") from error


@login_not_required
def _broken(request):
    raise ValueError("a bug")


@login_not_required
def _fine(request):
    return HttpResponse("ok")


urlpatterns = [
    path("sida/", _unreachable),
    path("api/v1/sak", _unreachable),
    path("stangd/", _closed),
    path("fel/", _broken),
    path("ok/", _fine),
]
handler500 = "hcs.lib.views.server_error"


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_a_page_without_its_database_is_a_503_in_swedish(client):
    response = client.get("/sida/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Tjänsten är tillfälligt otillgänglig" in page
    assert "OperationalError" not in page and "Traceback" not in page


def test_the_api_without_its_database_answers_json(client):
    response = client.get("/api/v1/sak")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund."
    }


def test_a_lost_connection_behind_another_error_is_also_a_503(client):
    assert client.get("/stangd/").status_code == 503


def test_another_error_stays_a_500(client):
    response = client.get("/fel/")
    assert response.status_code == 500
    assert "Ett fel uppstod" in response.content.decode()
    assert client.get("/ok/").status_code == 200
