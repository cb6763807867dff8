from django.core.management.base import BaseCommand
from django.db import transaction

from hcs.demo.loader import load_demo
from hcs.demo.network_2024 import COORDINATOR


class Command(BaseCommand):
    help = (
        "Load the network as the seeds describe it: the 20 members of 2024 (Region Norrbotten "
        "from June 2024), Huddinge's membership 2008–2023 with its exit decision, fictional "
        "contact persons (example.org) and the demo coordinator account. Loads the reference "
        "data first if it is missing. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            report = load_demo()
            if dry_run:
                transaction.set_rollback(True)
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Demo data: {report['memberships']} memberships, "
            f"{report['fee_schedules']} fee schedules, {report['events']} events, "
            f"{report['contacts']} contact persons, {report['users']} users created."
        )
        self.stdout.write(
            f"Log in as the demo coordinator: {COORDINATOR['username']} / {COORDINATOR['password']}"
        )
