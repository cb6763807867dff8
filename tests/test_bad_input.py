"""Bad input gets a clear error in the visitor's language and changes nothing: control
characters and lone surrogates, numbers and years out of range, oversized bodies. On SQLite
and on PostgreSQL (where a NUL in a query used to be a 500)."""

import json

import pytest

from hcs.audit.models import AuditEntry
from hcs.events.models import Registration

pytestmark = pytest.mark.django_db


def _state():
    return Registration.objects.count(), AuditEntry.objects.count()


def _json(client, url, body: str):
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize(
    "name", ["An\\u0000na", "An\\u0001na", "Anna\\ud800", "\\udfff", "Tab\\there"]
)
def test_the_api_refuses_a_control_character_or_a_lone_surrogate_naming_the_field(
    client, webinar, name
):
    before = _state()
    body = '{"name": "' + name + '", "email": "anna@example.org", "role": "official"}'
    response = _json(client, f"/api/v1/events/{webinar.pk}/registrations", body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "name" in detail and "tecken som inte kan användas" in detail
    assert _state() == before


def test_the_api_answers_in_english_when_asked(client, webinar):
    body = '{"name": "An\\u0000na", "email": "anna@example.org", "role": "official"}'
    response = client.post(
        f"/api/v1/events/{webinar.pk}/registrations",
        body,
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert "name contains a character that cannot be used" in response.json()["detail"]


@pytest.mark.parametrize("text", ["An\x00na", "An\x01na", "Anna\x7f", "An\x85na"])
def test_a_form_refuses_a_control_character_with_a_message_at_the_field(client, webinar, text):
    before = _state()
    response = client.post(
        f"/kalender/{webinar.pk}/",
        {"name": text, "email": "anna@example.org", "role": "official", "website": ""},
    )
    assert response.status_code == 400
    assert "Texten innehåller ett tecken som inte kan användas" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(
    "url",
    [
        "/medlemmar/?datum=%00",
        "/medlemmar/?%00=1",
        "/kalender/?q=%01",
        "/admin/contacts/contactperson/?q=%00",
    ],
)
def test_a_control_character_in_the_address_is_a_clear_400(coordinator_client, url):
    response = coordinator_client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "tecken som inte kan användas" in body and "Traceback" not in body


def test_a_control_character_in_an_api_parameter_is_a_422_naming_it(client, db):
    response = client.get("/api/v1/members?on=%00")
    assert response.status_code == 422 and "on" in response.json()["detail"]
    response = client.get("/api/v1/platskompassen/rounds/x/results?group=a%00b")
    assert response.status_code == 422 and "group" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/medlemmar/%00/", "/api/v1/organisations/%00/memberships"])
def test_a_control_character_in_the_path_is_no_page(client, db, url):
    assert client.get(url).status_code == 404


def test_a_six_megabyte_json_body_is_too_large(client, webinar):
    body = json.dumps({"name": "x" * (6 * 1024 * 1024), "email": "a@example.org"})
    response = _json(client, f"/api/v1/events/{webinar.pk}/registrations", body)
    assert response.status_code == 413
    assert response.json()["detail"] == "Förfrågan är för stor."
    assert not Registration.objects.exists()


def test_a_large_form_post_is_too_large(client, webinar):
    response = client.post(f"/kalender/{webinar.pk}/", {"name": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 413
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events?year=0",
        "/api/v1/events?year=10000",
        "/api/v1/events?year=99999999999999999999",
        "/api/v1/members?on=0000-01-01",
        "/api/v1/members?on=20000-01-01",
        "/api/v1/board?on=2024-02-30",
        "/api/v1/fees/99999999999999999999/summary",
        "/api/v1/organisations/x/memberships?x=%ED%A0%80",
    ],
)
def test_out_of_range_api_parameters_are_clear_errors(client, db, url):
    response = client.get(url)
    assert response.status_code in (404, 422), url
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/medlem/kriterier/?ar=0",
        "/kansli/fakturor/?ar=-1",
        "/kansli/ekonomi/?ar=²",
        "/kansli/kriterier/?ar=0",
        "/kansli/avgifter/?ar=x",
        "/medlemmar/?ar=99999999999999999999",
        "/medlemmar/?datum=99999-01-01",
        "/kansli/evenemang/?ar=99999999999999999999&typ=x&publik=%00&grupp=-1",
        "/kansli/evenemang/?q=%ED%A0%80",
        "/kansli/evenemang/?ar=²",
    ],
)
def test_out_of_range_page_parameters_are_never_a_500(coordinator_client, url):
    response = coordinator_client.get(url)
    assert response.status_code in (200, 302, 400, 403), url


@pytest.mark.parametrize(
    "url",
    [
        "/kansli/fakturor/skapa/99999/",
        "/kansli/fakturor/99999999999999999999/",
        "/kansli/avgifter/99999999999999999999/",
        "/kalender/99999999999999999999/",
        "/kansli/evenemang/99999999999999999999/narvaro/",
        "/kansli/evenemang/99999999999999999999/",
        "/kansli/evenemang/99999999999999999999/anmalningar.xlsx",
    ],
)
def test_huge_numbers_in_the_path_are_no_page(coordinator_client, url):
    assert coordinator_client.get(url).status_code == 404


def test_a_missing_record_is_told_in_the_visitors_language(coordinator_client):
    """Not Django's "No Place matches the given query." (English, and naming a model)."""
    response = coordinator_client.get("/platskompassen/platser/99999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "matches the given query" not in page and "Det finns ingen sådan sida." in page
