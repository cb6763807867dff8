from django.core.management.base import BaseCommand, CommandError

from hcs.organisations.reference import ReferenceFileError, read_shipped_reference_data
from hcs.organisations.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Load Sweden's 290 municipalities and 21 regions (SCB codes, names, counties, "
        "organisation numbers, populations) from the files shipped in "
        "hcs/organisations/data/. Idempotent: a second run changes nothing; a changed file "
        "updates exactly the figures that differ. Websites are left to the coordinator."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run, **options):
        try:
            rows = read_shipped_reference_data()
        except ReferenceFileError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        report = reference_data_load(rows=rows, dry_run=dry_run)
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}{len(rows)} organisations: {len(report.created)} created, "
            f"{len(report.updated)} updated, {report.unchanged} unchanged; "
            f"{report.populations_written} population figures written."
        )
