"""Members share learning examples: a member's contact writes one in the portal and sends it,
the secretariat approves it before anyone else sees it, and anyone finds it with a search in
Swedish ("skolan" finds "skolor"), narrowed by tag, organisation and year."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from hcs.accounts.testing import member_contact_user
from hcs.audit.models import AuditEntry
from hcs.contacts.models import ContactPerson
from hcs.learning import search
from hcs.learning.models import LearningExample
from hcs.learning.queries import find
from hcs.learning.services import (
    ExampleData,
    example_approve,
    example_create,
    example_update,
    examples_erase,
    examples_export,
)
from hcs.mail.models import OutgoingEmail
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db

HALMSTAD, MALMO, LULEA = "1380", "1280", "2580"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _org(code):
    return Organisation.objects.get(code=code)


def _published(coordinator, code, title, summary, body="", tags=(), public=True):
    return example_create(
        organisation=_org(code),
        data=ExampleData(title=title, summary=summary, body=body, tags=list(tags), public=public),
        actor=coordinator,
        approve=True,
    )


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# Search


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("skolan", True),  # Snowball keeps "skolan"; the index also drops its "-an"
        ("skolor", True),
        ("skola", True),
        ("Skolornas", True),
        ("kommunen", False),
        ("", True),
    ],
)
def test_swedish_words_find_their_other_forms(demo, coordinator, query, found):
    _published(coordinator, HALMSTAD, "Rörelse i skolor", "Eleverna rör sig mer på rasterna.")
    titles = [e.title for e in find(_anonymous(), q=query).examples]
    assert (titles == ["Rörelse i skolor"]) is found


def test_the_definite_form_in_the_text_is_found_by_the_plural(demo, coordinator):
    _published(coordinator, MALMO, "Trygg väg", "Vägen till skolan blev tryggare.")
    assert [e.title for e in find(_anonymous(), q="skolor").examples] == ["Trygg väg"]


def test_every_word_must_match_and_the_title_weighs_most(demo, coordinator):
    _published(coordinator, MALMO, "Parker och hälsa", "Om grönytor.", body="En text om skolor.")
    _published(coordinator, HALMSTAD, "Skolor som rör sig", "Om rörelse i parker.")
    _published(coordinator, LULEA, "Skolmat", "Om luncher i skolor.")
    both = [e.title for e in find(_anonymous(), q="skola park").examples]
    assert both == ["Skolor som rör sig", "Parker och hälsa"]
    assert next(e.title for e in find(_anonymous(), q="skolorna").examples) == "Skolor som rör sig"


def test_the_stemmer_and_stop_words():
    assert search.stem("skolan") == search.stem("skolor") == search.stem("skola") == "skol"
    assert search.stem("kommunen") == search.stem("kommuner") == "kommun"
    assert search.stem("plan") == "plan"  # too short to lose "-an"
    assert search.words("Barnen och skolan i Malmö") == ["barnen", "skolan", "malmö"]


def test_search_text_with_quotes_and_operators_is_only_words(demo, coordinator):
    _published(coordinator, MALMO, "Trygghet", "Om trygghet i parken.")
    for query in ['"parken', "parken OR NOT x", "park*", "NEAR(park)", "'); DROP TABLE x; --"]:
        found = find(_anonymous(), q=query)
        assert [e.title for e in found.examples] in (["Trygghet"], [])


def test_facets_count_the_matches_and_narrow_them(demo, coordinator):
    _published(coordinator, MALMO, "Parker", "Gröna parker.", tags=["fhp5", "sdg11"])
    _published(coordinator, HALMSTAD, "Parkdialog", "Dialog om parker.", tags=["fhp5", "fhp7"])
    _published(coordinator, LULEA, "Skolmat", "Luncher.", tags=["fhp6"])
    found = find(_anonymous(), q="parker")
    assert {(f.value, f.count) for f in found.tags} == {("fhp5", 2), ("sdg11", 1), ("fhp7", 1)}
    assert {f.label for f in found.organisations} == {"Malmö", "Halmstad"}
    assert [e.title for e in find(_anonymous(), q="parker", tags=["fhp7"]).examples] == [
        "Parkdialog"
    ]
    assert [e.title for e in find(_anonymous(), organisation=LULEA).examples] == ["Skolmat"]
    year = found.years[0]
    assert year.count == 2
    assert find(_anonymous(), q="parker", year=int(year.value) - 1).examples == []


# Approval and who sees what


def test_a_member_writes_sends_and_the_secretariat_approves(
    demo, coordinator, django_capture_on_commit_callbacks
):
    halmstad = _org(HALMSTAD)
    contact = member_contact_user(halmstad, "halmstad", email="anna@halmstad.se")
    member = Client()
    member.force_login(contact)
    assert member.get("/medlem/larande-exempel/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        made = member.post(
            "/medlem/larande-exempel/nytt/",
            {
                "title": "Hälsofrämjande skolgårdar",
                "summary": "Eleverna var med och planerade.",
                "body": "## Så gjorde vi\n\nVi frågade eleverna.",
                "audience": "public",
                "links": "https://www.halmstad.se/ Halmstads kommun",
                "tags": ["fhp5", "p_participation"],
                "action": "submit",
            },
        )
    assert made.status_code == 302
    example = LearningExample.objects.get()
    assert example.status == "submitted" and example.tags == ["fhp5", "p_participation"]
    assert [link.label for link in example.links.all()] == ["Halmstads kommun"]
    notice = OutgoingEmail.objects.get(purpose="secretariat_notice")
    assert "Halmstad" in notice.subject and "kansli@example.org" in notice.to

    # Nobody else sees it yet: not the public, not the API, not the search.
    assert Client().get(f"/larande-exempel/{example.pk}/").status_code == 404
    assert Client().get("/api/v1/learning-examples?q=skolgård").json() == []
    assert member.get(f"/larande-exempel/{example.pk}/").status_code == 200  # its writer does

    kansli = Client()
    kansli.force_login(coordinator)
    assert "Hälsofrämjande skolgårdar" in kansli.get("/kansli/larande-exempel/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        kansli.post(f"/kansli/larande-exempel/{example.pk}/", {"action": "approve"})
    example.refresh_from_db()
    assert example.status == "approved" and example.approved_at is not None
    told = OutgoingEmail.objects.filter(purpose="learning_reviewed").get()
    assert told.to == "anna@halmstad.se"

    page = Client().get(f"/larande-exempel/{example.pk}/").content.decode()
    assert "Hälsofrämjande skolgårdar" in page and "Så gjorde vi" in page
    listing = Client().get("/larande-exempel/?q=skolgårdarna").content.decode()
    assert "Hälsofrämjande skolgårdar" in listing


def test_the_secretariat_returns_an_example_with_a_note(
    demo, coordinator, django_capture_on_commit_callbacks
):
    contact = member_contact_user(_org(HALMSTAD), "halmstad", email="anna@halmstad.se")
    member = Client()
    member.force_login(contact)
    member.post(
        "/medlem/larande-exempel/nytt/",
        {"title": "Ett exempel", "summary": "Kort.", "audience": "public", "action": "submit"},
    )
    example = LearningExample.objects.get()
    kansli = Client()
    kansli.force_login(coordinator)
    empty = kansli.post(f"/kansli/larande-exempel/{example.pk}/", {"action": "return"})
    assert empty.status_code == 302
    example.refresh_from_db()
    assert example.status == "submitted"  # a return needs its note
    with django_capture_on_commit_callbacks(execute=True):
        kansli.post(
            f"/kansli/larande-exempel/{example.pk}/",
            {"action": "return", "note": "Berätta vad det gav."},
        )
    example.refresh_from_db()
    assert example.status == "returned" and example.review_note == "Berätta vad det gav."
    assert "Berätta vad det gav." in OutgoingEmail.objects.get(purpose="learning_reviewed").body
    assert (
        "Berätta vad det gav."
        in member.get(f"/medlem/larande-exempel/{example.pk}/").content.decode()
    )


def test_a_members_change_to_a_published_example_is_reviewed_again(demo, coordinator):
    example = _published(coordinator, HALMSTAD, "Parker", "Gröna parker.")
    contact = member_contact_user(_org(HALMSTAD), "halmstad")
    example_update(
        example=example,
        data=ExampleData(title="Parker och torg", summary="Gröna parker."),
        actor=contact,
    )
    example.refresh_from_db()
    assert example.status == "submitted"
    assert find(_anonymous(), q="parker").examples == []
    example_approve(example=example, actor=coordinator)
    assert [e.title for e in find(_anonymous(), q="torg").examples] == ["Parker och torg"]


def test_members_only_examples_are_for_members(demo, coordinator):
    example = _published(coordinator, LULEA, "Ungdomsråd", "Ungas inflytande.", public=False)
    anonymous = Client()
    page = anonymous.get(f"/larande-exempel/{example.pk}/")
    assert page.status_code == 302 and "/konto/logga-in/" in page["Location"]
    assert anonymous.get("/api/v1/learning-examples").json() == []
    contact = member_contact_user(_org(HALMSTAD), "halmstad")
    member = Client()
    member.force_login(contact)
    assert member.get(f"/larande-exempel/{example.pk}/").status_code == 200
    assert "Ungdomsråd" in member.get("/larande-exempel/").content.decode()


def test_a_member_cannot_reach_another_members_draft(demo, coordinator):
    malmo_draft = example_create(
        organisation=_org(MALMO),
        data=ExampleData(title="Utkast", summary="Inte klart."),
        actor=coordinator,
    )
    contact = member_contact_user(_org(HALMSTAD), "halmstad")
    member = Client()
    member.force_login(contact)
    assert member.get(f"/medlem/larande-exempel/{malmo_draft.pk}/").status_code == 404
    assert member.get(f"/larande-exempel/{malmo_draft.pk}/").status_code == 404
    posted = member.post(
        f"/medlem/larande-exempel/{malmo_draft.pk}/", {"title": "Kapad", "summary": "x"}
    )
    assert posted.status_code == 404
    malmo_draft.refresh_from_db()
    assert malmo_draft.title == "Utkast"


def test_every_problem_is_named_and_nothing_is_stored(demo, coordinator):
    other = ContactPerson.objects.exclude(organisation__code=HALMSTAD).first()
    with pytest.raises(ValidationError) as refused:
        example_create(
            organisation=_org(HALMSTAD),
            data=ExampleData(
                title="x" * 201,
                summary="",
                tags=["fhp5", "påhittad"],
                contact_person_id=other.pk,
                links=[("javascript:alert(1)", "x")],
            ),
            actor=coordinator,
        )
    assert set(refused.value.message_dict) == {
        "title",
        "summary",
        "tags",
        "contact_person",
        "links",
    }
    assert not LearningExample.objects.exists()
    assert not AuditEntry.objects.filter(content_type__app_label="learning").exists()


def test_the_portal_form_shows_the_problems_in_swedish(demo):
    contact = member_contact_user(_org(HALMSTAD), "halmstad")
    member = Client()
    member.force_login(contact)
    page = member.post(
        "/medlem/larande-exempel/nytt/", {"title": "", "summary": "", "audience": "public"}
    )
    assert page.status_code == 400
    assert "Ge exemplet en titel." in page.content.decode()
    assert not LearningExample.objects.exists()


# Attachments


def test_an_image_is_kept_and_shown_only_to_those_who_may_read(
    demo, coordinator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    example = _published(coordinator, LULEA, "Ungdomsråd", "Ungas inflytande.", public=False)
    kansli = Client()
    kansli.force_login(coordinator)
    upload = io.BytesIO(PNG)
    upload.name = "bild.png"
    kansli.post(
        f"/kansli/larande-exempel/{example.pk}/",
        {"action": "file", "file": upload, "description": "Rådet samlat"},
    )
    attachment = example.attachments.get()
    url = f"/larande-exempel/filer/{attachment.pk}/{attachment.name}"
    assert kansli.get(url).status_code == 200
    assert Client().get(url).status_code == 404  # for members only
    svg = io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    svg.name = "bild.png"
    kansli.post(
        f"/kansli/larande-exempel/{example.pk}/",
        {"action": "file", "file": svg, "description": "Ett SVG"},
    )
    assert example.attachments.count() == 1


# The API


def test_the_api_adds_and_searches(demo, api_client):
    made = api_client.post(
        "/api/v1/learning-examples",
        {
            "title": "Platskompassen i skolan",
            "summary": "Elever bedömer sin närmiljö.",
            "body": "Tre skolor deltog.",
            "organisation_code": HALMSTAD,
            "tags": ["fhp5", "p_place"],
            "public": True,
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    api_client.post(
        "/api/v1/learning-examples",
        {
            "title": "Grönytor",
            "summary": "Parker nära skolor.",
            "organisation_code": MALMO,
            "tags": ["sdg11"],
        },
        content_type="application/json",
    )
    found = Client().get("/api/v1/learning-examples?q=skolor").json()
    assert [row["title"] for row in found] == ["Platskompassen i skolan", "Grönytor"]
    assert found[0] == {
        "id": pk,
        "title": "Platskompassen i skolan",
        "organisation_code": HALMSTAD,
        "tags": ["fhp5", "p_place"],
        "url": f"http://testserver/larande-exempel/{pk}/",
    }
    by_tag = Client().get("/api/v1/learning-examples?q=skolor&tag=sdg11").json()
    assert [row["title"] for row in by_tag] == ["Grönytor"]
    assert Client().get("/api/v1/learning-examples?tag=unknown").json() == []


def test_the_api_refuses_bad_input_and_strangers(demo, api_client):
    bad = api_client.post(
        "/api/v1/learning-examples",
        {"title": "", "summary": "Kort.", "organisation_code": "9999", "tags": ["x"]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    detail = json.dumps(bad.json(), ensure_ascii=False)
    assert "titel" in detail and "organisation" in detail and "x" in detail
    assert not LearningExample.objects.exists()
    anonymous = Client().post(
        "/api/v1/learning-examples",
        {"title": "T", "summary": "S", "organisation_code": HALMSTAD},
        content_type="application/json",
    )
    assert anonymous.status_code == 401
    assert not LearningExample.objects.exists()


# Personal data


def test_the_contact_person_is_in_their_export_and_erased_from_the_example(demo, coordinator):
    person = ContactPerson.objects.filter(organisation__code=HALMSTAD).first()
    example = example_create(
        organisation=_org(HALMSTAD),
        data=ExampleData(title="Parker", summary="Gröna parker.", contact_person_id=person.pk),
        actor=coordinator,
        approve=True,
    )
    exported = examples_export(person, [])
    assert [row["title"] for row in exported] == ["Parker"] and exported[0]["contact_person"]
    assert examples_erase(person) == 1
    example.refresh_from_db()
    assert example.contact_person is None and example.title == "Parker"


def test_a_year_that_cannot_be_read_is_a_clear_400(demo):
    refused = Client().get("/larande-exempel/?ar=tjugotjugofyra")
    assert refused.status_code == 400
    assert Client().get("/larande-exempel/?ar=2024").status_code == 200
