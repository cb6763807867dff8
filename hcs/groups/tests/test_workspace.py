"""The groups in the secretariat's workspace: who takes part over time, and their meetings."""

from datetime import date

from hcs.contacts.models import ContactPerson
from hcs.groups.models import Group, GroupParticipant


def test_the_strategic_group_shows_its_participants_and_monthly_meetings(
    demo_2024, coordinator_client
):
    group = Group.objects.get(name="Strategiska gruppen")
    page = coordinator_client.get(f"/kansli/grupper/{group.pk}/").content.decode()
    participant = group.participants.first()
    assert participant.person_name in page
    assert page.count("Strategiska gruppens månadsmöte") == 11


def test_a_contact_person_joins_a_group_and_leaves_it(demo_2024, coordinator_client):
    group = Group.objects.filter(kind="theme", end_date__isnull=True).first()
    person = ContactPerson.objects.exclude(
        name__in=group.participants.values_list("person_name", flat=True)
    ).first()
    response = coordinator_client.post(
        f"/kansli/grupper/{group.pk}/",
        {"person": person.pk, "role": "official", "start_date": "2025-01-15"},
    )
    assert response.status_code == 302
    participant = GroupParticipant.objects.get(group=group, person_name=person.name)
    assert participant.organisation == person.organisation
    coordinator_client.post(
        f"/kansli/grupper/deltagare/{participant.pk}/avsluta/",
        {f"leave-{participant.pk}-end_date": "2025-12-31"},
    )
    participant.refresh_from_db()
    assert participant.end_date == date(2025, 12, 31)


def test_a_new_meeting_of_the_group_starts_as_the_groups_event(demo_2024, coordinator_client):
    group = Group.objects.get(name="Strategiska gruppen")
    page = coordinator_client.get(f"/kansli/evenemang/nytt/?grupp={group.pk}").content.decode()
    assert f'<option value="{group.pk}" selected>' in page
    assert '<option value="strategic_group" selected>' in page
    assert coordinator_client.get("/kansli/evenemang/nytt/?grupp=x").status_code == 200


def test_the_group_list(demo_2024, coordinator_client):
    page = coordinator_client.get("/kansli/grupper/").content.decode()
    assert "Strategiska gruppen" in page and "Regionernas grupp" in page
