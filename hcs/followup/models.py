"""Members' yearly follow-up (uppföljning): the year's form (its questions are data per year),
each member's answers, a draft until submitted.

Invariants: one form per year; one follow-up per member and form (database: unique); a
submitted follow-up is changed only after the secretariat reopens it (services.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hcs.organisations.models import Organisation


class FollowupForm(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    deadline = models.DateField(_("last day to submit"))
    intro = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up form")
        verbose_name_plural = _("follow-up forms")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One of a list")
        NUMBER = "number", _("Number")
        YESNO = "yesno", _("Yes or no")
        TAGS = "tags", _("Tags only")

    form = models.ForeignKey(
        FollowupForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["form", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Followup(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    form = models.ForeignKey(
        FollowupForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="followups"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.CharField(_("submitted by"), max_length=150, blank=True)
    # The login that submitted it: how a person's export and erasure find their follow-ups
    # (hcs.contacts.gdpr), surer than the user name kept as text above, which a login can change.
    submitted_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitting login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "organisation"], name="followup_one_per_member_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.form.year}"


class Answer(models.Model):
    followup = models.ForeignKey(
        Followup, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("answer"), null=True, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["followup", "question"], name="followup_answer_once_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.followup}: {self.question}"
