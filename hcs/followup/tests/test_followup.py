"""Members report their local public-health work each year: the secretariat makes the form, a
member's contact fills it in in the portal, submits it, and the reporting criterion is met."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from hcs.accounts.testing import member_contact_user
from hcs.audit.models import AuditEntry
from hcs.criteria.queries import compliance
from hcs.followup.models import Answer, Followup, FollowupForm
from hcs.followup.services import followup_save, form_create, question_add
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db

HALMSTAD = "1380"


def _form(coordinator, year=2024):
    form = form_create(year=year, deadline=date(year + 1, 1, 31), actor=coordinator)
    question_add(
        form=form, text="Vad har ni gjort för jämlik hälsa?", kind="text", required=True,
        actor=coordinator,
    )  # fmt: skip
    question_add(
        form=form, text="Har ni ett folkhälsoråd?", kind="yesno", required=True, actor=coordinator
    )
    question_add(
        form=form,
        text="Hur ofta följer ni upp?",
        kind="choice",
        choices=["Varje år", "Vartannat år"],
        actor=coordinator,
    )
    return form


def _verdict(year, code):
    table = compliance(year)
    row = next(r for r in table.rows if r.code == code)
    return next(c for c in row.cells if c.criterion.key == "follow_up_report")


def test_a_member_submits_in_the_portal_and_the_criterion_is_met(demo_2024, coordinator):
    from hcs.criteria.models import Criterion
    from hcs.criteria.services import criterion_save

    # The secretariat makes reporting a criterion of 2024 (criteria are data per year).
    criterion_save(
        criterion=Criterion(
            year=2024,
            key="follow_up_report",
            position=99,
            name="Redovisar den lokala uppföljningen till Healthy Cities",
            method=Criterion.Method.FOLLOW_UP_REPORT,
        ),
        actor=coordinator,
    )
    form = _form(coordinator)
    assert _verdict(2024, HALMSTAD).status == "not_met"  # not submitted, the last day passed
    halmstad = Organisation.objects.get(code=HALMSTAD)
    user = member_contact_user(halmstad, "halmstad")
    client = Client()
    client.force_login(user)
    page = client.get("/medlem/uppfoljning/?ar=2024")
    assert page.status_code == 200 and "Vad har ni gjort för jämlik hälsa?" in page.content.decode()
    questions = list(form.questions.all())
    draft = client.post(
        "/medlem/uppfoljning/?ar=2024",
        {f"q{questions[0].pk}": "Ett påbörjat svar", "action": "draft"},
    )
    assert draft.status_code == 302
    assert Followup.objects.get().status == "draft"
    refused = client.post(
        "/medlem/uppfoljning/?ar=2024",
        {f"q{questions[0].pk}": "Svar", "action": "submit"},
    )
    assert refused.status_code == 400 and "Har ni ett folkhälsoråd?: " in refused.content.decode()
    assert Followup.objects.get().status == "draft"
    client.post(
        "/medlem/uppfoljning/?ar=2024",
        {
            f"q{questions[0].pk}": "Vi har byggt en hälsofrämjande skola.",
            f"tags{questions[0].pk}": ["fhp1", "sdg3", "p_people"],
            f"q{questions[1].pk}": "yes",
            f"q{questions[2].pk}": "Varje år",
            "action": "submit",
        },
    )
    followup = Followup.objects.get()
    assert followup.status == "submitted"
    assert Answer.objects.get(question=questions[0]).tags == ["fhp1", "p_people", "sdg3"]
    assert _verdict(2024, HALMSTAD).status == "met"
    # Submitted: locked until the secretariat reopens it.
    with pytest.raises(ValidationError):
        followup_save(
            form=form, organisation=halmstad, answers={}, tags={}, actor=user, submit=False
        )


def test_the_secretariat_makes_the_form_sees_the_summary_and_reopens(
    demo_2024, coordinator, coordinator_client
):
    answer = coordinator_client.post(
        "/kansli/uppfoljning/2024/", {"action": "create", "deadline": "2025-01-31"}
    )
    assert answer.status_code == 302
    form = FollowupForm.objects.get(year=2024)
    coordinator_client.post(
        "/kansli/uppfoljning/2024/",
        {"action": "add", "text": "Har ni ett folkhälsoråd?", "kind": "yesno", "required": "on"},
    )
    question = form.questions.get()
    halmstad = Organisation.objects.get(code=HALMSTAD)
    followup_save(
        form=form,
        organisation=halmstad,
        answers={question.pk: "yes"},
        tags={question.pk: ["s2"]},
        actor="halmstad",
        submit=True,
    )
    page = " ".join(coordinator_client.get("/kansli/uppfoljning/2024/").content.decode().split())
    assert "Halmstad" in page and "Inskickad" in page
    assert "Ja: 1" in page
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = coordinator_client.get("/kansli/uppfoljning/2024.xlsx")
    workbook = load_workbook(BytesIO(sheet.content))
    rows = list(workbook["Svar"].iter_rows(values_only=True))
    assert rows[1][:5] == ("Halmstad", HALMSTAD, "inskickad", "Har ni ett folkhälsoråd?", "yes")
    tags = {row[1]: row[2] for row in workbook["Taggar"].iter_rows(values_only=True)}
    assert tags["2 Stödja förtroendevalda och tjänstepersoner"] == 1
    coordinator_client.post(
        "/kansli/uppfoljning/2024/",
        {"action": "reopen", "followup": Followup.objects.get().pk},
    )
    assert Followup.objects.get().status == "draft"
    # Next year's form copies the questions.
    coordinator_client.post(
        "/kansli/uppfoljning/2025/", {"action": "create", "deadline": "2026-01-31"}
    )
    assert [q.text for q in FollowupForm.objects.get(year=2025).questions.all()] == [
        "Har ni ett folkhälsoråd?"
    ]


def test_bad_answers_store_nothing_and_name_each_problem(demo_2024, coordinator):
    form = _form(coordinator)
    halmstad = Organisation.objects.get(code=HALMSTAD)
    questions = list(form.questions.all())
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        followup_save(
            form=form,
            organisation=halmstad,
            answers={questions[0].pk: "x" * 10_001, questions[1].pk: "kanske",
                     questions[2].pk: "Aldrig"},
            tags={questions[0].pk: ["hittepå"]},
            actor="halmstad",
            submit=True,
        )  # fmt: skip
    assert len(refused.value.message_dict) == 3
    assert not Followup.objects.exists() and AuditEntry.objects.count() == before


def test_the_api_lists_every_members_status(demo_2024, coordinator, api_client):
    form = _form(coordinator)
    question = form.questions.first()
    followup_save(
        form=form,
        organisation=Organisation.objects.get(code=HALMSTAD),
        answers={question.pk: "Svar"},
        tags={},
        actor="h",
    )
    rows = api_client.get("/api/v1/followups/2024").json()
    assert len(rows) == 20
    halmstad = next(r for r in rows if r["organisation_code"] == HALMSTAD)
    assert halmstad["status"] == "draft" and halmstad["submitted"] is None
    assert {r["status"] for r in rows} == {"draft", "not_started"}


def test_members_that_have_not_submitted_are_reminded_through_the_queue(
    demo_2024, coordinator, coordinator_client
):
    from hcs.mail.models import OutgoingEmail

    form = _form(coordinator)
    question = list(form.questions.all())
    followup_save(
        form=form,
        organisation=Organisation.objects.get(code=HALMSTAD),
        answers={question[0].pk: "Svar", question[1].pk: "no"},
        tags={},
        actor="h",
        submit=True,
    )
    before = OutgoingEmail.objects.filter(purpose="followup_reminder").count()
    coordinator_client.post("/kansli/uppfoljning/2024/", {"action": "remind"})
    sent = OutgoingEmail.objects.filter(purpose="followup_reminder")
    # Every member of 2024 but Halmstad, less the one without an administrative contact.
    assert sent.count() - before == 18
    assert not sent.filter(to__contains="halmstad").exists()
    assert "/medlem/uppfoljning/?ar=2024" in sent.first().body
