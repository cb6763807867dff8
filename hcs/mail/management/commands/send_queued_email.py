from django.core.management.base import BaseCommand

from hcs.mail.services import emails_enqueue_stuck, emails_stuck_in_queue


class Command(BaseCommand):
    help = (
        "Enqueue again the e-mails waiting in the queue for longer than ten minutes (the worker "
        "was not running, or their task was lost). Safe to run at any time: an e-mail is sent "
        "once. Those left 'sending' by a worker that died are left for the secretariat. Also gives "
        "stalled mailings new batches and forgets expired newsletter subscriptions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{emails_stuck_in_queue().count()} e-mails are stuck in the queue.")
            return
        self.stdout.write(f"{emails_enqueue_stuck()} e-mails enqueued again.")
        from hcs.mailings.services import mailings_kick, subscribers_purge

        self.stdout.write(f"{mailings_kick()} stalled mailings given new batches.")
        self.stdout.write(f"{subscribers_purge()} expired newsletter subscriptions forgotten.")
