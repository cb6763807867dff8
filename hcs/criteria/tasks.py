"""Reminders are sent through the e-mail queue (hcs.mail). This task stays for the reminders a
worker may still have queued under its name before the change: it sends the reminder's e-mail,
once."""

from django_tasks import task


@task()
def send_reminder(reminder_id: int) -> str:
    from hcs.criteria.models import Reminder
    from hcs.mail.services import email_send

    reminder = Reminder.objects.filter(pk=reminder_id).exclude(email=None).first()
    return email_send(reminder.email_id) if reminder else "gone"
