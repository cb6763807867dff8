from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hcs.organisations.queries import known_codes
from hcs.organisations.reference import ReferenceFileError, parse_population_file
from hcs.organisations.services import population_import


class Command(BaseCommand):
    help = (
        "Load a year's population figures (31 December of YEAR) from a CSV file with the header "
        "`code,population`: SCB's 4-digit municipality codes and/or 2-digit region codes. "
        "A file with any bad row is refused whole, naming every bad row. Regions left out are "
        "summed from their municipalities when the file has all of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="SCB")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")

    def handle(self, *args, year, file, source, dry_run, **options):
        if not 1950 <= year <= 2200:
            raise CommandError(f"{year} is not a plausible year.")
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            figures = parse_population_file(text, known_codes=known_codes())
        except ReferenceFileError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        report = population_import(
            year=year, figures=figures, actor="load_population", source=source, dry_run=dry_run
        )
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}{year}: {len(report.created)} created, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged."
        )
