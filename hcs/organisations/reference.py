"""Reference data: Sweden's 290 municipalities and 21 regions with their populations.

The shipped files (`data/*.csv`, see `data/SOURCES.md`) are the source of truth for codes, names,
counties, organisation numbers and populations. Loading them is idempotent: a second run changes
nothing, and a changed file changes exactly the figures that differ. Websites are never touched
here; they belong to the coordinator.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hcs.lib.params import parse_int
from hcs.organisations.rules import MAX_POPULATION

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_FILE = DATA_DIR / "municipalities.csv"
REGIONS_FILE = DATA_DIR / "regions.csv"
SOURCE = "SCB"
_POPULATION_COLUMN = re.compile(r"^population_(\d{4})$")


@dataclass(frozen=True)
class OrganisationRow:
    code: str
    name: str
    kind: str
    county_code: str
    county_name: str
    org_number: str
    populations: dict[int, int] = field(default_factory=dict)


class ReferenceFileError(ValueError):
    """A reference or population file that cannot be used; `problems` names every bad row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _read_csv(text: str, required: set[str], label: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = required - set(columns)
    if missing:
        raise ReferenceFileError(
            [
                _("%(file)s: missing columns: %(columns)s")
                % {"file": label, "columns": ", ".join(sorted(missing))}
            ]
        )
    rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    return columns, rows


def _populations(row: dict, columns: list[str], line: int, label: str, problems: list[str]):
    figures = {}
    for column in columns:
        match = _POPULATION_COLUMN.match(column)
        if not match:
            continue
        value = row.get(column, "")
        try:
            figures[int(match.group(1))] = parse_int(value, minimum=1, maximum=MAX_POPULATION)
        except ValidationError:
            problems.append(
                _("%(file)s line %(line)d: %(column)s is not a positive whole number: %(value)r")
                % {"file": label, "line": line, "column": column, "value": value[:30]}
            )
    return figures


def parse_reference_files(municipalities_text: str, regions_text: str) -> list[OrganisationRow]:
    """Parse and check both files; raise ReferenceFileError listing every problem found."""
    problems: list[str] = []
    rows: list[OrganisationRow] = []

    label = "municipalities.csv"
    columns, records = _read_csv(municipalities_text, {"code", "name", "county_code"}, label)
    for line, record in enumerate(records, start=2):
        code, county = record.get("code", ""), record.get("county_code", "")
        org_number = record.get("org_number", "")
        if not re.fullmatch(r"\d{4}", code) or not code.startswith(county):
            problems.append(
                _("%(file)s line %(line)d: %(code)r is not a 4-digit code in county %(county)r")
                % {"file": label, "line": line, "code": code, "county": county}
            )
        if org_number and not re.fullmatch(r"\d{6}-\d{4}", org_number):
            problems.append(
                _("%(file)s line %(line)d: bad organisation number %(value)r")
                % {"file": label, "line": line, "value": org_number}
            )
        if not record.get("name"):
            problems.append(
                _("%(file)s line %(line)d: name is empty") % {"file": label, "line": line}
            )
        rows.append(
            OrganisationRow(
                code=code,
                name=record.get("name", ""),
                kind="municipality",
                county_code=county,
                county_name="",
                org_number=org_number,
                populations=_populations(record, columns, line, label, problems),
            )
        )

    label = "regions.csv"
    columns, records = _read_csv(regions_text, {"county_code", "name", "county_name"}, label)
    county_names = {}
    for line, record in enumerate(records, start=2):
        code = record.get("county_code", "")
        if not re.fullmatch(r"\d{2}", code):
            problems.append(
                _("%(file)s line %(line)d: %(code)r is not a 2-digit county code")
                % {"file": label, "line": line, "code": code}
            )
        county_names[code] = record.get("county_name", "")
        rows.append(
            OrganisationRow(
                code=code,
                name=record.get("name", ""),
                kind="region",
                county_code=code,
                county_name=record.get("county_name", ""),
                org_number=record.get("org_number", ""),
                populations=_populations(record, columns, line, label, problems),
            )
        )

    seen: set[str] = set()
    for row in rows:
        if row.code in seen:
            problems.append(_("The code %(code)s appears twice.") % {"code": row.code})
        seen.add(row.code)
    if problems:
        raise ReferenceFileError(problems)
    # A municipality's county name is its region's.
    return [
        row
        if row.kind == "region"
        else OrganisationRow(
            **{**row.__dict__, "county_name": county_names.get(row.county_code, "")}
        )
        for row in rows
    ]


def read_shipped_reference_data() -> list[OrganisationRow]:
    return parse_reference_files(
        MUNICIPALITIES_FILE.read_text(encoding="utf-8"), REGIONS_FILE.read_text(encoding="utf-8")
    )


def parse_population_file(text: str, *, known_codes: dict[str, str]) -> dict[str, int]:
    """Parse a year's population file: a header `code,population`, one row per organisation.

    `known_codes` maps each known code to its county code. Every row must name a known
    organisation once, with a positive whole number. Regions left out are derived from their
    municipalities when all of the county's municipalities are in the file.
    """
    problems: list[str] = []
    label = _("the file")
    try:
        _columns, records = _read_csv(text, {"code", "population"}, label)
    except csv.Error as exc:
        raise ReferenceFileError([str(exc)]) from exc
    if not records:
        raise ReferenceFileError([_("The file has no rows.")])
    figures: dict[str, int] = {}
    for line, record in enumerate(records, start=2):
        code, raw = record.get("code", ""), record.get("population", "").replace(" ", "")
        if code not in known_codes:
            problems.append(
                _("Line %(line)d: %(code)r is not a known municipality or region code.")
                % {"line": line, "code": code}
            )
            continue
        if code in figures:
            problems.append(
                _("Line %(line)d: %(code)s appears more than once.") % {"line": line, "code": code}
            )
            continue
        try:
            figures[code] = parse_int(raw, minimum=1, maximum=MAX_POPULATION)
        except ValidationError:
            problems.append(
                _(
                    "Line %(line)d: the population %(value)r is not a whole number from 1 to "
                    "%(max)s."
                )
                % {"line": line, "value": record.get("population", "")[:30], "max": MAX_POPULATION}
            )
    if problems:
        raise ReferenceFileError(problems)

    regions = {code for code, county in known_codes.items() if len(code) == 2}
    for region in regions - figures.keys():
        municipalities = [
            c for c, county in known_codes.items() if len(c) == 4 and county == region
        ]
        if municipalities and all(c in figures for c in municipalities):
            figures[region] = sum(figures[c] for c in municipalities)
    return figures
