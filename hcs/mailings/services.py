"""Writes to mailings: write one (a draft), send it now or at a set time, pause and resume;
the sending itself in batches; and the newsletter's subscriptions (double opt-in) and
unsubscriptions.

Sending: `mailing_send` schedules the start; `mailing_start` freezes the audience into one
recipient row per address and enqueues enough batch tasks for every row. Each batch claims up to
BATCH rows (committed, status "sending") and only then talks to the SMTP server, one connection
per batch, recording each outcome. A worker that dies mid-batch leaves its claimed rows
uncertain; the other batch tasks, still in the queue, send the rest when a worker runs again.
"""

import hashlib
import logging
import math
import secrets
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.events.models import Event, Registration
from hcs.groups.models import Group
from hcs.lib.files import upload_facts
from hcs.lib.text import forbidden_character
from hcs.mail.services import email_queue, email_render
from hcs.mailings import audience as audiences
from hcs.mailings.emails import html_body, message, registrations_of
from hcs.mailings.models import Mailing, MailingAttachment, Recipient, Subscriber

logger = logging.getLogger(__name__)

BATCH = 200
S = Mailing.Status
R = Recipient.Status
SUBJECT_MAX = 200
BODY_MAX = 60_000


def _problems(*, kind: str, subject: str, body: str, audience: dict) -> dict[str, str]:
    problems: dict[str, str] = {}
    if kind not in Mailing.Kind.values:
        problems["kind"] = _("Kind: a newsletter or a member notice.")
    if not subject:
        problems["subject"] = _("Subject: write a subject.")
    elif len(subject) > SUBJECT_MAX or forbidden_character(subject):
        problems["subject"] = _("Subject: at most 200 characters on one line.")
    if not body:
        problems["body_markdown"] = _("Text: write the mailing's text.")
    elif len(body) > BODY_MAX:
        problems["body_markdown"] = _("Text: at most %(max)d characters.") % {"max": BODY_MAX}
    elif forbidden_character(body, multiline=True):
        problems["body_markdown"] = _("Text: it contains a character that cannot be used.")
    try:
        wanted = audiences.normalised(audience or {})
    except (TypeError, ValueError):
        problems["audience"] = _("Audience: groups and events are given by their numbers.")
        return problems
    if wanted["contacts"] not in audiences.CONTACTS:
        problems["audience"] = _("Audience: contacts are all, political, administrative or none.")
    elif not set(wanted["event_statuses"]) <= set(Registration.Status.values):
        problems["audience"] = _("Audience: an event's registrants are chosen by their status.")
    else:
        missing_groups = set(wanted["group_ids"]) - set(
            Group.objects.filter(pk__in=wanted["group_ids"]).values_list("pk", flat=True)
        )
        missing_events = set(wanted["event_ids"]) - set(
            Event.objects.filter(pk__in=wanted["event_ids"]).values_list("pk", flat=True)
        )
        if missing_groups or missing_events:
            problems["audience"] = _("Audience: there is no group or event %(ids)s.") % {
                "ids": ", ".join(str(i) for i in sorted(missing_groups | missing_events))
            }
        elif not (
            wanted["contacts"] != "none"
            or wanted["board"]
            or wanted["group_ids"]
            or wanted["event_ids"]
            or wanted["subscribers"]
        ):
            problems["audience"] = _("Audience: choose who gets it.")
    return problems


def mailing_save(
    *,
    actor,
    kind: str,
    subject: str,
    body_markdown: str,
    audience: dict,
    mailing: Mailing | None = None,
) -> Mailing:
    """A new mailing (a draft), or changes to a draft; with any problem, nothing is stored and
    every problem is named."""
    subject, body = (subject or "").strip(), (body_markdown or "").strip()
    problems = _problems(kind=kind, subject=subject, body=body, audience=audience)
    if problems:
        raise ValidationError({field: [text] for field, text in problems.items()})
    with transaction.atomic():
        if mailing is not None:
            mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
            if mailing.status != S.DRAFT:
                raise ValidationError(
                    _("The mailing is %(status)s: only a draft can be changed.")
                    % {"status": mailing.get_status_display().lower()},
                    code="conflict",
                )
        else:
            mailing = Mailing(created_by=actor if getattr(actor, "pk", None) else None)
        before = {"subject": mailing.subject, "kind": mailing.kind} if mailing.pk else None
        mailing.kind, mailing.subject, mailing.body_markdown = kind, subject, body
        mailing.audience = audiences.normalised(audience)
        mailing.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=mailing,
            changes={"subject": [before["subject"] if before else None, subject]},
        )
    return mailing


ATTACHMENTS_MAX_BYTES = 5 * 1024 * 1024  # together: every recipient's mailbox gets them


