"""The back office saves groups and participants through the services.

The coordinators' group gets the groups' permissions in hcs.accounts (COORDINATOR_PERMISSIONS);
until then these tests use a superuser (`admin_client`).
"""

from datetime import date

import pytest

from hcs.audit.models import AuditEntry
from hcs.groups.demo import load_groups_demo
from hcs.groups.models import Group, GroupParticipant
from hcs.groups.services import group_create, participant_add
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}
PREFIX = "participants"


@pytest.fixture
def lulea(db):
    return Organisation.objects.create(
        code="2580", name="Luleå", kind="municipality", county_code="25"
    )


def _group_form(name="IOP-avtal", kind="working", start="2024-01-01", end="", rows=()):
    data = {
        "kind": kind,
        "name": name,
        "purpose": "",
        "start_date": start,
        "start_precision": "day",
        "end_date": end,
        "end_precision": "day",
        "note": "",
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for field in (
            "id",
            "person_name",
            "email",
            "organisation",
            "organisation_name",
            "role",
            "start_date",
            "end_date",
        ):
            data[f"{PREFIX}-{i}-{field}"] = row.get(field, "")
    return data


def test_the_changelist_and_add_pages_render(admin_client, demo):
    load_groups_demo("test")
    response = admin_client.get("/admin/groups/group/")
    assert response.status_code == 200
    assert "Strategiska gruppen" in response.content.decode()
    for status in ("aktiv", "avslutad"):
        assert admin_client.get(f"/admin/groups/group/?status={status}").status_code == 200
    assert admin_client.get("/admin/groups/group/?q=Lule").status_code == 200
    assert admin_client.get("/admin/groups/group/add/").status_code == 200
    strategic = Group.objects.get(kind="strategic")
    assert admin_client.get(f"/admin/groups/group/{strategic.pk}/change/").status_code == 200


def test_the_active_filter_leaves_out_closed_groups(admin_client, demo):
    load_groups_demo("test")
    page = admin_client.get("/admin/groups/group/?status=aktiv").content.decode()
    assert "Delaktighet och inflytande" in page
    assert "Sociala investeringar" not in page


def test_a_group_with_participants_is_added_through_the_services(admin_client, lulea):
    row = {
        "person_name": "Anna Exempelsson",
        "email": "anna@example.org",
        "organisation": lulea.pk,
        "role": "official",
        "start_date": "2024-02-01",
    }
    response = admin_client.post("/admin/groups/group/add/", _group_form(rows=[row]))
    assert response.status_code == 302, response.content.decode()[:3000]
    participant = GroupParticipant.objects.get()
    assert participant.group.name == "IOP-avtal"
    assert AuditEntry.objects.filter(content_type__model="groupparticipant").exists()


def test_a_second_strategic_group_is_refused_in_the_admin(admin_client):
    group_create(kind="strategic", name="Strategiska", start_date=date(2024, 1, 1), actor="t")
    response = admin_client.post(
        "/admin/groups/group/add/",
        _group_form(name="Ny strategisk grupp", kind="strategic", start="2025-01-01"),
        headers=EN,
    )
    assert response.status_code == 200
    assert "one strategic group at a time" in response.content.decode()
    assert Group.objects.count() == 1


def test_a_participation_before_the_group_starts_is_refused_in_the_admin(admin_client, lulea):
    row = {
        "person_name": "Anna",
        "email": "anna@example.org",
        "organisation": lulea.pk,
        "role": "official",
        "start_date": "2023-02-01",
    }
    response = admin_client.post("/admin/groups/group/add/", _group_form(rows=[row]), headers=EN)
    assert response.status_code == 200
    assert "a participation cannot start before it" in response.content.decode()
    assert not Group.objects.exists()


def test_closing_in_the_admin_ends_the_open_participations(admin_client, lulea):
    group = group_create(kind="theme", name="Tema", start_date=date(2024, 1, 1), actor="t")
    participant = participant_add(
        group=group,
        person_name="Anna",
        email="anna@example.org",
        organisation=lulea,
        role="official",
        start_date=date(2024, 2, 1),
        actor="t",
    )
    row = {
        "id": participant.pk,
        "person_name": "Anna",
        "email": "anna@example.org",
        "organisation": lulea.pk,
        "role": "official",
        "start_date": "2024-02-01",
    }
    response = admin_client.post(
        f"/admin/groups/group/{group.pk}/change/",
        _group_form(name="Tema", kind="theme", end="2024-12-31", rows=[row]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    participant.refresh_from_db()
    assert participant.end_date == date(2024, 12, 31)


def test_deleting_a_group_with_a_history_shows_a_message(admin_client, lulea):
    group = group_create(kind="theme", name="Tema", start_date=date(2024, 1, 1), actor="t")
    participant_add(
        group=group,
        person_name="Anna",
        organisation=lulea,
        role="official",
        start_date=date(2024, 2, 1),
        actor="t",
    )
    response = admin_client.post(
        f"/admin/groups/group/{group.pk}/delete/", {"post": "yes"}, headers=EN
    )
    # The participants are protected: the admin names them instead of deleting the group.
    assert response.status_code == 200
    assert "protected" in response.content.decode()
    assert Group.objects.filter(pk=group.pk).exists()
