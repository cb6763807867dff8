"""The residents' survey page: one page or a theme at a time, the planner's entry of group
sessions and paper answers, and the abuse protection (honeypot, rate limit, size limits) that
refuses a submission whole."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from hcs.accounts.models import MemberAccount
from hcs.organisations.models import Organisation
from hcs.platskompassen.models import COMMENT_MAX_LENGTH, Comment, Response, Score, ToolVersion
from hcs.platskompassen.services import place_create, round_create
from hcs.platskompassen.tests import test_results as shared

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
KEYS = [
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


@pytest.fixture
def organisation(db):
    return shared.organisation()


@pytest.fixture
def place(organisation):
    return place_create(organisation=organisation, name="Centrum", actor="test")


def _round(place, *, opens, closes, **extra):
    return round_create(
        place=place,
        title="Centrum 2026",
        introduction="Berätta vad du tycker om centrum.",
        opens=opens,
        closes=closes,
        actor="test",
        **extra,
    )


@pytest.fixture
def survey_round(place):
    return _round(
        place,
        opens=TODAY - timedelta(days=1),
        closes=TODAY + timedelta(days=30),
        background_questions=["age_band", "area"],
    )


@pytest.fixture
def closed(place):
    return _round(place, opens=TODAY - timedelta(days=60), closes=TODAY - timedelta(days=1))


@pytest.fixture
def planner(organisation):
    user = get_user_model().objects.create_user("planerare", "p@example.org", "pw")
    MemberAccount.objects.create(user=user, organisation=organisation, planner=True)
    return user


def _url(round_, suffix=""):
    return f"/platskompassen/{round_.slug}/{suffix}"


def _stored():
    return Response.objects.count(), Score.objects.count(), Comment.objects.count()


class _Inputs(HTMLParser):
    """The hidden inputs and the checked radios of the survey form, as it would send them."""

    def __init__(self):
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.checked: dict[str, str] = {}
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == "survey-form"
        if tag != "input" or not self.in_form:
            return
        if attrs.get("type") == "hidden":
            self.hidden[attrs["name"]] = attrs.get("value") or ""
        if attrs.get("type") == "radio" and "checked" in attrs:
            self.checked[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def _inputs(response) -> _Inputs:
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser


# One page.


def test_a_resident_answers_every_theme_on_one_page(survey_round):
    client = Client()
    page = client.get(_url(survey_round))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<fieldset class="theme') == 14 + 1  # the themes and "about you"
    assert "Att ta sig fram" in html and "Kan jag enkelt gå och cykla" in html
    assert "Berätta vad du tycker om centrum." in html
    assert "Mycket att förbättra" in html and "Lite att förbättra" in html
    assert 'maxlength="2000"' in html
    assert "1 av 7" in html and "7 av 7" in html  # read out for each choice
    assert 'name="entry"' not in html  # only for the planner
    data = {f"score-{key}": str(n % 7 + 1) for n, key in enumerate(KEYS)}
    data |= {
        "good-moving_around": "Fina cykelvägar\r\nlängs älven",
        "better-moving_around": "",
        "better-feeling_safe": "Mer belysning",
        "age_band": "30_44",
        "area": " Centrum ",
        "website": "",
        "go": "send",
    }
    response = client.post(_url(survey_round), data)
    assert response.status_code == 302
    assert response["Location"] == _url(survey_round, "tack/")
    assert not response.cookies  # no session, no CSRF cookie: nothing to track a resident by
    answer = Response.objects.get()
    assert (answer.kind, answer.entered_by, answer.submitted_on) == ("individual", None, TODAY)
    assert (answer.age_band, answer.area, answer.gender) == ("30_44", "Centrum", "")
    scores = dict(answer.scores.values_list("theme__key", "value"))
    assert scores == {key: n % 7 + 1 for n, key in enumerate(KEYS)}
    assert set(Score.objects.values_list("kind", flat=True)) == {"individual"}
    comments = {c.theme.key: (c.good, c.better) for c in answer.comments.all()}
    assert comments == {
        "moving_around": ("Fina cykelvägar\nlängs älven", ""),
        "feeling_safe": ("", "Mer belysning"),
    }


def test_a_skipped_theme_stores_no_score(survey_round):
    data = {"score-moving_around": "2", "score-public_transport": "", "go": "send"}
    response = Client().post(_url(survey_round), data)
    assert response.status_code == 302
    assert list(Score.objects.values_list("theme__key", "value")) == [("moving_around", 2)]


def test_an_empty_answer_is_refused_with_a_message(survey_round):
    data = {f"score-{key}": "" for key in KEYS}
    response = Client().post(_url(survey_round), data, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert "The answer is empty" in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_the_page_is_in_english_when_the_visitor_asks(survey_round):
    response = Client().get(_url(survey_round), headers={"accept-language": "en"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Moving around" in html and "Can I easily walk and cycle around" in html
    assert "Att ta sig fram" not in html
    assert "A lot of room for improvement" in html and "What is good here?" in html
    assert "Don&#x27;t know / skip" in html and "Prefer not to say" in html


def test_a_theme_without_english_text_is_marked_swedish_on_the_english_page(survey_round):
    survey_round.tool.themes.filter(key="feeling_safe").update(name_en="", question_en="")
    html = Client().get(_url(survey_round), headers={"accept-language": "en"}).content.decode()
    assert '<span lang="sv">Trygghet</span>' in html


# A theme at a time.


def test_step_mode_carries_the_answers_and_stores_once_at_the_end(survey_round):
    client = Client(headers={"accept-language": "en"})
    page = client.get(_url(survey_round) + "?steg=1")
    html = page.content.decode()
    assert "Theme 1 of 14" in html and '<progress max="15" value="1"' in html
    assert html.count('<fieldset class="theme') == 1
    carried: dict[str, str] = {}
    for step, key in enumerate(KEYS, start=1):
        data = dict(carried)
        if step != 3:  # theme 3 left unanswered
            data[f"score-{key}"] = str(step % 7 + 1)
        if step == 2:
            data["good-public_transport"] = 'Bussen går ofta & "i tid"\r\nockså på kvällen'
        data["go"] = "next"
        page = client.post(_url(survey_round) + f"?steg={step}", data)
        assert page.status_code == 200, page.content.decode()
        assert _stored() == (0, 0, 0)  # nothing until the end
        inputs = _inputs(page)
        carried = inputs.hidden
    assert "Last step: about you" in page.content.decode()
    assert carried["score-moving_around"] == "2"
    assert carried["good-public_transport"] == 'Bussen går ofta & "i tid"\nockså på kvällen'
    assert "score-traffic_parking" not in carried

    # Back to the last theme: its answer is shown again, the rest still carried.
    back = client.post(
        _url(survey_round) + "?steg=15", {**carried, "age_band": "65_79", "go": "back"}
    )
    assert "Theme 14 of 14" in back.content.decode()
    inputs = _inputs(back)
    assert inputs.checked["score-influence_control"] == str(14 % 7 + 1)
    assert inputs.hidden["age_band"] == "65_79"

    data = {**inputs.hidden, "score-influence_control": "7", "go": "next"}
    last = client.post(_url(survey_round) + "?steg=14", data)
    inputs = _inputs(last)
    assert inputs.checked["age_band"] == "65_79"  # shown again on its page
    data = {**inputs.hidden, **inputs.checked, "area": "Örnäset", "go": "send"}
    response = client.post(_url(survey_round) + "?steg=15", data)
    assert response.status_code == 302
    answer = Response.objects.get()
    scores = dict(answer.scores.values_list("theme__key", "value"))
    expected = {key: n % 7 + 1 for n, key in enumerate(KEYS, start=1) if key != "traffic_parking"}
    assert scores == expected | {"influence_control": 7}
    assert (answer.age_band, answer.area) == ("65_79", "Örnäset")
    assert answer.comments.get().good == 'Bussen går ofta & "i tid"\nockså på kvällen'


def test_step_mode_can_switch_to_one_page_keeping_the_answers(survey_round):
    client = Client()
    page = client.post(
        _url(survey_round) + "?steg=2",
        {"score-moving_around": "3", "score-public_transport": "6", "go": "all"},
    )
    assert page.status_code == 200
    inputs = _inputs(page)
    assert inputs.checked == {"score-moving_around": "3", "score-public_transport": "6"}
    assert page.content.decode().count('<fieldset class="theme') == 15


def test_a_round_without_background_questions_ends_with_the_last_theme(place):
    round_ = _round(place, opens=TODAY, closes=TODAY)
    html = Client().get(_url(round_) + "?steg=99").content.decode()
    assert 'value="send"' in html and 'value="next"' not in html
    assert 'value="back"' in html


def test_a_bad_step_number_shows_the_first_step(survey_round):
    response = Client(headers={"accept-language": "en"}).get(_url(survey_round) + "?steg=x")
    assert "Theme 1 of 14" in response.content.decode()


# Refused whole: nothing stored, the answers kept, a message.


@pytest.mark.parametrize(
    "bad",
    [
        {"score-moving_around": "8"},
        {"score-moving_around": "0"},
        {"score-moving_around": "tre"},
        {"score-no_such_theme": "3"},
        {"good-no_such_theme": "Hej"},
        {"better-moving_around": "x" * (COMMENT_MAX_LENGTH + 1)},
        {"area": "x" * 41},
        {"age_band": "100plus"},
    ],
)
def test_a_tampered_answer_is_refused_whole(survey_round, bad):
    data = {"score-public_transport": "5", "good-natural_space": "Älven", **bad, "go": "send"}
    response = Client().post(_url(survey_round), data)
    assert response.status_code == 400
    assert _stored() == (0, 0, 0)
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'role="alert"' in html
    inputs = _inputs(response)
    assert inputs.checked["score-public_transport"] == "5"  # the valid answers are kept
    assert "Älven</textarea>" in html


def test_a_tampered_value_carried_between_steps_is_refused(survey_round):
    data = {"score-moving_around": "12", "score-public_transport": "4", "go": "next"}
    response = Client().post(_url(survey_round) + "?steg=2", data)
    assert response.status_code == 400
    assert _stored() == (0, 0, 0)
    assert 'href="#score-moving_around-1"' in response.content.decode()  # shown on its step


def test_the_error_summary_links_to_the_field_in_the_visitors_language(survey_round):
    data = {"score-feeling_safe": "9", "go": "send"}
    response = Client().post(_url(survey_round), data, headers={"accept-language": "en"})
    html = response.content.decode()
    assert '<a href="#score-feeling_safe-1">Feeling safe: Choose a score from 1 to 7' in html
    assert 'aria-describedby="error-score-feeling_safe"' in html


def test_a_comment_with_line_breaks_counts_them_as_the_browser_does(survey_round):
    text = ("a" * 99 + "\r\n") * 20  # 2000 characters as the browser counts them
    response = Client().post(_url(survey_round), {"good-moving_around": text.rstrip()})
    assert response.status_code == 302
    assert len(Comment.objects.get().good) <= COMMENT_MAX_LENGTH


def test_background_questions_the_round_does_not_ask_are_not_shown_and_refused(survey_round):
    html = Client().get(_url(survey_round)).content.decode()
    assert 'name="age_band"' in html and 'name="area"' in html
    assert 'name="gender"' not in html and 'name="relation"' not in html
    response = Client().post(
        _url(survey_round), {"score-moving_around": "4", "gender": "woman", "go": "send"}
    )
    assert response.status_code == 400
    assert _stored() == (0, 0, 0)
    # "Prefer not to say" is no answer and is accepted.
    response = Client().post(_url(survey_round), {"score-moving_around": "4", "age_band": ""})
    assert response.status_code == 302
    assert Response.objects.get().age_band == ""


def test_the_honeypot_stores_nothing(survey_round):
    data = {"score-moving_around": "4", "website": "http://spam.example", "go": "send"}
    response = Client().post(_url(survey_round), data)
    assert response.status_code == 400
    assert _stored() == (0, 0, 0)


def test_an_oversized_body_is_refused_unread(survey_round, settings):
    settings.PLATSKOMPASSEN_MAX_BODY = 4096
    data = {"score-moving_around": "4", "good-moving_around": "x" * 1900}
    data |= {"better-moving_around": "y" * 1900, "good-natural_space": "z" * 1900}
    response = Client().post(_url(survey_round), data, headers={"accept-language": "en"})
    assert response.status_code == 413
    assert "too long to send" in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_a_full_answer_of_the_core_tool_fits_the_default_body_limit(survey_round):
    data = {f"score-{key}": "4" for key in KEYS}
    data |= {f"good-{key}": "Bra här, nära till allt. " * 40 for key in KEYS}
    response = Client().post(_url(survey_round), data)
    assert response.status_code == 302


def test_the_rate_limit_refuses_a_client_after_the_limit(survey_round, settings):
    settings.RATE_LIMITS = {"survey": (3, 600)}
    client = Client(REMOTE_ADDR="203.0.113.7", headers={"accept-language": "en"})
    data = {"score-moving_around": "4", "go": "send"}
    for _ in range(3):
        assert client.post(_url(survey_round), data).status_code == 302
    refused = client.post(_url(survey_round), {**data, "good-moving_around": "Min text"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    html = refused.content.decode()
    assert "Too many answers" in html and "Min text</textarea>" in html
    assert Response.objects.count() == 3
    # Another client is not held back by this one.
    other = Client(REMOTE_ADDR="203.0.113.8").post(_url(survey_round), data)
    assert other.status_code == 302
    # The cache keeps no address, only counts under salted hashes.
    stored = repr(cache._cache) + repr(list(cache._cache.keys()))  # the local memory cache
    assert "203.0.113" not in stored


def test_moving_between_steps_does_not_count_against_the_rate_limit(survey_round, settings):
    settings.RATE_LIMITS = {"survey": (1, 600)}
    client = Client()
    for step in range(1, 6):
        response = client.post(
            _url(survey_round) + f"?steg={step}", {"score-moving_around": "4", "go": "next"}
        )
        assert response.status_code == 200
    assert client.post(_url(survey_round), {"score-moving_around": "4"}).status_code == 302


# Closed rounds.


def test_a_closed_round_says_so_and_stores_nothing(closed):
    client = Client(headers={"accept-language": "en"})
    page = client.get(_url(closed))
    assert page.status_code == 200
    html = page.content.decode()
    assert "The survey is closed" in html and 'id="survey-form"' not in html
    response = client.post(_url(closed), {"score-moving_around": "4", "go": "send"})
    assert response.status_code == 409
    assert "This survey has closed." in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_a_round_not_yet_open_says_when_it_opens(place):
    round_ = _round(place, opens=TODAY + timedelta(days=3), closes=TODAY + timedelta(days=9))
    html = Client(headers={"accept-language": "en"}).get(_url(round_)).content.decode()
    assert "has not opened yet" in html and "It opens on" in html
    assert 'id="survey-form"' not in html


# The thank-you page.


def test_the_thank_you_page_shows_nothing_of_the_answer(survey_round):
    client = Client(headers={"accept-language": "en"})
    client.post(_url(survey_round), {"score-moving_around": "4", "good-moving_around": "Hemligt"})
    page = client.get(_url(survey_round, "tack/"))
    assert page.status_code == 200
    assert "Hemligt" not in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "Thank you" in page.content.decode()


def test_a_posted_page_is_not_kept_in_the_browsers_cache(survey_round):
    response = Client().post(
        _url(survey_round) + "?steg=1", {"score-moving_around": "4", "go": "next"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# The planner's entry.


def test_a_planner_enters_a_group_session_after_the_round_closed(closed, planner):
    client = Client(headers={"accept-language": "en"})
    client.force_login(planner)
    page = client.get(_url(closed))
    html = page.content.decode()
    assert 'name="entry"' in html and 'id="survey-form"' in html
    assert "closed to residents" in html
    data = {f"score-{key}": "5" for key in KEYS[:4]}
    data |= {"good-moving_around": "Enade: bra stråk", "entry": "group", "go": "send"}
    response = client.post(_url(closed), data)
    assert response.status_code == 302 and response["Location"] == _url(closed)
    answer = Response.objects.get()
    assert (answer.kind, answer.entered_by) == ("group", planner)
    assert set(Score.objects.values_list("kind", flat=True)) == {"group"}
    assert answer.scores.count() == 4
    assert "The answers were saved" in client.get(_url(closed)).content.decode()


def test_a_planner_enters_paper_answers_without_a_rate_limit(survey_round, planner, settings):
    settings.RATE_LIMITS = {"survey": (1, 600)}
    client = Client()
    client.force_login(planner)
    for _ in range(3):
        response = client.post(
            _url(survey_round), {"score-moving_around": "2", "entry": "paper", "go": "send"}
        )
        assert response.status_code == 302
    assert (
        list(Response.objects.values_list("kind", "entered_by")) == [("individual", planner.pk)] * 3
    )


def test_another_organisations_planner_answers_as_a_resident(closed, organisation):
    other = Organisation.objects.create(
        code="2581", name="Piteå", kind="municipality", county_code="25"
    )
    user = get_user_model().objects.create_user("annan", "a@example.org", "pw")
    MemberAccount.objects.create(user=user, organisation=other, planner=True)
    client = Client()
    client.force_login(user)
    html = client.get(_url(closed)).content.decode()
    assert 'name="entry"' not in html and 'id="survey-form"' not in html
    data = {"score-moving_around": "4", "entry": "group"}
    assert client.post(_url(closed), data).status_code == 409
    assert _stored() == (0, 0, 0)


def test_a_logged_in_entry_needs_the_csrf_token(survey_round, planner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(planner)
    data = {"score-moving_around": "2", "entry": "group", "go": "send"}
    assert client.post(_url(survey_round), data).status_code == 403
    assert _stored() == (0, 0, 0)
    client.get(_url(survey_round))
    token = client.cookies["csrftoken"].value
    data["csrfmiddlewaretoken"] = token
    assert client.post(_url(survey_round), data).status_code == 302


def test_residents_need_no_csrf_cookie(survey_round):
    client = Client(enforce_csrf_checks=True)
    page = client.get(_url(survey_round))
    assert "csrftoken" not in page.cookies and "csrfmiddlewaretoken" not in page.content.decode()
    response = client.post(_url(survey_round), {"score-moving_around": "2", "go": "send"})
    assert response.status_code == 302


def test_the_childrens_scale_has_three_choices(place):
    tool = ToolVersion.objects.create(key="barn", name="Barn", scale_max=3)
    tool.themes.create(key="play", position=1, name="Lek", question="Kan jag leka?")
    round_ = _round(place, opens=TODAY, closes=TODAY, tool=tool)
    html = Client(headers={"accept-language": "en"}).get(_url(round_)).content.decode()
    assert "3 of 3" in html and "4 of" not in html
    response = Client().post(_url(round_), {"score-play": "4"})
    assert response.status_code == 400
    assert Client().post(_url(round_), {"score-play": "3"}).status_code == 302


def test_a_dont_know_is_carried_between_steps_and_shown_again(survey_round):
    client = Client()
    page = client.post(_url(survey_round) + "?steg=1", {"score-moving_around": "", "go": "next"})
    inputs = _inputs(page)
    assert inputs.hidden == {"score-moving_around": ""}
    back = client.post(_url(survey_round) + "?steg=2", {**inputs.hidden, "go": "back"})
    assert _inputs(back).checked == {"score-moving_around": ""}