def mailing_attachment_add(*, mailing: Mailing, upload, actor) -> MailingAttachment:
    """A PDF or an image sent with every message of a draft; refused (nothing stored) for
    another kind of file, or when the attachments together would pass 5 MB."""
    facts = upload_facts(upload)
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != S.DRAFT:
            raise ValidationError(_("Only a draft's attachments can change."), code="conflict")
        total = sum(mailing.attachments.values_list("size", flat=True)) + facts.size
        if total > ATTACHMENTS_MAX_BYTES:
            raise ValidationError(
                _("The attachments together may be at most 5 MB: they go to every recipient."),
                code="too_large",
            )
        attachment = MailingAttachment(
            mailing=mailing, name=facts.name, content_type=facts.content_type, size=facts.size
        )
        with attachment.stored(upload):
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=mailing,
                changes={"attachment": [None, facts.name]},
            )
    return attachment


def mailing_attachment_remove(*, attachment: MailingAttachment, actor) -> None:
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=attachment.mailing_id)
        if mailing.status != S.DRAFT:
            raise ValidationError(_("Only a draft's attachments can change."), code="conflict")
        stored, storage = attachment.file.name or "", attachment.file.storage
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=mailing,
            changes={"attachment": [attachment.name, None]},
        )
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(stored) if stored else None)


def recipient_count(mailing: Mailing, day=None) -> int:
    """How many would get it if it were sent now (after duplicates, unsubscriptions, erasures)."""
    if mailing.status != S.DRAFT and mailing.recipients.exists():
        return mailing.recipients.count()
    return len(audiences.addresses(mailing.audience, mailing.kind, day or timezone.localdate()))


