"""Every e-mail of the platform goes through here: `email_queue` stores it and enqueues its
sending for after the commit; the worker's task calls `email_send`.

Three templates make an e-mail (subject, text, HTML; `email_render`), rendered in the
recipient's language when the caller activates it.
"""

import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)


def email_render(template: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML from `<template>_subject.txt`, `<template>.txt` and
    `<template>.html` (the HTML one is optional)."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    try:
        html_template = get_template(f"{template}.html")
    except TemplateDoesNotExist:
        return subject, body, ""
    return subject, body, html_template.render(context)


def email_queue(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    purpose: str,
    html: str = "",
    reply_to: str = "",
    attachments: Iterable[dict] = (),
    sensitive: bool = False,
) -> OutgoingEmail:
    """Store an e-mail and send it once the caller's transaction commits (in the background)."""
    from hcs.mail.tasks import send_email

    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("an e-mail needs at least one recipient")
    email = OutgoingEmail.objects.create(
        purpose=purpose,
        to=", ".join(recipients),
        reply_to=reply_to,
        subject=subject[:300],
        body=body,
        html=html,
        attachments=list(attachments),
        sensitive=sensitive,
    )
    # robust: the caller's action has committed; a queue that cannot be reached leaves the
    # e-mail "queued" (the secretariat sees it and can send it again), it does not fail the
    # action.
    transaction.on_commit(lambda: send_email.enqueue(email.pk), robust=True)
    return email


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.recipients,
        reply_to=[email.reply_to] if email.reply_to else None,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["content_type"])
    return message


def email_send(email_id: int) -> str:
    """Send one queued e-mail, once. Claims it first, so that a second worker (or the same task
    run again) finds it claimed and leaves it; records the server's answer on failure."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email_id)
        if email.state != OutgoingEmail.State.QUEUED:
            return email.state
        email.state = OutgoingEmail.State.SENDING
        email.attempts += 1
        email.attempted_at = timezone.now()
        email.save(update_fields=["state", "attempts", "attempted_at"])
    # Outside any transaction: a slow mail server holds no lock.
    try:
        _message(email).send()
    except Exception as error:
        logger.warning("E-mail %s to %s failed: %s", email.pk, email.to, error)
        email.state = OutgoingEmail.State.FAILED
        email.error = f"{type(error).__name__}: {error}"[:2000]
        fields = ["state", "error"]
    else:
        email.state = OutgoingEmail.State.SENT
        email.error = ""
        email.sent_at = timezone.now()
        fields = ["state", "error", "sent_at"]
        if email.sensitive:
            email.body = email.html = ""
            fields += ["body", "html"]
    # Only while it is still "sending": one erased meanwhile (GDPR) stays erased.
    OutgoingEmail.objects.filter(pk=email.pk, state=OutgoingEmail.State.SENDING).update(
        **{name: getattr(email, name) for name in fields}
    )
    return email.state


def email_retry(*, email: OutgoingEmail, actor) -> OutgoingEmail:
    """Send a failed or stuck e-mail again (`OutgoingEmail.may_send_again`). One already sent,
    or being sent right now, is not sent twice."""
    from hcs.mail.tasks import send_email

    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if not email.may_send_again(timezone.now()):
            raise ValidationError(
                _("This e-mail is %(state)s; it is not sent again.")
                % {"state": email.get_state_display().lower()},
                code="conflict",
            )
        if email.sensitive and not email.body:
            raise ValidationError(
                _("This e-mail held a one-time link and cannot be sent again; ask for a new one."),
                code="conflict",
            )
        previous = email.state
        email.state = OutgoingEmail.State.QUEUED
        email.queued_at = timezone.now()  # queued anew: its ten minutes start again
        email.save(update_fields=["state", "queued_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=email,
            changes={"state": [previous, email.state]},
            message="Sent again",
        )
        transaction.on_commit(lambda: send_email.enqueue(email.pk), robust=True)
    return email


def emails_stuck_in_queue(now=None):
    """The e-mails queued more than `STUCK_AFTER` ago and not yet taken by a worker."""
    return OutgoingEmail.undelivered(now or timezone.now()).filter(state=OutgoingEmail.State.QUEUED)


def emails_enqueue_stuck(now=None) -> int:
    """Enqueue again the e-mails stuck in the queue (a worker that was not running, an e-mail
    whose task was lost): `manage.py send_queued_email`. Those left "sending" by a worker that
    died are not touched: whether they left is uncertain, the secretariat decides. Each is
    still sent once (`email_send` claims it), however often this runs."""
    from hcs.mail.tasks import send_email

    now = now or timezone.now()
    stuck = list(emails_stuck_in_queue(now).values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=stuck, state=OutgoingEmail.State.QUEUED).update(
        queued_at=now
    )
    for pk in stuck:
        transaction.on_commit(partial(send_email.enqueue, pk), robust=True)
    return len(stuck)


# Personal data (GDPR) ------------------------------------------------------------------------


def _to(address: str):
    return OutgoingEmail.objects.filter(to__icontains=address.strip())


def emails_export(address: str) -> list[dict]:
    """The e-mails sent to `address`: what, when and whether it arrived."""
    if not address.strip():
        return []
    wanted = address.strip().lower()
    return [
        {
            "subject": email.subject,
            "state": email.state,
            "queued": email.queued_at.isoformat(),
            "sent": email.sent_at.isoformat() if email.sent_at else None,
        }
        for email in _to(address).order_by("queued_at")
        if wanted in (r.lower() for r in email.recipients)
    ]


def emails_erase(address: str, placeholder: str, *, dry_run: bool = False) -> int:
    """Remove `address` from the e-mails sent to it, and their text (which names the person);
    the rows stay, so the counts of what was sent stay true. One not yet sent never will be:
    its text is gone."""
    if not address.strip():
        return 0
    wanted = address.strip().lower()
    emails = [e for e in _to(address) if wanted in (r.lower() for r in e.recipients)]
    if dry_run:
        return len(emails)
    for email in emails:
        email.to = ", ".join(placeholder if r.lower() == wanted else r for r in email.recipients)
        email.body = email.html = email.error = ""  # a mail server's answer names the address
        email.attachments = []
        if email.state != OutgoingEmail.State.SENT:
            email.state = OutgoingEmail.State.ERASED
        email.save(update_fields=["to", "body", "html", "error", "attachments", "state"])
    return len(emails)
