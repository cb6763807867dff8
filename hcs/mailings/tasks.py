"""Background work of mailings (`manage.py db_worker` runs it; `--batch` sends what is due and
exits). Tasks take ids and call the services."""

from django_tasks import task

from hcs.mailings.services import mailing_send_batch, mailing_start


@task()
def start_mailing(mailing_id: int) -> int:
    return mailing_start(mailing_id)


@task()
def send_mailing_batch(mailing_id: int) -> int:
    return mailing_send_batch(mailing_id)
