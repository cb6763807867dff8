"""The REST API's contract: paths, fields, status codes and errors in the caller's language."""

import json
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from hcs.accounts.services import api_token_create
from hcs.audit.models import AuditEntry
from hcs.memberships.models import Membership

pytestmark = pytest.mark.django_db


def _post(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", headers=headers)


def _snapshot():
    return (
        list(Membership.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


NEW_MEMBER = {
    "organisation_code": "0180",
    "start_date": "2025-03-01",
    "decision": {
        "body": "Kommunstyrelsen",
        "date": "2025-02-12",
        "paragraph": "§ 41",
        "registry_number": "KS 2025/0113",
    },
}


def test_members_on_a_date(client, demo):
    response = client.get("/api/v1/members?on=2024-12-31")
    assert response.status_code == 200
    members = response.json()
    assert len(members) == 20
    assert sum(m["kind"] == "region" for m in members) == 6
    norrbotten = next(m for m in members if m["code"] == "25")
    assert norrbotten == {
        "code": "25",
        "name": "Region Norrbotten",
        "kind": "region",
        "since": "2024-06-01",
        "until": None,
        "since_approximate": True,
    }


def test_members_default_to_today(client, demo):
    today = client.get("/api/v1/members").json()
    explicit = client.get(f"/api/v1/members?on={timezone.localdate().isoformat()}").json()
    assert today == explicit


def test_members_before_norrbotten_joined(client, demo):
    assert len(client.get("/api/v1/members?on=2024-03-01").json()) == 19


def test_an_invalid_date_is_a_422_in_swedish(client, demo):
    response = client.get("/api/v1/members?on=2024-13-01")
    assert response.status_code == 422
    assert "giltigt datum" in response.json()["detail"]


def test_errors_are_in_english_when_asked_for(client, demo):
    response = client.get("/api/v1/members?on=2024-13-01", headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "not a valid date" in response.json()["detail"]


def test_organisations_by_kind_with_their_newest_population(client, demo):
    regions = client.get("/api/v1/organisations?kind=region").json()
    assert len(regions) == 21
    municipalities = client.get("/api/v1/organisations?kind=municipality").json()
    assert len(municipalities) == 290
    malmo = next(o for o in municipalities if o["code"] == "1280")
    assert malmo == {
        "code": "1280",
        "name": "Malmö",
        "kind": "municipality",
        "county_code": "12",
        "population": 365644,
        "population_year": 2024,
    }
    assert len(client.get("/api/v1/organisations").json()) == 311


def test_an_unknown_kind_is_refused(client, demo):
    assert client.get("/api/v1/organisations?kind=county").status_code == 422


def test_an_organisations_periods_with_their_decisions(client, demo):
    periods = client.get("/api/v1/organisations/0126/memberships").json()
    assert len(periods) == 1
    huddinge = periods[0]
    assert huddinge["start_date"] == "2008-10-20"
    assert huddinge["end_date"] == "2023-12-31"
    assert huddinge["end_precision"] == "year"
    exit_decision = next(d for d in huddinge["decisions"] if d["kind"] == "exit")
    assert exit_decision["paragraph"] == "§ 9"
    assert exit_decision["registry_number"] == "KS-2022/2516.10"
    assert exit_decision["date"] == "2023-04-26"


def test_an_unknown_code_is_a_404_with_a_message(client, demo):
    response = client.get("/api/v1/organisations/9999/memberships")
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


def test_writing_needs_a_token(client, demo):
    before = _snapshot()
    response = _post(client, "/api/v1/memberships", NEW_MEMBER)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert (
        _post(
            client, "/api/v1/memberships", NEW_MEMBER, Authorization="Bearer hcs_not-a-token"
        ).status_code
        == 401
    )
    assert _snapshot() == before


def test_a_token_of_a_user_without_the_right_is_refused(demo, staff_without_rights):
    token = api_token_create(username=staff_without_rights.username)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    before = _snapshot()
    assert _post(client, "/api/v1/memberships", NEW_MEMBER).status_code == 403
    assert _snapshot() == before


def test_staff_record_a_new_membership(api_client, demo, coordinator):
    response = _post(api_client, "/api/v1/memberships", NEW_MEMBER)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation_code"] == "0180"
    assert body["decisions"][0]["registry_number"] == "KS 2025/0113"
    membership = Membership.objects.get(pk=body["id"])
    entry = AuditEntry.objects.get(
        content_type__model="membership", object_id=str(membership.pk), action="create"
    )
    assert entry.actor == coordinator


def test_an_overlapping_membership_is_a_409_and_changes_nothing(api_client, demo):
    before = _snapshot()
    response = _post(
        api_client,
        "/api/v1/memberships",
        {
            **NEW_MEMBER,
            "organisation_code": "1280",
            "start_date": "2024-05-01",
            "decision": {**NEW_MEMBER["decision"], "date": "2024-04-01"},
        },
    )
    assert response.status_code == 409
    assert "Malmö" in response.json()["detail"]
    assert _snapshot() == before


def test_a_decision_after_the_start_is_a_422_and_changes_nothing(api_client, demo):
    before = _snapshot()
    response = _post(
        api_client,
        "/api/v1/memberships",
        {**NEW_MEMBER, "decision": {**NEW_MEMBER["decision"], "date": "2025-04-01"}},
    )
    assert response.status_code == 422
    assert "beslut" in response.json()["detail"].lower()
    assert _snapshot() == before


def test_a_missing_decision_is_a_422(api_client, demo):
    payload = {k: v for k, v in NEW_MEMBER.items() if k != "decision"}
    response = _post(api_client, "/api/v1/memberships", payload)
    assert response.status_code == 422
    assert "decision" in response.json()["detail"]


def test_malformed_json_is_refused(api_client, demo):
    response = api_client.post("/api/v1/memberships", "{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_an_unknown_organisation_is_a_404(api_client, demo):
    response = _post(api_client, "/api/v1/memberships", {**NEW_MEMBER, "organisation_code": "9999"})
    assert response.status_code == 404


def test_ending_a_membership_with_its_exit_decision(api_client, demo):
    malmo = Membership.objects.get(organisation__code="1280")
    payload = {
        "end_date": "2025-12-31",
        "decision": {"body": "Kommunstyrelsen", "date": "2025-06-11", "paragraph": "§ 200"},
    }
    response = _post(api_client, f"/api/v1/memberships/{malmo.pk}/end", payload)
    assert response.status_code == 200, response.content
    assert response.json()["end_date"] == "2025-12-31"
    malmo.refresh_from_db()
    assert malmo.end_date == date(2025, 12, 31)
    before = _snapshot()
    again = _post(api_client, f"/api/v1/memberships/{malmo.pk}/end", payload)
    assert again.status_code == 409
    assert _snapshot() == before


def test_ending_an_unknown_membership_is_a_404(api_client, demo):
    payload = {"end_date": "2025-12-31", "decision": {"body": "KS", "date": "2025-06-11"}}
    assert _post(api_client, "/api/v1/memberships/999999/end", payload).status_code == 404


def test_the_openapi_schema_lists_the_contract(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/organisations",
        "/api/v1/members",
        "/api/v1/organisations/{code}/memberships",
        "/api/v1/memberships",
        "/api/v1/memberships/{membership_id}/end",
    } <= set(schema["paths"])


def test_the_api_docs_load_nothing_from_other_sites(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in page and "https://" not in page
