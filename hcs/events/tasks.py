"""Background work of events: the reminder the day before.

When an event is saved, a task is deferred to the morning before it (`REMINDER_HOUR`, Swedish
time). It queues the reminders of every event that begins the next day, once per registration,
so a task left over from an event that moved sends nothing wrong, and two tasks send nothing
twice. `manage.py send_event_reminders` does the same from cron, for a backend that cannot
defer tasks."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

REMINDER_HOUR = 8


@task()
def send_event_reminders() -> int:
    from hcs.events.services import event_reminders_send

    return event_reminders_send()


def reminder_moment(starts: datetime) -> datetime:
    """The morning before the day the event starts, in Swedish time."""
    day_before = timezone.localtime(starts).date() - timedelta(days=1)
    return timezone.make_aware(datetime.combine(day_before, time(REMINDER_HOUR)))


def reminders_schedule(starts: datetime, now: datetime | None = None) -> bool:
    """Defer the reminder task to the morning before `starts`; False when that moment has
    passed or the backend cannot defer (then cron's command does it)."""
    moment = reminder_moment(starts)
    if moment <= (now or timezone.now()) or not default_task_backend.supports_defer:
        return False
    send_event_reminders.using(run_after=moment).enqueue()
    return True
