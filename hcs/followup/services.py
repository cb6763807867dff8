"""Writes to the follow-up: the secretariat's form of a year (copied from the year before, its
questions added and removed), a member's answers (a draft, then submitted), and reopening; and
a person's part of it for their GDPR export and erasure (hcs.contacts.gdpr): the follow-ups
their logins submitted and any answer naming them."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import actor_label, audit_record
from hcs.followup.models import Answer, Followup, FollowupForm, Question
from hcs.followup.tags import LABELS
from hcs.lib.gdpr import ERASED, PersonMatch
from hcs.lib.text import forbidden_character
from hcs.organisations.models import Organisation

TEXT_MAX = 10_000
K = Question.Kind


def form_create(*, year: int, deadline: date, actor) -> FollowupForm:
    """The year's form, with the questions of the latest earlier form copied."""
    if FollowupForm.objects.filter(year=year).exists():
        raise ValidationError(_("The year already has a form."), code="conflict")
    with transaction.atomic():
        form = FollowupForm.objects.create(year=year, deadline=deadline)
        earlier = FollowupForm.objects.filter(year__lt=year).order_by("-year").first()
        if earlier is not None:
            form.intro = earlier.intro
            form.save(update_fields=["intro"])
            Question.objects.bulk_create(
                Question(
                    form=form,
                    position=q.position,
                    text=q.text,
                    kind=q.kind,
                    choices=q.choices,
                    required=q.required,
                )
                for q in earlier.questions.all()
            )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=form,
            changes={"copied_from": [None, earlier.year if earlier else None]},
        )
    return form


def question_add(
    *, form: FollowupForm, text: str, kind: str, actor, choices=(), required: bool = False
) -> Question:
    text = (text or "").strip()
    choices = [c.strip() for c in choices if c and c.strip()]
    problems = {}
    if not text or len(text) > 300 or forbidden_character(text):
        problems["text"] = [_("Question: write it on one line, at most 300 characters.")]
    if kind not in K.values:
        problems["kind"] = [_("Kind: choose what kind of answer it takes.")]
    elif kind == K.CHOICE and len(choices) < 2:
        problems["choices"] = [_("Choices: a question of this kind needs two or more.")]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        last = form.questions.order_by("-position").values_list("position", flat=True).first()
        question = Question.objects.create(
            form=form,
            position=(last or 0) + 1,
            text=text,
            kind=kind,
            choices=choices if kind == K.CHOICE else [],
            required=required,
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=form,
            changes={"question": [None, text]},
        )
    return question


def question_remove(*, question: Question, actor) -> None:
    if question.answers.exists():
        raise ValidationError(
            _("Members have answered the question: it stays in this year's form."),
            code="conflict",
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=question.form,
            changes={"question": [question.text, None]},
        )
        question.delete()


def _value(question: Question, raw: Any) -> tuple[Any, str | None]:
    """The stored value of one answer, or a problem."""
    if raw in (None, "", []):
        return None, None
    if question.kind == K.TEXT:
        text = str(raw).strip()
        if len(text) > TEXT_MAX:
            return None, _("at most %(max)d characters") % {"max": TEXT_MAX}
        if forbidden_character(text, multiline=True):
            return None, _("a character that cannot be used")
        return text, None
    if question.kind == K.NUMBER:
        try:
            number = Decimal(str(raw).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            return None, _("a number, e.g. 12 or 3,5")
        if not number.is_finite() or abs(number) > 10**12:
            return None, _("a number, e.g. 12 or 3,5")
        return str(number.normalize()), None
    if question.kind == K.YESNO:
        if str(raw) not in ("yes", "no"):
            return None, _("yes or no")
        return str(raw), None
    if question.kind == K.CHOICE:
        if str(raw) not in question.choices:
            return None, _("one of the choices")
        return str(raw), None
    return None, None


def followup_save(
    *,
    form: FollowupForm,
    organisation: Organisation,
    answers: dict[int, Any],
    tags: dict[int, list[str]],
    actor,
    submit: bool = False,
) -> Followup:
    """A member's answers, a draft (or submitted with `submit`, when every required question is
    answered). A submitted follow-up is not changed until the secretariat reopens it. Every
    problem named, nothing stored with one."""
    questions = list(form.questions.all())
    problems: dict[str, list[str]] = {}
    values: dict[int, tuple[Any, list[str]]] = {}
    for question in questions:
        value, problem = _value(question, answers.get(question.pk))
        chosen = [t for t in tags.get(question.pk, []) if t]
        unknown = [t for t in chosen if t not in LABELS]
        field = f"q{question.pk}"
        if problem:
            problems[field] = [f"{question.text}: {problem}."]
        elif unknown:
            problems[field] = [_("%(question)s: unknown tags.") % {"question": question.text}]
        elif submit and question.required and value is None and question.kind != K.TAGS:
            problems[field] = [
                _("%(question)s: an answer is required.") % {"question": question.text}
            ]
        elif submit and question.required and question.kind == K.TAGS and not chosen:
            problems[field] = [
                _("%(question)s: choose at least one tag.") % {"question": question.text}
            ]
        values[question.pk] = (value, sorted(set(chosen)))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        followup, _created = Followup.objects.select_for_update().get_or_create(
            form=form, organisation=organisation
        )
        if followup.status == Followup.Status.SUBMITTED:
            raise ValidationError(
                _("The follow-up is submitted; ask the secretariat to reopen it to change it."),
                code="conflict",
            )
        followup.answers.all().delete()
        Answer.objects.bulk_create(
            Answer(followup=followup, question_id=pk, value=value, tags=chosen)
            for pk, (value, chosen) in values.items()
            if value is not None or chosen
        )
        if submit:
            followup.status = Followup.Status.SUBMITTED
            followup.submitted_at = timezone.now()
            followup.submitted_by = actor_label(actor)[:150]
            followup.submitted_by_user = actor if isinstance(actor, get_user_model()) else None
        followup.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=followup,
            changes={"status": [None, followup.status], "answers": [None, len(values)]},
        )
    return followup


