"""Reads of the follow-up: every member's status in a year, and the summary across members."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from hcs.followup.models import Answer, Followup, FollowupForm, Question
from hcs.followup.tags import GROUPS, LABELS
from hcs.memberships.queries import members_during


@dataclass
class MemberStatus:
    code: str
    name: str
    status: str  # not_started, draft, submitted
    submitted: object = None
    followup: Followup | None = None


def statuses(year: int) -> list[MemberStatus]:
    """Each member of the year with its follow-up's status (2 queries)."""
    followups = {
        f.organisation.code: f
        for f in Followup.objects.filter(form__year=year).select_related("organisation")
    }
    rows = []
    for member in members_during(year):
        found = followups.get(member.code)
        rows.append(
            MemberStatus(
                code=member.code,
                name=member.name,
                status=found.status if found else "not_started",
                submitted=found.submitted_at if found else None,
                followup=found,
            )
        )
    return rows


def submitted_on(year: int) -> dict[int, date]:
    """The members whose follow-up of `year` is submitted, with the day (for the criteria)."""
    return {
        org_id: timezone.localtime(when).date()
        for org_id, when in Followup.objects.filter(
            form__year=year, status=Followup.Status.SUBMITTED, submitted_at__isnull=False
        ).values_list("organisation_id", "submitted_at")
        if when is not None
    }


@dataclass
class QuestionSummary:
    question: Question
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (member, answer)


@dataclass
class Summary:
    form: FollowupForm
    submitted: int
    tag_counts: list[tuple[str, list[tuple[str, int]]]]
    questions: list[QuestionSummary]


def summary(form: FollowupForm) -> Summary:
    """Across the submitted follow-ups: how often each tag was given, per group of tags, and per
    question the counts of its choices or the text answers (3 queries)."""
    answers = list(
        Answer.objects.filter(followup__form=form, followup__status=Followup.Status.SUBMITTED)
        .select_related("followup__organisation")
        .order_by("followup__organisation__name")
    )
    tags = Counter(tag for answer in answers for tag in answer.tags)
    by_question: dict[int, list[Answer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    questions = []
    for question in form.questions.all():
        item = QuestionSummary(question)
        given = by_question.get(question.pk, [])
        if question.kind in (Question.Kind.CHOICE, Question.Kind.YESNO):
            counted = Counter(a.value for a in given if a.value is not None)
            options = question.choices if question.kind == Question.Kind.CHOICE else ["yes", "no"]
            item.counts = [(option, counted.get(option, 0)) for option in options]
        elif question.kind in (Question.Kind.TEXT, Question.Kind.NUMBER):
            item.texts = [
                (a.followup.organisation.name, a.value) for a in given if a.value is not None
            ]
        questions.append(item)
    return Summary(
        form=form,
        submitted=Followup.objects.filter(form=form, status=Followup.Status.SUBMITTED).count(),
        tag_counts=[
            (str(group), [(LABELS[key], tags.get(key, 0)) for key, _label in items])
            for group, items in GROUPS
        ],
        questions=questions,
    )
