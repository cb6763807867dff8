"""A round's results on the page and in the API: a hidden set of seeded random answers gives
exactly what an independent computation (statistics.mean and statistics.median over the raw
scores) gives; groups filter, small groups stay hidden; unpublished results are for the
organisation's planners and the secretariat only.

The helpers and fixtures here are shared with test_exports.py."""

import random
import statistics
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from hcs.accounts.models import MemberAccount
from hcs.organisations.models import Organisation
from hcs.platskompassen.models import Response
from hcs.platskompassen.services import place_create, response_submit, round_create, themes_of

pytestmark = pytest.mark.django_db

DAY = date(2024, 4, 15)
AGE_BANDS = ["18_29", "30_44", "45_64", "65_79"]


def organisation(code="2580", name="Luleå"):
    """An organisation (not a member: its planners plan for it all the same)."""
    return Organisation.objects.create(
        code=code, name=name, kind="municipality", county_code=code[:2]
    )


def make_round(org, *, publish=False, title="Våren 2024", place=None):
    place = place or place_create(organisation=org, name="Centrum", actor="test")
    return round_create(
        place=place,
        title=title,
        opens=date(2024, 4, 1),
        closes=date(2024, 5, 31),
        publish_results=publish,
        background_questions=["age_band", "gender", "relation", "area"],
        actor="test",
    )


def answer_randomly(round_, count=200, seed=2024, rare=3):
    """`count` answers, some themes skipped (left out or null), some comments; `rare` of them
    (the last) from people of 80 or older, a group too small to show. The raw answers back."""
    rng = random.Random(seed)
    keys = [theme.key for theme in themes_of(round_)]
    raw = []
    for number in range(count):
        scores, comments = {}, {}
        for key in keys:
            draw = rng.random()
            if draw < 0.08:
                scores[key] = None  # "vet inte / hoppa över"
            elif draw < 0.15:
                pass  # not answered at all
            else:
                scores[key] = rng.randint(1, 7)
            if rng.random() < 0.1:
                comments[key] = {"good": f"Bra {number} {key}", "better": ""}
            if rng.random() < 0.05:
                comments[key] = {"good": "", "better": f"Bättre {number} {key}"}
        if not any(v is not None for v in scores.values()) and not comments:
            scores[keys[0]] = 4
        background = {
            "age_band": "80plus" if number >= count - rare else rng.choice(AGE_BANDS),
            "gender": rng.choice(["woman", "man", "other", ""]),
            "relation": rng.choice(["live", "work", "visit"]),
            "area": rng.choice(["Norr", "Söder", ""]),
        }
        response_submit(
            round_=round_, scores=scores, comments=comments, background=background, today=DAY
        )
        raw.append({"scores": scores, "comments": comments, "background": background})
    return raw


def expected(round_, raw, *, where=lambda answer: True):
    """Per theme key: n, mean, median and distribution, computed from the raw answers."""
    scale = round_.tool.scale_max
    chosen = [answer for answer in raw if where(answer)]
    figures = {}
    for theme in themes_of(round_):
        values = [a["scores"][theme.key] for a in chosen if a["scores"].get(theme.key) is not None]
        figures[theme.key] = {
            "n": len(values),
            "mean": statistics.mean(values) if values else None,
            "median": statistics.median(values) if values else None,
            "distribution": [values.count(score) for score in range(1, scale + 1)],
        }
    return len(chosen), figures


def swedish_one_decimal(values) -> str:
    """The mean as the page shows it, computed with decimals: "4,3"."""
    exact = Decimal(sum(values)) / Decimal(len(values))
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")


# Fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def lulea(db):
    return organisation()


@pytest.fixture
def round_(lulea):
    return make_round(lulea)


@pytest.fixture
def raw(round_):
    return answer_randomly(round_)


@pytest.fixture
def planner_of(db):
    def make(org, username="planerare"):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        MemberAccount.objects.create(user=user, organisation=org, planner=True)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def planner_client(planner_of, lulea):
    return planner_of(lulea)


def results_url(round_, suffix="resultat/"):
    return f"/platskompassen/{round_.slug}/{suffix}"


def api_url(round_, suffix="results"):
    return f"/api/v1/platskompassen/rounds/{round_.slug}/{suffix}"


def page_rows(html: str) -> dict[str, list[str]]:
    """The results table's rows by theme key: the texts of the cells after the theme's name."""
    tree = lxml.html.fromstring(html)
    rows = {}
    for row in tree.xpath("//table[@id='results-table']/tbody/tr"):
        rows[row.get("data-theme")] = [
            cell.text_content().replace("–", "").strip() for cell in row.xpath("./td")
        ]
    return rows


# The figures -------------------------------------------------------------------------------


