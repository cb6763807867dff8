"""A planner creates places and rounds (pages and API); residents answer through the API;
bad answers are refused whole."""

import json

import pytest
from django.test import Client

from hcs.platskompassen.models import Comment, Place, Response, Round, Score, ToolVersion
from hcs.platskompassen.services import response_submit

pytestmark = pytest.mark.django_db


def test_the_core_tool_has_the_14_themes_in_order(db):
    tool = ToolVersion.objects.get(is_default=True)
    assert tool.scale_max == 7
    assert list(tool.themes.values_list("key", flat=True)) == [
        "moving_around",
        "public_transport",
        "traffic_parking",
        "streets_spaces",
        "natural_space",
        "play_recreation",
        "facilities_amenities",
        "work_economy",
        "housing_community",
        "social_contact",
        "identity_belonging",
        "feeling_safe",
        "care_maintenance",
        "influence_control",
    ]


def test_a_planner_creates_a_place_and_a_round_on_the_pages(planner_client, lulea):
    response = planner_client.post(
        "/platskompassen/platser/ny/",
        {"organisation": lulea.pk, "name": "Örnäset", "description": "Bostadsområde"},
    )
    place = Place.objects.get(name="Örnäset")
    assert response.status_code == 302 and place.organisation == lulea
    response = planner_client.post(
        f"/platskompassen/platser/{place.pk}/ny-omgang/",
        {
            "title": "Hösten",
            "opens": "2026-09-01",
            "closes": "2026-12-31",
            "tool": ToolVersion.objects.get(is_default=True).pk,
            "mode": "survey",
            "background_questions": ["age_band", "relation"],
        },
    )
    assert response.status_code == 302
    round_ = place.rounds.get()
    assert round_.background_questions == ["age_band", "relation"]
    page = planner_client.get(f"/platskompassen/platser/{place.pk}/").content.decode()
    assert f"/platskompassen/{round_.slug}/" in page


def test_a_round_closing_before_it_opens_is_refused(planner_client, place):
    response = planner_client.post(
        f"/platskompassen/platser/{place.pk}/ny-omgang/",
        {
            "title": "Fel",
            "opens": "2026-09-01",
            "closes": "2026-08-01",
            "tool": ToolVersion.objects.get(is_default=True).pk,
            "mode": "survey",
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "cannot close before it opens" in response.content.decode()
    assert not place.rounds.exists()


def test_a_planner_sees_only_their_own_organisations_places(planner_client, demo):
    from hcs.organisations.models import Organisation
    from hcs.platskompassen.services import place_create

    other = place_create(
        organisation=Organisation.objects.get(code="1280"), name="Möllan", actor="test"
    )
    assert planner_client.get(f"/platskompassen/platser/{other.pk}/").status_code == 403
    assert "Möllan" not in planner_client.get("/platskompassen/").content.decode()


def test_the_qr_code_is_an_svg_of_the_survey_link(planner_client, open_round):
    response = planner_client.get(f"/platskompassen/{open_round.slug}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_logged_in_users_without_an_account_of_the_member_are_refused(outsider, open_round):
    client = Client()
    client.force_login(outsider)
    assert client.get("/platskompassen/").status_code == 403
    assert client.get(f"/platskompassen/{open_round.slug}/qr.svg").status_code == 403


def test_the_api_creates_a_place_and_a_round_with_a_staff_token(api_client, demo):
    response = api_client.post(
        "/api/v1/platskompassen/places",
        {"name": "Hamnen", "organisation_code": "1280", "description": ""},
        content_type="application/json",
    )
    assert response.status_code == 201
    place_id = response.json()["id"]
    response = api_client.post(
        f"/api/v1/platskompassen/places/{place_id}/rounds",
        {"title": "Före", "opens": "2026-01-01", "closes": "2026-12-31", "publish_results": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    round_ = Round.objects.get(slug=response.json()["slug"])
    assert round_.tool.is_default and round_.publish_results


def test_a_planner_of_another_member_cannot_create_places_for_it(planner_client):
    response = planner_client.post(
        "/api/v1/platskompassen/places",
        {"name": "X", "organisation_code": "1280"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)  # the session API needs a CSRF token, too
    assert not Place.objects.filter(name="X").exists()


def _post(round_, body, **headers):
    return Client().post(
        f"/api/v1/platskompassen/rounds/{round_.slug}/responses",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_a_resident_answers_through_the_api(open_round):
    response = _post(
        open_round,
        {
            "scores": {"moving_around": 5, "public_transport": None, "feeling_safe": 2},
            "comments": {"feeling_safe": {"good": "", "better": "Mörkt vid busshållplatsen"}},
            "background": {"age_band": "30_44"},
        },
    )
    assert response.status_code == 201
    stored = Response.objects.get()
    assert stored.age_band == "30_44"
    assert sorted(stored.scores.values_list("value", flat=True)) == [2, 5]  # skipped: no row
    assert Comment.objects.get().better == "Mörkt vid busshållplatsen"


@pytest.mark.parametrize(
    "body, words",
    [
        ({"scores": {"moving_around": 8}}, "from 1 to 7"),
        ({"scores": {"moving_around": 0}}, "from 1 to 7"),
        ({"scores": {"flying": 3}}, "Unknown theme"),
        ({"scores": {"moving_around": 3}, "background": {"gender": "woman"}}, "does not ask"),
        (
            {"scores": {"moving_around": 3}, "comments": {"feeling_safe": {"good": "x" * 2001}}},
            "too long",
        ),
        ({"scores": {}}, "empty"),
        ({"scores": {"moving_around": 4.5}}, "whole number"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(open_round, body, words):
    response = _post(open_round, body, **{"Accept-Language": "en"})
    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert Response.objects.count() == Score.objects.count() == Comment.objects.count() == 0


def test_a_closed_round_takes_no_answers(closed_round):
    response = _post(closed_round, {"scores": {"moving_around": 3}}, **{"Accept-Language": "en"})
    assert response.status_code == 422
    assert "closed" in response.json()["detail"]
    assert Response.objects.count() == 0


def test_staff_may_enter_paper_answers_after_closing(closed_round, planner):
    response = response_submit(
        round_=closed_round, scores={"natural_space": 6}, kind="group", entered_by=planner
    )
    assert response.kind == "group" and response.entered_by == planner


def test_the_api_limits_answers_per_client(open_round, settings):
    settings.RATE_LIMITS = {"survey": (2, 600)}
    body = {"scores": {"moving_around": 4}}
    assert [_post(open_round, body).status_code for _ in range(3)] == [201, 201, 429]
    assert Response.objects.count() == 2