def followup_reopen(*, followup: Followup, actor) -> Followup:
    with transaction.atomic():
        followup = Followup.objects.select_for_update().get(pk=followup.pk)
        if followup.status != Followup.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted follow-up can be reopened."), code="conflict")
        followup.status = Followup.Status.DRAFT
        followup.submitted_at = None
        followup.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=followup,
            changes={"status": [Followup.Status.SUBMITTED, Followup.Status.DRAFT]},
        )
    return followup


def followup_reminders_send(*, form: FollowupForm, actor, today: date | None = None) -> int:
    """Remind each member of the year that has not submitted: an e-mail through the queue to
    its current administrative contacts (who keep the contact with the network), with the last
    day and the portal's address. Returns how many members were reminded."""
    from django.conf import settings
    from django.urls import reverse

    from hcs.contacts.models import ContactRole
    from hcs.followup.queries import statuses
    from hcs.lib.periods import in_effect
    from hcs.mail.services import email_queue, email_render

    today = today or timezone.localdate()
    waiting = [row for row in statuses(form.year) if row.status != Followup.Status.SUBMITTED]
    roles = (
        ContactRole.objects.filter(
            in_effect(today),
            kind=ContactRole.Kind.ADMINISTRATIVE,
            person__organisation__code__in=[row.code for row in waiting],
            person__erased_at=None,
        )
        .exclude(person__email="")
        .select_related("person__organisation")
    )
    addresses: dict[str, list[str]] = {}
    for role in roles:
        addresses.setdefault(role.person.organisation.code, []).append(role.person.email)
    link = settings.SITE_URL + reverse("portal:followup") + f"?ar={form.year}"
    reminded = 0
    with transaction.atomic():
        for row in waiting:
            to = sorted(set(addresses.get(row.code, [])))
            if not to:
                continue
            subject, body, html = email_render(
                "followup/email/reminder",
                {"form": form, "name": row.name, "link": link, "draft": row.status == "draft"},
            )
            email_queue(to=to, subject=subject, body=body, html=html, purpose="followup_reminder")
            reminded += 1
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=form,
            changes={"reminded": [None, reminded]},
            message="Follow-up reminders",
        )
    return reminded


def _submitted_by(users) -> Q:
    """Follow-ups submitted by one of `users`: by the link, or (submitted before the link was
    kept) by the user name stored as text."""
    users = list(users)
    return Q(submitted_by_user__in=users) | Q(
        submitted_by_user=None, submitted_by__in=[user.get_username() for user in users]
    )


def _answers_naming(match: PersonMatch) -> list[Answer]:
    """Answers whose text holds the person's name or address as a whole word (a text answer may
    name a contact person)."""
    answers = (
        Answer.objects.annotate(value_text=Cast("value", TextField()))
        .filter(match.text_q("value_text"))
        .select_related("followup__form", "followup__organisation", "question")
        .order_by("followup__form__year", "followup__organisation__name", "question__position")
    )
    return [answer for answer in answers if match.scrub(answer.value) != answer.value]


def followups_export(match: PersonMatch, users) -> dict[str, list[dict]]:
    """The person's part of the follow-up: the follow-ups their logins submitted (the answers
    are the organisation's) and the answers that name them."""
    submitted = (
        Followup.objects.filter(_submitted_by(users))
        .select_related("form", "organisation")
        .order_by("form__year", "organisation__name")
    )
    return {
        "followups_submitted": [
            {
                "year": followup.form.year,
                "organisation": followup.organisation.name,
                "status": followup.status,
                "submitted": followup.submitted_at.isoformat() if followup.submitted_at else "",
                "submitted_by": followup.submitted_by,
            }
            for followup in submitted
        ],
        "followup_answers_naming_them": [
            {
                "year": answer.followup.form.year,
                "organisation": answer.followup.organisation.name,
                "question": answer.question.text,
                "answer": answer.value,
            }
            for answer in _answers_naming(match)
        ],
    }


def followups_erase(match: PersonMatch, users, *, dry_run: bool = False) -> int:
    """The follow-ups stay the organisation's, answers and all: the person's name goes from the
    ones they submitted (and the link to their login), and from the answers that name them.
    Returns how many follow-ups and answers were (or would be) changed."""
    with transaction.atomic():
        submitted = list(Followup.objects.filter(_submitted_by(users)).select_for_update())
        answers = _answers_naming(match)
        if dry_run:
            return len(submitted) + len(answers)
        for followup in submitted:
            followup.submitted_by = ERASED
            followup.submitted_by_user = None
            followup.save(update_fields=["submitted_by", "submitted_by_user"])
        for answer in answers:
            answer.value = match.scrub(answer.value)
            answer.save(update_fields=["value"])
    return len(submitted) + len(answers)
