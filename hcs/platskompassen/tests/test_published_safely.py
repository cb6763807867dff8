"""What a round publishes stays anonymous and readable: too few answers show nothing, the same
comment is listed once with how many wrote it, a control character typed anywhere is refused at
the edge and never breaks an export; and the admin deletes nothing without a trace."""

import io
import json
from datetime import timedelta

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.platskompassen.models import Place, Response, Round, Theme
from hcs.platskompassen.services import response_submit
from hcs.platskompassen.tests import test_results as shared
from hcs.platskompassen.tests.test_results import DAY, api_url, make_round, results_url

lulea, planner_of, planner_client = shared.lulea, shared.planner_of, shared.planner_client

pytestmark = pytest.mark.django_db


def _answer(round_, n, good="", better=""):
    for _ in range(n):
        response_submit(
            round_=round_,
            scores={"moving_around": 5},
            comments={"feeling_safe": {"good": good, "better": better}} if good or better else {},
            today=DAY,
        )


@pytest.fixture
def published(lulea):
    return make_round(lulea, publish=True)


def test_a_round_with_two_answers_publishes_neither_results_nor_comments(published, client):
    _answer(published, 2, good="Min granne Olle vid nummer 7 är trevlig")
    page = client.get(results_url(published))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Olle" not in html and 'id="results-hidden"' in html
    body = client.get(api_url(published)).json()
    assert body["responses"] == 0 and all(t["n"] == 0 for t in body["themes"])
    xlsx = client.get(results_url(published, "resultat.xlsx")).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[1]
    assert sheet.max_row == 1  # the header only
    pdf = client.get(results_url(published, "resultat.pdf"))
    assert pdf.status_code == 200


def test_from_the_threshold_on_the_results_are_published(published, client, settings):
    _answer(published, settings.PLATSKOMPASSEN_MIN_GROUP, good="Fina träd")
    assert client.get(api_url(published)).json()["responses"] == settings.PLATSKOMPASSEN_MIN_GROUP
    assert "Fina träd" in client.get(results_url(published)).content.decode()


