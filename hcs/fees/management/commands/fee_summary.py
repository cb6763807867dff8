import json

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from hcs.fees.queries import fee_summary
from hcs.lib.money import format_sek


class Command(BaseCommand):
    help = (
        "Print what each member owes for a year by that year's fee schedule: municipalities by "
        "population tier (31 December of the population year), regions the region amount, a "
        "member joining or leaving during the year by the year's policies. Same as "
        "GET /api/v1/fees/{year}/summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="The API's JSON, not a table."
        )

    def handle(self, *args, year, as_json: bool, **options):
        try:
            summary = fee_summary(year)
        except Http404 as exc:
            raise CommandError(str(exc)) from exc
        if as_json:
            self.stdout.write(_as_json(summary))
            return
        for line in summary.lines:
            population = "" if line.population is None else f"{line.population:>9}"
            fee = "?" if line.fee is None else format_sek(line.fee)
            self.stdout.write(f"{line.code:>4}  {line.name:<28} {population:>9}  {fee:>12}")
        self.stdout.write(f"{'':4}  {'Totalt':<28} {'':>9}  {format_sek(summary.total):>12}")
        for line in summary.incomplete:
            self.stderr.write(f"{line.name}: population unknown, fee not computed")


def _as_json(summary) -> str:
    return json.dumps(
        {
            "year": summary.year,
            "total_sek": summary.total,
            "members": [
                {
                    "code": line.code,
                    "name": line.name,
                    "kind": line.kind,
                    "population": line.population,
                    "full_fee_sek": line.full_fee,
                    "fee_sek": line.fee,
                }
                for line in summary.lines
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
