from django.core.management.base import BaseCommand

from hcs.events.services import event_reminders_send


class Command(BaseCommand):
    help = (
        "Queue the reminder e-mail for every confirmed registration of the events that begin "
        "tomorrow (Swedish time). Safe to run as often as you like: each registration is "
        "reminded once. The worker does this by itself; this is for cron or by hand."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{event_reminders_send()} reminders queued.")
