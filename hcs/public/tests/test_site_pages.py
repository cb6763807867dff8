"""The public site as a public-health strategist of a non-member municipality reads it: what
the network is, its groups, news, publications, how to reach the coordinator; and the contact
form's protection."""

import pytest
from django.test import Client

from hcs.audit.models import AuditEntry
from hcs.content.models import ContactMessage
from hcs.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db

PAGES = (
    "/",
    "/om-natverket/",
    "/grupper/",
    "/aktuellt/",
    "/publikationer/",
    "/kontakt/",
    "/tillganglighet/",
    "/personuppgifter/",
)


def _meta(text: str, name: str) -> str:
    import re

    found = re.search(rf'<meta (?:name|property)="{name}" content="([^"]*)">', text)
    assert found, name
    return found.group(1)


def test_every_page_has_a_title_and_description_of_its_own(demo_2024):
    client = Client()
    titles, descriptions = set(), set()
    for path in PAGES:
        text = client.get(path).content.decode()
        titles.add(text.split("<title>")[1].split("</title>")[0])
        descriptions.add(_meta(text, "description"))
        assert _meta(text, "og:title") and _meta(text, "og:url").endswith(path)
        assert _meta(text, "og:locale") == "sv_SE"
    assert len(titles) == len(PAGES) and len(descriptions) == len(PAGES)


def test_the_start_page_says_what_the_network_is_with_numbers_news_and_voices(demo_2024):
    text = Client().get("/").content.decode()
    assert "det ledande nätverket i arbetet för en god och jämlik hälsa" in text  # the vision
    assert "medlemmar i dag" in text and "2004" in text
    assert "Barbro Müller" in text and "Samhällsstrateg folkhälsa, Luleå kommun" in text
    assert "Jonas Nygren" in text and "Monica Hanson" in text
    assert "Höstmötet 2024" in text  # among the latest news


def test_about_draws_the_structure_with_a_text_equivalent(demo_2024):
    text = Client().get("/om-natverket/").content.decode()
    assert 'role="img" aria-labelledby="structure-caption"' in text
    assert "Samma sak i ord" in text
    # The theme groups open now, from the registry, in the figure and in the words.
    assert text.count("Delaktighet och inflytande") >= 2
    assert "De sex P:na" in text or "sex P" in text  # WHO's strategic priorities
    assert "Agenda 2030" in text


def test_groups_list_what_they_do_and_their_public_events(demo_2024):
    text = Client().get("/grupper/").content.decode()
    assert "Hälsofrämjande samhällsplanering" in text and "Öppna evenemang" in text


def test_publications_list_the_position_statement_op_ed_and_annual_report(demo_2024):
    text = Client().get("/publikationer/").content.decode()
    assert "Folkhälsan och framtiden" in text
    assert "Dagens Samhälle" in text
    assert "Verksamhetsberättelse 2024" in text
    report = Client().get("/publikationer/verksamhetsberattelse-2024/").content.decode()
    assert "878 050" in report


def test_the_accessibility_statement_names_the_law_and_the_supervisory_authority(demo_2024):
    text = " ".join(Client().get("/tillganglighet/").content.decode().split())
    assert "lagen (2018:1937)" in text and "Myndigheten för digital förvaltning" in text
    assert "/kontakt/" in text


def test_a_message_reaches_the_secretariat(demo_2024):
    answer = Client().post(
        "/kontakt/",
        {
            "name": "Sara Strateg",
            "email": "sara@uppsala.example",
            "organisation": "Uppsala kommun",
            "message": "Hur går ett medlemskap till?",
            "consent": "on",
            "website": "",
        },
    )
    assert answer.status_code == 302 and answer["Location"].endswith("?tack=1#meddelande")
    message = ContactMessage.objects.get()
    assert message.organisation == "Uppsala kommun" and message.consent_at
    told = OutgoingEmail.objects.get(purpose="secretariat_notice", subject__contains="Sara")
    assert "Sara Strateg" in told.subject and "Hur går ett medlemskap till?" in told.body


def test_bad_messages_store_nothing_and_name_each_problem(demo_2024):
    before = AuditEntry.objects.count(), OutgoingEmail.objects.count()
    answer = Client().post(
        "/kontakt/",
        {"name": "", "email": "inte-en-adress", "message": "x" * 100_000, "website": ""},
    )
    text = answer.content.decode()
    assert answer.status_code == 400
    assert "Ange ett namn" in text or "Detta fält måste fyllas i" in text
    assert "e-postadress" in text
    assert "5000" in text  # the longest message
    assert not ContactMessage.objects.exists()
    assert (AuditEntry.objects.count(), OutgoingEmail.objects.count()) == before


def test_a_robot_is_thanked_and_nothing_is_stored(demo_2024):
    answer = Client().post(
        "/kontakt/",
        {
            "name": "Bot",
            "email": "bot@example.org",
            "message": "Köp!",
            "consent": "on",
            "website": "http://spam.example",
        },
    )
    assert answer.status_code == 302
    assert not ContactMessage.objects.exists()


def test_the_contact_form_is_rate_limited(demo_2024):
    client = Client()
    data = {"name": "A", "email": "a@example.org", "message": "Hej", "consent": "on"}
    statuses = [client.post("/kontakt/", data).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert ContactMessage.objects.count() == 5


def test_the_secretariat_handles_and_erases_a_message(demo_2024, coordinator_client):
    Client().post(
        "/kontakt/",
        {
            "name": "Sara Strateg",
            "email": "sara@uppsala.example",
            "message": "Hej",
            "consent": "on",
        },
    )
    message = ContactMessage.objects.get()
    inbox = coordinator_client.get("/kansli/meddelanden/").content.decode()
    assert "Sara Strateg" in inbox
    coordinator_client.post(f"/kansli/meddelanden/{message.pk}/", {"action": "handled"})
    message.refresh_from_db()
    assert message.handled_at is not None
    coordinator_client.post(f"/kansli/meddelanden/{message.pk}/", {"action": "erase"})
    assert not ContactMessage.objects.exists()
    trail = AuditEntry.objects.filter(content_type__model="contactmessage")
    assert trail.count() == 3 and not trail.filter(actor_name="Sara Strateg").exists()
    assert not trail.filter(object_repr__contains="Sara").exists()


def test_a_persons_export_and_erasure_reach_their_messages(demo_2024, coordinator):
    from hcs.contacts.gdpr import contact_person_erase, contact_person_export
    from hcs.contacts.models import ContactPerson

    person = ContactPerson.objects.exclude(email="").first()
    Client().post(
        "/kontakt/",
        {"name": person.name, "email": person.email, "message": "Min fråga", "consent": "on"},
    )
    data = contact_person_export(person=person, actor=coordinator)
    assert data["contact_messages"][0]["message"] == "Min fråga"
    summary = contact_person_erase(person=person, actor=coordinator)
    assert summary["contact_messages"] == 1
    assert not ContactMessage.objects.exists()
