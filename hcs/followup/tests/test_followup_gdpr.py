"""A person's follow-ups in their GDPR export and erasure: the follow-ups their login submitted
(and an answer naming them) are exported with their data; erasure takes their name from the
follow-up and leaves the organisation's answers as they were."""

from datetime import date

import pytest

from hcs.accounts.testing import member_contact_user
from hcs.contacts.gdpr import contact_person_erase, contact_person_export
from hcs.followup.models import Answer, Followup
from hcs.followup.services import followup_save, form_create, question_add
from hcs.lib.gdpr import ERASED
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _organisation(code, name):
    return Organisation.objects.create(
        code=code, name=name, kind="municipality", county_code=code[:2]
    )


@pytest.fixture
def submitted(coordinator):
    """Halmstad's 2024 follow-up, submitted by its contact's login, one answer naming her; and
    Lund's, submitted by Lund's own contact."""
    form = form_create(year=2024, deadline=date(2025, 1, 31), actor=coordinator)
    work = question_add(form=form, text="Vad har ni gjort?", kind="text", actor=coordinator)
    contact = question_add(form=form, text="Vem kan vi fråga?", kind="text", actor=coordinator)
    council = question_add(
        form=form, text="Har ni ett folkhälsoråd?", kind="yesno", actor=coordinator
    )
    halmstad = _organisation("1380", "Halmstad")
    lund = _organisation("1281", "Lund")
    user = member_contact_user(halmstad, "halmstad")
    person = user.member_account.person
    followup_save(
        form=form,
        organisation=halmstad,
        answers={
            work.pk: "Ett folkhälsoråd och en ny plan.",
            contact.pk: f"{person.name}, {person.email}",
            council.pk: "yes",
        },
        tags={work.pk: ["p_people"]},
        actor=user,
        submit=True,
    )
    other = member_contact_user(lund, "lund")
    followup_save(
        form=form,
        organisation=lund,
        answers={work.pk: "Platskompassen i två stadsdelar.", contact.pk: "Kalle Karlsson"},
        tags={},
        actor=other,
        submit=True,
    )
    return person, user


def _rows():
    followups = {
        f.organisation.code: (f.status, f.submitted_at, f.submitted_by, f.submitted_by_user_id)
        for f in Followup.objects.select_related("organisation")
    }
    answers = {
        (a.followup.organisation.code, a.question.text): (a.value, a.tags)
        for a in Answer.objects.select_related("followup__organisation", "question")
    }
    return followups, answers


def test_the_follow_up_remembers_the_login_that_submitted_it(submitted):
    _person, user = submitted
    followup = Followup.objects.get(organisation__code="1380")
    assert (followup.submitted_by, followup.submitted_by_user) == ("halmstad", user)


def test_a_persons_export_holds_the_follow_ups_they_submitted(submitted, coordinator):
    person, _user = submitted
    data = contact_person_export(person=person, actor=coordinator)
    assert [
        (item["year"], item["organisation"], item["status"], item["submitted_by"])
        for item in data["followups_submitted"]
    ] == [(2024, "Halmstad", "submitted", "halmstad")]
    assert data["followups_submitted"][0]["submitted"]
    # The answer that names them is their data too; Lund's contact's follow-up is not.
    assert data["followup_answers_naming_them"] == [
        {
            "year": 2024,
            "organisation": "Halmstad",
            "question": "Vem kan vi fråga?",
            "answer": f"{person.name}, {person.email}",
        }
    ]


def test_erasure_takes_their_name_from_the_follow_up_and_keeps_the_answers(submitted, coordinator):
    person, _user = submitted
    followups, answers = _rows()
    preview = contact_person_erase(person=person, actor=coordinator, dry_run=True)
    assert preview["followups"] == 2  # the follow-up and the answer naming them
    assert _rows() == (followups, answers)  # a preview changes nothing

    summary = contact_person_erase(person=person, actor=coordinator)

    assert summary["followups"] == 2
    after_followups, after_answers = _rows()
    status, submitted_at, _name, _login = followups["1380"]
    assert after_followups["1380"] == (status, submitted_at, ERASED, None)
    assert after_followups["1281"] == followups["1281"]  # Lund's, submitted by another
    assert after_answers.pop(("1380", "Vem kan vi fråga?")) == (f"{ERASED}, {ERASED}", [])
    answers.pop(("1380", "Vem kan vi fråga?"))
    assert after_answers == answers  # every other answer as it was
    assert not Followup.objects.filter(submitted_by="halmstad").exists()


def test_a_follow_up_submitted_before_the_login_was_kept_is_found_by_its_user_name(
    submitted, coordinator
):
    person, _user = submitted
    Followup.objects.filter(organisation__code="1380").update(submitted_by_user=None)
    data = contact_person_export(person=person, actor=coordinator)
    assert [item["organisation"] for item in data["followups_submitted"]] == ["Halmstad"]
    contact_person_erase(person=person, actor=coordinator)
    assert Followup.objects.get(organisation__code="1380").submitted_by == ERASED
    assert Followup.objects.get(organisation__code="1281").submitted_by == "lund"
