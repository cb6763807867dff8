"""Mailings: newsletters and member notices, each sent to an audience taken from the records,
one row per recipient; and the newsletter's subscribers.

Invariants:
- One recipient row per address and mailing (database: unique). Addresses are stored in lower
  case, so duplicates across audiences collapse to one.
- A row is claimed (status "sending") in a committed transaction before its message goes to the
  SMTP server; only a queued row is ever claimed. So no two workers send one mailing to one
  address twice, and a row left "sending" by a worker that died is uncertain: shown to the
  secretariat, never sent again on its own.
- A newsletter is never sent to an address that unsubscribed; a member notice goes to a member's
  contacts whatever their newsletter choice.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.models import StoredFile

# A row claimed longer ago than this, and still not recorded as sent or failed, is uncertain.
UNCERTAIN_AFTER = timedelta(minutes=10)


class Mailing(models.Model):
    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        MEMBER_NOTICE = "member_notice", _("Member notice")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        SENT = "sent", _("Sent")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body_markdown = models.TextField(_("text"), max_length=60_000)
    # {"contacts": "all"|"political"|"administrative"|"none", "board": bool,
    #  "group_ids": [int], "event_ids": [int], "event_statuses": [str], "subscribers": bool}
    audience = models.JSONField(_("audience"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_public(self) -> bool:
        """A newsletter that went to the public subscribers: shown in the archive."""
        return self.kind == self.Kind.NEWSLETTER and bool(self.audience.get("subscribers"))


class Recipient(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced (refused by the recipient's server)")

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="recipients"
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    person = models.ForeignKey(
        "contacts.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("the server's answer"), blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "email"], name="mailing_recipient_once_per_address"
            )
        ]
        indexes = [models.Index(fields=["mailing", "status"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def uncertain(cls, now: datetime) -> Q:
        return Q(status=cls.Status.SENDING, claimed_at__lt=now - UNCERTAIN_AFTER)


class Subscriber(models.Model):
    """An address's choice about the newsletter: a public subscription (pending until its link
    is followed, then confirmed) or an unsubscription (any address, a contact person's too).

    Personal data (GDPR): the address only; part of the person's export and erasure."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail"), unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    requested_at = models.DateTimeField(_("asked"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


def attachment_path(instance: "MailingAttachment", filename: str) -> str:
    return f"utskick/{instance.mailing_id}/{filename}"


class MailingAttachment(StoredFile):
    """A PDF or an image sent with every message of the mailing."""

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)

    class Meta(StoredFile.Meta):
        pass