def mailing_send(*, mailing: Mailing, actor, at: datetime | None = None) -> Mailing:
    """Send a draft now, or at `at`. The audience is read when sending starts."""
    from hcs.mailings.tasks import start_mailing

    now = timezone.now()
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != S.DRAFT:
            raise ValidationError(
                _("The mailing is %(status)s: it is sent once.")
                % {"status": mailing.get_status_display().lower()},
                code="conflict",
            )
        if at is not None and at <= now:
            at = None
        if recipient_count(mailing) == 0:
            raise ValidationError(_("The mailing has no recipients."), code="invalid")
        mailing.status = S.SCHEDULED
        mailing.send_at = at or now
        mailing.save(update_fields=["status", "send_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=mailing,
            changes={
                "status": [S.DRAFT, S.SCHEDULED],
                "send_at": [None, mailing.send_at.isoformat()],
            },
        )
        pk = mailing.pk
        if at is None:
            transaction.on_commit(lambda: start_mailing.enqueue(pk))
        else:
            transaction.on_commit(lambda: start_mailing.using(run_after=at).enqueue(pk))
    return mailing


def _enqueue_batches(mailing_id: int, count: int) -> None:
    """Enough batch tasks for `count` queued rows, after the caller's transaction commits."""
    from hcs.mailings.tasks import send_mailing_batch

    def enqueue():
        for _batch in range(math.ceil(count / BATCH)):
            send_mailing_batch.enqueue(mailing_id)

    if count:
        transaction.on_commit(enqueue)


def mailing_start(mailing_id: int) -> int:
    """Freeze the audience into recipient rows and enqueue the batches; idempotent (a second
    run finds the mailing started and does nothing). Returns the number of recipients."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing_id)
        if mailing.status != S.SCHEDULED:
            return 0
        rows = [
            Recipient(mailing=mailing, email=a.email, name=a.name[:150], person_id=a.person_id)
            for a in audiences.addresses(mailing.audience, mailing.kind, timezone.localdate())
        ]
        Recipient.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        mailing.status = S.SENDING
        mailing.started_at = timezone.now()
        mailing.save(update_fields=["status", "started_at", "updated_at"])
        audit_record(
            actor="system",
            action=AuditEntry.Action.UPDATE,
            obj=mailing,
            changes={"status": [S.SCHEDULED, S.SENDING], "recipients": [None, len(rows)]},
        )
        _enqueue_batches(mailing.pk, len(rows))
    return len(rows)


def _claim(mailing_id: int) -> tuple[Mailing | None, list[Recipient]]:
    """Up to BATCH queued rows of a mailing that is sending, marked "sending" and committed."""
    with transaction.atomic():
        mailing = Mailing.objects.filter(pk=mailing_id, status=S.SENDING).first()
        if mailing is None:
            return None, []
        queued = Recipient.objects.filter(mailing_id=mailing_id, status=R.QUEUED).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        rows = list(queued[:BATCH])
        if rows:
            Recipient.objects.filter(pk__in=[r.pk for r in rows], status=R.QUEUED).update(
                status=R.SENDING, claimed_at=timezone.now()
            )
    return mailing, rows


def _record(sent: list[int], failed: dict[int, tuple[str, str]]) -> None:
    now = timezone.now()
    if sent:
        Recipient.objects.filter(pk__in=sent, status=R.SENDING).update(
            status=R.SENT, sent_at=now, error=""
        )
    for pk, (status, error) in failed.items():
        Recipient.objects.filter(pk=pk, status=R.SENDING).update(status=status, error=error)


def mailing_send_batch(mailing_id: int) -> int:
    """Send one batch: claim, then talk to the SMTP server, recording every outcome. Returns how
    many were sent."""
    mailing, rows = _claim(mailing_id)
    if mailing is None or not rows:
        if mailing is not None:
            _finish_if_done(mailing_id)
        return 0
    body = html_body(mailing)
    files = [(a.name, a.file.open("rb").read(), a.content_type) for a in mailing.attachments.all()]
    registrations = registrations_of(mailing, [row.email for row in rows])
    sent: list[int] = []
    failed: dict[int, tuple[str, str]] = {}
    smtp = get_connection()
    try:
        smtp.open()
        for row in rows:
            try:
                smtp.send_messages(
                    [message(mailing, row.email, body, files, registrations.get(row.email))]
                )
            except smtplib.SMTPRecipientsRefused as error:
                failed[row.pk] = (R.BOUNCED, str(error.recipients)[:2000])
            except (smtplib.SMTPException, OSError) as error:
                failed[row.pk] = (R.FAILED, f"{type(error).__name__}: {error}"[:2000])
                # The connection may be gone: the next message opens a new one.
                smtp.close()
                smtp.open()
            else:
                sent.append(row.pk)
            if len(sent) + len(failed) >= 25:
                _record(sent, failed)
                sent, failed = [], {}
    except (smtplib.SMTPException, OSError) as error:
        # The server cannot be reached: every row of the batch not yet recorded fails with
        # its answer, and can be sent again.
        logger.warning("Mailing %s: SMTP server unreachable: %s", mailing_id, error)
        done = set(sent) | set(failed)
        for row in rows:
            if row.pk not in done and not _recorded(row.pk):
                failed[row.pk] = (R.FAILED, f"{type(error).__name__}: {error}"[:2000])
    finally:
        _record(sent, failed)
        smtp.close()
    _finish_if_done(mailing_id)
    return len([r for r in rows if r.pk not in failed])


def _recorded(pk: int) -> bool:
    return not Recipient.objects.filter(pk=pk, status=R.SENDING).exists()


def _finish_if_done(mailing_id: int) -> None:
    """Mark the mailing sent once no row is queued (rows still being sent finish on their own;
    one left by a worker that died stays uncertain)."""
    if Recipient.objects.filter(mailing_id=mailing_id, status=R.QUEUED).exists():
        return
    Mailing.objects.filter(pk=mailing_id, status=S.SENDING).update(
        status=S.SENT, finished_at=timezone.now()
    )


def mailing_pause(*, mailing: Mailing, actor) -> None:
    """Stop handing out rows: the batches running finish their rows, the rest wait."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != S.SENDING:
            raise ValidationError(_("Only a mailing being sent can be paused."), code="conflict")
        mailing.status = S.PAUSED
        mailing.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=mailing,
            changes={"status": [S.SENDING, S.PAUSED]},
        )


