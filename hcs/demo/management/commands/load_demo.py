from django.core.management.base import BaseCommand
from django.db import transaction

from hcs.demo.loader import load_demo
from hcs.demo.network_2024 import COORDINATOR


class Command(BaseCommand):
    help = (
        "Load the network as the seeds describe it: the 20 members of 2024 (Region Norrbotten "
        "from June 2024), Huddinge's membership 2008–2023 with its exit decision, fictional "
        "contact persons (example.org), the 2024 events with attendance, the board, the groups, "
        "the 2024 invoices and the membership criteria, and the demo coordinator account. "
        "Loads the reference data first if it is missing. Idempotent: a second run changes "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            report = load_demo()
            if dry_run:
                transaction.set_rollback(True)
        prefix = "[dry run] " if dry_run else ""
        created = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in report.items())
        self.stdout.write(f"{prefix}Demo data created: {created}.")
        self.stdout.write(
            f"Log in as the demo coordinator: {COORDINATOR['username']} / {COORDINATOR['password']}"
        )