def test_the_api_gives_exactly_the_independent_computation(round_, raw, api_client):
    responses, figures = expected(round_, raw)
    body = api_client.get(api_url(round_)).json()
    assert body["responses"] == responses == 200
    assert [theme["key"] for theme in body["themes"]] == list(figures)
    for theme in body["themes"]:
        want = figures[theme["key"]]
        assert theme["n"] == want["n"]
        assert theme["mean"] == want["mean"]  # exactly, not approximately
        assert theme["median"] == want["median"]
        assert theme["distribution"] == want["distribution"]
    assert set(body) == {"responses", "withheld", "themes"}
    assert body["withheld"] is False
    assert set(body["themes"][0]) == {"key", "name", "n", "mean", "median", "distribution"}
    # Skipped themes are not answers: fewer answers than responses somewhere.
    assert any(figures[key]["n"] < responses for key in figures)


def test_the_page_shows_the_same_figures(round_, raw, planner_client):
    responses, figures = expected(round_, raw)
    response = planner_client.get(results_url(round_))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.results.responses == responses
    for theme in report.results.themes:
        want = figures[theme.theme.key]
        assert (theme.n, theme.mean, theme.median, theme.distribution) == (
            want["n"],
            want["mean"],
            want["median"],
            want["distribution"],
        )
    html = response.content.decode()
    rows = page_rows(html)
    for key, want in figures.items():
        values = [a["scores"][key] for a in raw if a["scores"].get(key) is not None]
        median = want["median"]
        median_text = str(int(median)) if median == int(median) else f"{median}".replace(".", ",")
        assert rows[key] == [
            str(want["n"]),
            swedish_one_decimal(values),  # "4,3": Swedish decimal comma
            median_text,
            *[str(count) for count in want["distribution"]],
        ]
    assert 'data-responses="200"' in html
    assert 'role="img"' in html  # the compass, inline


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values(round_, api_client):
    for scores in ({"moving_around": 2, "public_transport": 3}, {"moving_around": 3}):
        response_submit(round_=round_, scores=scores, today=DAY)
    for scores in ({"moving_around": 6}, {"moving_around": 5, "public_transport": 4}):
        response_submit(round_=round_, scores=scores, today=DAY)
    themes = {t["key"]: t for t in api_client.get(api_url(round_)).json()["themes"]}
    assert themes["moving_around"]["median"] == statistics.median([2, 3, 6, 5]) == 4.0
    assert themes["public_transport"]["median"] == statistics.median([3, 4]) == 3.5
    assert themes["public_transport"]["mean"] == 3.5
    assert themes["feeling_safe"] == {
        "key": "feeling_safe",
        "name": "Trygghet",
        "n": 0,
        "mean": None,
        "median": None,
        "distribution": [0] * 7,
    }


def test_a_group_shows_only_its_own_answers(round_, raw, api_client, planner_client):
    """By gender (about 50 answers each way); by age, no group is shown: the 3 aged 80 or more
    would be the whole round minus the other age groups."""
    age = api_client.get(api_url(round_), {"group": "age_band:30_44"}).json()
    assert age["withheld"] and all(theme["n"] == 0 for theme in age["themes"])
    responses, figures = expected(round_, raw, where=lambda a: a["background"]["gender"] == "man")
    body = api_client.get(api_url(round_), {"group": "gender:man"}).json()
    assert body["responses"] == responses > 5 and not body["withheld"]
    for theme in body["themes"]:
        want = figures[theme["key"]]
        assert (theme["n"], theme["mean"], theme["median"], theme["distribution"]) == (
            want["n"],
            want["mean"],
            want["median"],
            want["distribution"],
        )
    _n, women = expected(round_, raw, where=lambda a: a["background"]["gender"] == "woman")
    page = planner_client.get(results_url(round_), {"group": "gender:woman"})
    assert {t.theme.key: t.n for t in page.context["report"].results.themes} == {
        key: figure["n"] for key, figure in women.items()
    }
    html = page.content.decode()
    assert 'value="gender:woman" selected' in html
    # All who answered are overlaid on the compass, for comparison.
    group_series, everyone = page.context["report"].series
    assert group_series.results.responses == _n and everyone.results.responses == 200


def test_a_group_too_small_is_not_shown(round_, raw, api_client, planner_client, settings):
    settings.PLATSKOMPASSEN_MIN_GROUP = 5
    body = api_client.get(api_url(round_), {"group": "age_band:80plus"}).json()
    assert body["responses"] == 0
    assert all(theme["n"] == 0 and theme["mean"] is None for theme in body["themes"])
    response = planner_client.get(results_url(round_), {"group": "age_band:80plus"})
    html = response.content.decode()
    assert 'id="results-hidden"' in html
    assert 'id="results-table"' not in html
    assert "Bra 199" not in html and "Bra 198" not in html  # their comments neither
    settings.PLATSKOMPASSEN_MIN_GROUP = 3
    body = api_client.get(api_url(round_), {"group": "age_band:80plus"}).json()
    assert body["responses"] == 3


def test_an_unknown_group_is_refused(round_, raw, api_client, planner_client):
    response = api_client.get(api_url(round_), {"group": "age_band:200"})
    assert response.status_code == 422
    assert "age_band:200" in response.json()["detail"]
    assert api_client.get(api_url(round_), {"group": "shoe_size:42"}).status_code == 422
    assert planner_client.get(results_url(round_), {"group": "nonsense"}).status_code == 400


