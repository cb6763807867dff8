"""Background work: sending the queued e-mails (`manage.py db_worker` runs it)."""

from django_tasks import task

from hcs.mail.services import email_send


@task()
def send_email(email_id: int) -> str:
    return email_send(email_id)