def test_the_same_comment_is_listed_once_with_a_count(published, client):
    _answer(published, 4, good="Bra belysning")
    _answer(published, 2, good="bra parkering")
    _answer(published, 1, better="Fler bänkar")
    html = client.get(results_url(published)).content.decode()
    assert html.count("Bra belysning") == 1 and "(4 personer)" in html
    assert html.count("bra parkering") == 1 and "(2 personer)" in html
    assert "Fler bänkar" in html
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(results_url(published, "resultat.xlsx")).content)
    ).worksheets[1]
    rows = {row[2]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows == {"Bra belysning": 4, "bra parkering": 2, "Fler bänkar": 1}


def test_a_control_character_in_an_answer_is_refused_at_the_edge(published, client):
    today = timezone.localdate()
    Round.objects.filter(pk=published.pk).update(
        opens=today - timedelta(days=1), closes=today + timedelta(days=1)
    )
    before = Response.objects.count()
    page = client.post(
        f"/platskompassen/{published.slug}/",
        {"score-moving_around": "4", "good-feeling_safe": "Bra\x01", "go": "send"},
    )
    assert page.status_code == 400 and "U+0001" in page.content.decode()
    api = client.post(
        api_url(published, "responses"),
        json.dumps({"scores": {"moving_around": 4}, "comments": {"x": {"good": "a\x00b"}}}),
        content_type="application/json",
    )
    assert api.status_code == 422 and "comments.x.good" in api.json()["detail"]
    surrogate = client.post(
        api_url(published, "responses"),
        '{"scores": {"moving_around": 4}, "comments": {"feeling_safe": {"good": "\\ud800"}}}',
        content_type="application/json",
    )
    assert surrogate.status_code == 422
    assert Response.objects.count() == before


def test_exports_hold_when_text_stored_before_the_rule_has_control_characters(
    lulea, planner_client
):
    """Stored before the rule existed (or written past it): one bad comment must not make
    the round's export fail for everyone."""
    round_ = make_round(lulea)
    _answer(round_, 5, good="Fint")
    from hcs.platskompassen.models import Comment

    Comment.objects.filter(round=round_).update(good="Fint\x01 torg")
    Round.objects.filter(pk=round_.pk).update(title="Våren\x02 2024")
    Place.objects.filter(pk=round_.place_id).update(name="Torget\x03")
    for suffix in ("resultat.xlsx", "resultat.csv", "resultat.pdf", "resultat/"):
        response = planner_client.get(results_url(round_, suffix))
        assert response.status_code == 200, suffix
    workbook = openpyxl.load_workbook(
        io.BytesIO(planner_client.get(results_url(round_, "resultat.xlsx")).content)
    )
    texts = [c for row in workbook.worksheets[1].iter_rows(values_only=True) for c in row]
    assert "Fint torg" in texts


def test_the_admin_deletes_no_round_in_bulk_and_records_a_deletion(lulea, coordinator, client):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    round_ = make_round(lulea)
    _answer(round_, 3)
    changelist = client.get("/admin/platskompassen/round/").content.decode()
    assert "delete_selected" not in changelist
    response = client.post(f"/admin/platskompassen/round/{round_.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="delete", object_id=str(round_.pk))
    assert entry.actor == admin and "3 answers" in entry.message
    assert not Response.objects.filter(round_id=round_.pk).exists()


def test_a_theme_edited_in_the_admin_is_in_the_audit_trail(lulea, client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pw"))
    theme = Theme.objects.get(key="feeling_safe")
    tool = theme.tool
    url = f"/admin/platskompassen/toolversion/{tool.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in _initial(form).items()}
    formset = client.get(url).context["inline_admin_formsets"][0].formset
    data |= _formset_data(formset)
    index = next(i for i, f in enumerate(formset.forms) if f.instance.pk == theme.pk)
    data[f"themes-{index}-name"] = "Trygghet och säkerhet"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.filter(object_id=str(theme.pk), action="update").latest("at")
    assert entry.changes["name"] == ["Trygghet", "Trygghet och säkerhet"]


def _initial(form):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = "on" if value is True else ("" if value is False else value)
    return {k: v for k, v in data.items() if v != ""}


def _formset_data(formset):
    data = {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    for form in formset.forms:
        for name, value in _initial(form).items():
            data[f"{form.prefix}-{name}"] = getattr(value, "pk", value)
    return data


def test_an_anonymous_visitor_sees_no_unpublished_round_and_its_admin(lulea):
    round_ = make_round(lulea)
    assert Client().get(results_url(round_)).status_code == 302


def test_the_planner_sees_a_small_rounds_results_the_public_does_not(lulea, planner_client):
    round_ = make_round(lulea, publish=True)
    _answer(round_, 2, good="Lugnt")
    mine = planner_client.get(results_url(round_)).content.decode()
    assert "Lugnt" in mine and 'id="results-hidden"' not in mine
    assert planner_client.get(api_url(round_)).json()["responses"] == 2
    public = Client().get(results_url(round_)).content.decode()
    assert "Lugnt" not in public and "Färre än" in public


def test_the_public_csv_of_a_small_round_has_no_answers(lulea, planner_client):
    round_ = make_round(lulea, publish=True)
    _answer(round_, 2, good="Lugnt")
    for url in (results_url(round_, "resultat.csv"), api_url(round_, "results.csv")):
        public = Client().get(url)
        rows = b"".join(public.streaming_content).decode("utf-8-sig").splitlines()
        assert public.status_code == 200 and len(rows) == 1, url  # the header only
    mine = b"".join(planner_client.get(results_url(round_, "resultat.csv")).streaming_content)
    assert mine.decode("utf-8-sig").count("\r\n") == 3 and "Lugnt" in mine.decode()


def test_a_group_is_withheld_when_everyone_else_is_too_few(lulea, settings):
    """19 women and 1 other: the whole round minus the women would show that one person."""
    from hcs.platskompassen.queries import round_comments, round_results

    round_ = make_round(lulea, publish=True)
    for n in range(20):
        response_submit(
            round_=round_,
            scores={"moving_around": 7 if n == 0 else 4},
            comments={"feeling_safe": {"good": "Bara jag" if n == 0 else "", "better": ""}},
            background={"gender": "man" if n == 0 else "woman"},
            today=DAY,
        )
    women = ("gender", "woman")
    assert round_results(round_, group=women).hidden
    assert round_comments(round_, group=women) == {}
    assert not round_results(round_).hidden  # the whole round is shown


def test_no_group_is_shown_while_a_few_others_answered_the_question_otherwise(lulea):
    """10 women, 10 men and 1 other: the whole round minus the women minus the men would show
    that one person's answers, so neither group is shown; the age groups, all large, are."""
    from hcs.platskompassen.queries import round_comments, round_results

    round_ = make_round(lulea, publish=True)
    for n in range(21):
        response_submit(
            round_=round_,
            scores={"moving_around": 7 if n == 0 else 4},
            comments={"feeling_safe": {"good": "Bara jag" if n == 0 else "", "better": ""}},
            background={
                "gender": "other" if n == 0 else ("woman" if n % 2 else "man"),
                "age_band": "30_44",
            },
            today=DAY,
        )
    for gender in ("woman", "man"):
        assert round_results(round_, group=("gender", gender)).hidden, gender
        assert round_comments(round_, group=("gender", gender)) == {}, gender
    assert not round_results(round_, group=("age_band", "30_44")).hidden
    assert not round_results(round_).hidden  # the whole round is shown