def test_the_group_filter_lists_the_rounds_background_questions(round_, planner_client):
    html = planner_client.get(results_url(round_)).content.decode()
    tree = lxml.html.fromstring(html)
    values = [o.get("value") for o in tree.xpath("//select[@id='id_group']//option")]
    assert values[0] == ""
    assert "age_band:18_29" in values and "gender:woman" in values and "relation:live" in values
    assert not any(v.startswith("area:") for v in values)  # free text is not a group


# Group sessions, comparisons, comments -----------------------------------------------------


def test_a_group_sessions_agreed_scores_are_their_own_series(round_, raw, planner_client, lulea):
    facilitator = get_user_model().objects.create_user("samtalsledare")
    response_submit(
        round_=round_,
        scores={"moving_around": 6, "public_transport": 2},
        kind=Response.Kind.GROUP,
        entered_by=facilitator,
        today=date(2024, 6, 10),  # entered by staff after the round closed
    )
    response = planner_client.get(results_url(round_))
    report = response.context["report"]
    assert report.results.responses == 200  # not mixed into the residents' answers
    [session] = report.others
    assert session.results.themes[0].mean == 6
    assert len(report.series) == 2
    html = response.content.decode()
    assert "series series-2" in html
    assert page_rows(html)["moving_around"][-1] == "6,0"  # its own column in the table


def test_another_round_of_the_place_can_be_overlaid(round_, raw, planner_client, lulea):
    before = make_round(lulea, title="Hösten 2023", place=round_.place)
    for _ in range(5):  # enough answers to be shown
        response_submit(round_=before, scores={"moving_around": 2}, today=DAY)
    elsewhere = make_round(lulea, title="Annan plats")
    html = planner_client.get(results_url(round_)).content.decode()
    options = lxml.html.fromstring(html).xpath("//select[@id='id_jamfor']//option")
    assert [o.get("value") for o in options] == ["", before.slug]  # same place only
    response = planner_client.get(results_url(round_), {"jamfor": before.slug})
    names = [s.name for s in response.context["report"].series]
    assert names[-1] == "Hösten 2023"
    assert page_rows(response.content.decode())["moving_around"][-1] == "2,0"
    response = planner_client.get(results_url(round_), {"jamfor": elsewhere.slug})
    assert len(response.context["report"].series) == 1
    assert response.context["report"].notes


def test_the_comments_are_shown_per_theme(round_, raw, planner_client):
    html = planner_client.get(results_url(round_)).content.decode()
    good = [a for a in raw if a["comments"].get("feeling_safe", {}).get("good")]
    section = (
        lxml.html.fromstring(html).xpath("//section[@class='results-comments']")[0].text_content()
    )
    for answer in good:
        assert answer["comments"]["feeling_safe"]["good"] in section


# Who may see -------------------------------------------------------------------------------


def test_unpublished_results_are_for_the_planner_and_the_secretariat(
    round_, raw, client, planner_client, planner_of, coordinator_client, outsider, api_client
):
    page, api = results_url(round_), api_url(round_)
    assert planner_client.get(page).status_code == 200
    assert coordinator_client.get(page).status_code == 200
    anonymous = client.get(page)
    assert anonymous.status_code == 302 and "/konto/logga-in/" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(page).status_code == 403
    other_member = planner_of(organisation("1490", "Borås"), username="boras")
    assert other_member.get(page).status_code == 403
    # The API: a staff token or the planner's session; 401 without, 403 for others.
    assert api_client.get(api).status_code == 200
    assert planner_client.get(api).status_code == 200
    assert coordinator_client.get(api).status_code == 200
    assert Client().get(api).status_code == 401
    assert Client(headers={"Authorization": "Bearer hcs_wrong"}).get(api).status_code == 401
    assert other_member.get(api).status_code == 403
    assert client.get(api).status_code == 403
    for suffix in ("resultat.csv", "resultat.xlsx", "resultat.pdf", "resultat/kompass.svg"):
        assert other_member.get(results_url(round_, suffix)).status_code == 403
        assert Client().get(results_url(round_, suffix)).status_code == 302
    for suffix in ("results.csv", "results.xlsx", "results.pdf", "results/compass.svg"):
        assert Client().get(api_url(round_, suffix)).status_code == 401
        assert other_member.get(api_url(round_, suffix)).status_code == 403


def test_published_results_are_public(lulea, client):
    round_ = make_round(lulea, publish=True)
    answer_randomly(round_, count=12, rare=0)
    assert client.get(results_url(round_)).status_code == 200
    assert client.get(api_url(round_)).json()["responses"] == 12
    assert "not published" not in client.get(results_url(round_)).content.decode()


def test_an_unknown_round_is_not_found(db, client, api_client):
    assert client.get("/platskompassen/finnsinte/resultat/").status_code == 404
    response = api_client.get("/api/v1/platskompassen/rounds/finnsinte/results")
    assert response.status_code == 404 and response.json()["detail"]
