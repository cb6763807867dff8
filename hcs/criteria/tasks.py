"""Background work: sending the reminders the coordinator queued (`manage.py db_worker` runs it)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from hcs.criteria.models import Reminder


@task()
def send_reminder(reminder_id: int) -> str:
    """Send one queued reminder and record the outcome. Sent once: a reminder already sent (a
    task run twice after a worker restart) is not sent again."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("queued_by")
            .get(pk=reminder_id)
        )
        if reminder.state == Reminder.State.SENT:
            return reminder.state
        message = EmailMessage(
            subject=reminder.subject,
            body=reminder.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=reminder.recipients,
            # Replies go to the coordinator who sent it, not to the no-reply sender.
            reply_to=[reminder.queued_by.email]
            if reminder.queued_by_id and reminder.queued_by.email
            else None,
        )
        try:
            message.send()
        except Exception as error:  # any failure is recorded for the coordinator to see
            reminder.state = Reminder.State.FAILED
            reminder.error = f"{type(error).__name__}: {error}"[:1000]
        else:
            reminder.state = Reminder.State.SENT
            reminder.error = ""
            reminder.sent_at = timezone.now()
        reminder.save(update_fields=["state", "error", "sent_at"])
    return reminder.state
