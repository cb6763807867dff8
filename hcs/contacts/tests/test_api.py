"""GET /api/v1/contacts: the contact persons with their roles, for the secretariat only."""

from datetime import date

import pytest
from django.test import Client

from hcs.accounts.services import api_token_create
from hcs.contacts.gdpr import contact_person_erase
from hcs.contacts.models import ContactPerson, ContactRole
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def falun(db):
    organisation = Organisation.objects.create(
        code="2080", name="Falu kommun", kind="municipality", county_code="20"
    )
    anna = ContactPerson.objects.create(organisation=organisation, name="Anna Berg", email="a@f.se")
    ContactRole.objects.create(person=anna, kind="political", start_date=date(2020, 1, 1))
    ContactRole.objects.create(
        person=anna, kind="administrative", start_date=date(2018, 1, 1), end_date=date(2019, 12, 31)
    )
    other = Organisation.objects.create(
        code="1880", name="Örebro kommun", kind="municipality", county_code="18"
    )
    bo = ContactPerson.objects.create(organisation=other, name="Bo Ek", email="b@o.se")
    ContactRole.objects.create(person=bo, kind="administrative", start_date=date(2023, 5, 1))
    return organisation, anna


def test_the_secretariat_gets_an_organisations_roles_with_their_periods(falun, api_client):
    _organisation, anna = falun
    response = api_client.get("/api/v1/contacts?organisation=2080")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": anna.pk,
            "name": "Anna Berg",
            "email": "a@f.se",
            "role": "political",
            "organisation_code": "2080",
            "since": "2020-01-01",
            "until": None,
        },
        {
            "id": anna.pk,
            "name": "Anna Berg",
            "email": "a@f.se",
            "role": "administrative",
            "organisation_code": "2080",
            "since": "2018-01-01",
            "until": "2019-12-31",
        },
    ]


def test_without_an_organisation_every_contact_is_listed(falun, api_client):
    codes = [row["organisation_code"] for row in api_client.get("/api/v1/contacts").json()]
    assert codes == ["2080", "2080", "1880"]  # by organisation name: Falu before Örebro


def test_an_unknown_code_is_404_with_a_message(falun, api_client):
    response = api_client.get("/api/v1/contacts?organisation=9999")
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


def test_a_code_with_a_control_character_is_422(falun, api_client):
    assert api_client.get("/api/v1/contacts?organisation=20%0180").status_code == 422


def test_an_erased_person_reads_as_the_placeholder(falun, api_client, coordinator):
    _organisation, anna = falun
    contact_person_erase(person=anna, actor=coordinator)
    rows = api_client.get("/api/v1/contacts?organisation=2080").json()
    assert len(rows) == 2 and all("Anna" not in row["name"] and not row["email"] for row in rows)


def test_no_token_is_401_and_staff_without_the_permission_is_403(falun, staff_without_rights):
    assert Client().get("/api/v1/contacts").status_code == 401
    token = api_token_create(username=staff_without_rights.username)
    staff = Client(headers={"Authorization": f"Bearer {token}"})
    assert staff.get("/api/v1/contacts").status_code == 403
