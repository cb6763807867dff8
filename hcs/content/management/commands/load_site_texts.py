from django.core.management.base import BaseCommand
from django.db import transaction

from hcs.content.loader import site_texts_load


class Command(BaseCommand):
    help = (
        "Load the public site's texts as the network published them (its pages, the 2024 news "
        "and publications, the members' voices), published at once. Only what is missing is "
        "created: a text the secretariat has edited is never overwritten. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            report = site_texts_load()
            if dry_run:
                transaction.set_rollback(True)
        prefix = "[dry run] " if dry_run else ""
        made = ", ".join(f"{count} {name}" for name, count in report.items())
        self.stdout.write(f"{prefix}Site texts created: {made}.")
