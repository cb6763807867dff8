"""Reminders are sent through the platform's e-mail queue (hcs.mail): each reminder points to
its e-mail, which carries whether it was sent. Reminders queued before keep their state, error
and time of sending in an e-mail of their own."""

import django.db.models.deletion
from django.db import migrations, models


def reminders_to_emails(apps, schema_editor):
    Reminder = apps.get_model("criteria", "Reminder")
    OutgoingEmail = apps.get_model("mail", "OutgoingEmail")
    for reminder in Reminder.objects.select_related("queued_by").order_by("pk"):
        email = OutgoingEmail.objects.create(
            purpose="criteria_reminder",
            to=", ".join(reminder.recipients),
            reply_to=(reminder.queued_by.email if reminder.queued_by_id else "") or "",
            subject=reminder.subject,
            body=reminder.body,
            state=reminder.state,
            error=reminder.error,
            attempts=0 if reminder.state == "queued" else 1,
            sent_at=reminder.sent_at,
        )
        OutgoingEmail.objects.filter(pk=email.pk).update(queued_at=reminder.queued_at)
        reminder.email_id = email.pk
        reminder.save(update_fields=["email"])


def emails_to_reminders(apps, schema_editor):
    Reminder = apps.get_model("criteria", "Reminder")
    for reminder in Reminder.objects.select_related("email").exclude(email=None):
        reminder.state = reminder.email.state if reminder.email.state != "sending" else "failed"
        reminder.error = reminder.email.error
        reminder.sent_at = reminder.email.sent_at
        reminder.save(update_fields=["state", "error", "sent_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0001_initial"),
        ("mail", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="email",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reminder",
                to="mail.outgoingemail",
                verbose_name="e-mail",
            ),
        ),
        migrations.RunPython(reminders_to_emails, emails_to_reminders),
        migrations.RemoveField(model_name="reminder", name="error"),
        migrations.RemoveField(model_name="reminder", name="sent_at"),
        migrations.RemoveField(model_name="reminder", name="state"),
    ]