def mailing_resume(*, mailing: Mailing, actor, retry_failed: bool = False) -> int:
    """Go on sending a paused mailing (or a sent one whose failed rows are to be sent again with
    `retry_failed`); returns how many rows are queued."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status not in (S.PAUSED, S.SENDING, S.SENT):
            raise ValidationError(_("The mailing has not started."), code="conflict")
        if retry_failed:
            Recipient.objects.filter(mailing=mailing, status=R.FAILED).update(
                status=R.QUEUED, error=""
            )
        queued = Recipient.objects.filter(mailing=mailing, status=R.QUEUED).count()
        if mailing.status == S.SENDING and not retry_failed:
            raise ValidationError(_("The mailing is being sent."), code="conflict")
        before = mailing.status
        mailing.status = S.SENDING if queued else mailing.status
        mailing.finished_at = None if queued else mailing.finished_at
        mailing.save(update_fields=["status", "finished_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=mailing,
            changes={"status": [before, mailing.status], "queued": [None, queued]},
        )
        _enqueue_batches(mailing.pk, queued)
    return queued


def mailings_kick(now: datetime | None = None) -> int:
    """Batches for every mailing being sent whose queued rows no worker has touched for
    UNCERTAIN_AFTER (the worker was not running, its tasks were lost): for cron, with
    `send_queued_email`. Each row is still sent once: a batch claims before it sends."""
    from django.db.models import Max, Q

    from hcs.mailings.models import UNCERTAIN_AFTER

    now = now or timezone.now()
    since = now - UNCERTAIN_AFTER
    stalled = (
        Mailing.objects.filter(status=S.SENDING)
        .annotate(
            last_claim=Max("recipients__claimed_at"),
            queued=Count("recipients", filter=Q(recipients__status=R.QUEUED)),
        )
        .filter(queued__gt=0, started_at__lt=since)
        .filter(Q(last_claim__isnull=True) | Q(last_claim__lt=since))
        .values_list("pk", "queued")
    )
    count = 0
    with transaction.atomic():
        for pk, queued in stalled:
            _enqueue_batches(pk, queued)
            count += 1
    return count


def progress(mailing: Mailing, now: datetime | None = None) -> dict[str, int]:
    """The recipients by status, and how many are uncertain (claimed by a worker that died)."""
    now = now or timezone.now()
    counts = dict(
        mailing.recipients.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    result: dict[str, Any] = {status: counts.get(status, 0) for status in R.values}
    result["recipients"] = sum(counts.values())
    result["uncertain"] = mailing.recipients.filter(Recipient.uncertain(now)).count()
    return result


# Subscriptions ---------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def subscription_request(*, email: str, now: datetime | None = None) -> None:
    """Ask to subscribe: the address waits as pending and gets a link to confirm. The same
    answer whatever the address's state, so no one learns who is on the list; an address
    already subscribed gets no e-mail."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": [_("E-mail: %(email)s is not an e-mail address.") % {"email": email[:80]}]}
        ) from None
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        subscribers_purge(now=now)
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"status": Subscriber.Status.PENDING}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return
        subscriber.status = Subscriber.Status.PENDING
        subscriber.token_hash = _hash(token)
        subscriber.requested_at = now
        subscriber.save()
        link = settings.SITE_URL + _confirm_path(token)
        subject, body, html = email_render("mailings/email/confirm", {"link": link})
        email_queue(
            to=[email],
            subject=subject,
            body=body,
            html=html,
            purpose="newsletter_confirm",
            sensitive=True,
        )


def _confirm_path(token: str) -> str:
    from django.urls import reverse

    return reverse("mailings_public:confirm", args=[token])


def subscription_confirm(*, token: str, now: datetime | None = None) -> Subscriber | None:
    """Follow the link: the pending address is subscribed. None for an unknown, used or
    expired link."""
    now = now or timezone.now()
    expires = now - timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(token_hash=_hash(token), status=Subscriber.Status.PENDING)
            .first()
        )
        if (
            subscriber is None
            or subscriber.requested_at is None
            or subscriber.requested_at < expires
        ):
            return None
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.token_hash = ""
        subscriber.save()
    return subscriber


def unsubscribe(*, email: str, now: datetime | None = None) -> None:
    """Keep the address out of every later newsletter (member notices still reach it)."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    if not email:
        return
    with transaction.atomic():
        Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.UNSUBSCRIBED,
                "unsubscribed_at": now,
                "token_hash": "",
            },
        )


def subscribers_purge(*, now: datetime | None = None) -> int:
    """Forget the pending addresses whose link expired unused."""
    now = now or timezone.now()
    expires = now - timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    deleted, _kinds = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, requested_at__lt=expires
    ).delete()
    return deleted


# Personal data (GDPR) --------------------------------------------------------------------------


def mailings_export(addresses) -> dict[str, Any]:
    wanted = [a.strip().lower() for a in addresses if a and a.strip()]
    return {
        "mailings": [
            {
                "subject": r.mailing.subject,
                "status": r.status,
                "sent": r.sent_at.isoformat() if r.sent_at else None,
            }
            for r in Recipient.objects.filter(email__in=wanted).select_related("mailing")
        ],
        "newsletter": [
            {"email": s.email, "status": s.status}
            for s in Subscriber.objects.filter(email__in=wanted)
        ],
    }


def mailings_erase(addresses, *, dry_run: bool = False) -> int:
    """The person's rows in every mailing and their subscription: the address is replaced by a
    placeholder (the mailing's counts stay right), the subscription deleted."""
    from hcs.lib.gdpr import ERASED, erased_address

    wanted = [a.strip().lower() for a in addresses if a and a.strip()]
    rows = Recipient.objects.filter(email__in=wanted)
    subscriptions = Subscriber.objects.filter(email__in=wanted)
    count = rows.count() + subscriptions.count()
    if dry_run:
        return count
    for row in rows:
        row.email, row.name = erased_address(row.pk), ERASED
        row.save(update_fields=["email", "name"])
    subscriptions.delete()
    return count
