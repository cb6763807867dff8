from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# An e-mail queued, or being sent, for longer than this is stuck: the worker is not running, or
# died while talking to the mail server. The secretariat sees it and may send it again.
STUCK_AFTER = timedelta(minutes=10)


class OutgoingEmail(models.Model):
    """One e-mail the platform sends. It is queued in the same transaction as the action that
    causes it (a registration, a password reset, a reminder) and sent by the background worker,
    so a mail server that is down never fails the person's action: the e-mail waits, or fails
    with the server's answer where the secretariat sees it (/kansli/e-post/) and can send it
    again.

    Sending claims the row first (state "sending"), talks to the mail server outside any
    transaction, then records the outcome. A worker that dies in between leaves the row
    "sending": shown as uncertain, never sent again on its own.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Uncertain (sending was interrupted)")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # Not sent: the recipient's personal data was erased (GDPR) before it left.
        ERASED = "erased", _("Not sent (erased)")

    purpose = models.CharField(_("purpose"), max_length=40)
    to = models.TextField(_("recipients"), help_text=_("Addresses separated by commas."))
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename": …, "content_type": …, "content": text}] – small text files such as .ics.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # The body holds a secret (a link to set a password): it is emptied once sent.
    sensitive = models.BooleanField(_("sensitive"), default=False)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.QUEUED, db_index=True
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-queued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    def is_stuck(self, now: datetime) -> bool:
        """Queued, or being sent, for longer than STUCK_AFTER: `stuck`, for one row in hand."""
        since = now - STUCK_AFTER
        if self.state == self.State.QUEUED:
            return self.queued_at < since
        if self.state == self.State.SENDING:
            return self.attempted_at is None or self.attempted_at < since
        return False

    @classmethod
    def stuck(cls, now: datetime) -> Q:
        """Queued, or being sent, for longer than STUCK_AFTER (as a query; keep it the same
        as `is_stuck`)."""
        since = now - STUCK_AFTER
        return Q(state=cls.State.QUEUED, queued_at__lt=since) | Q(
            Q(attempted_at__isnull=True) | Q(attempted_at__lt=since), state=cls.State.SENDING
        )

    def may_send_again(self, now: datetime) -> bool:
        """Failed, or stuck: never one that is sent, or that a worker is sending right now."""
        return self.state == self.State.FAILED or self.is_stuck(now)

    @classmethod
    def undelivered(cls, now: datetime):
        """The e-mails that need the secretariat: failed, or stuck."""
        return cls.objects.filter(Q(state=cls.State.FAILED) | cls.stuck(now))

    @property
    def recipients(self) -> list[str]:
        return [address.strip() for address in self.to.split(",") if address.strip()]
