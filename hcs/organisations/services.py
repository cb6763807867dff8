"""Writes to organisations and their population figures."""

from dataclasses import dataclass, field

from django.db import transaction

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_entry, audit_record, diff, snapshot
from hcs.organisations.models import Organisation, Population
from hcs.organisations.reference import SOURCE, OrganisationRow

_REFERENCE_FIELDS = ("name", "kind", "county_code", "county_name")
EDITABLE_FIELDS = (
    "name",
    "website",
    "org_number",
    "invoice_street",
    "invoice_postal_code",
    "invoice_city",
    "invoice_reference",
)


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    populations_written: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.populations_written)


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def reference_data_load(
    *, rows: list[OrganisationRow], actor=None, dry_run: bool = False
) -> LoadReport:
    """Create or update organisations and population figures so they match `rows`.

    Idempotent. A file without an organisation number leaves the stored one as it is. The rows
    come from `parse_reference_files`, which has checked them; the database checks them again.
    """
    actor = actor or "load_reference_data"
    report = LoadReport()
    try:
        with transaction.atomic():
            existing = {o.code: o for o in Organisation.objects.select_for_update()}
            new = [
                Organisation(code=row.code, **_reference_values(row))
                for row in rows
                if row.code not in existing
            ]
            for organisation in new:
                organisation.full_clean(validate_unique=False, validate_constraints=False)
            existing.update({o.code: o for o in Organisation.objects.bulk_create(new)})
            report.created = [o.code for o in new]

            figures = {
                (p.organisation_id, p.year): p for p in Population.objects.select_for_update()
            }
            new_figures, entries = [], []
            for row in rows:
                organisation = existing[row.code]
                created = row.code in report.created
                changes = {} if created else _update_reference_values(organisation, row)
                for year, population in sorted(row.populations.items()):
                    current = figures.get((organisation.pk, year))
                    before = None if current is None else current.population
                    if current is None:
                        new_figures.append(
                            Population(
                                organisation=organisation,
                                year=year,
                                population=population,
                                source=SOURCE,
                            )
                        )
                    elif current.population != population:
                        current.population = population
                        current.save(update_fields=["population"])
                    else:
                        continue
                    changes[f"population_{year}"] = [before, population]
                    report.populations_written += 1
                if created:
                    changes = {**diff({}, _reference_values(row)), **changes}
                elif changes:
                    report.updated.append(row.code)
                else:
                    report.unchanged += 1
                    continue
                entries.append(
                    audit_entry(
                        actor=actor,
                        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
                        obj=organisation,
                        changes=changes,
                        message="Reference data (SCB)",
                    )
                )
            Population.objects.bulk_create(new_figures)
            AuditEntry.objects.bulk_create(entries)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _reference_values(row: OrganisationRow) -> dict:
    values = {name: getattr(row, name) for name in _REFERENCE_FIELDS}
    if row.org_number:
        values["org_number"] = row.org_number
    return values


def _update_reference_values(organisation: Organisation, row: OrganisationRow) -> dict:
    wanted = _reference_values(row)
    changes = diff(snapshot(organisation, wanted), wanted)
    if changes:
        for name, value in wanted.items():
            setattr(organisation, name, value)
        organisation.full_clean()
        organisation.save()
    return changes


def population_import(
    *, year: int, figures: dict[str, int], actor, source: str = SOURCE, dry_run: bool = False
) -> LoadReport:
    """Store a year's population figures (31 December of `year`) for the given codes.

    `figures` comes from `parse_population_file`, which has already checked every row.
    """
    report = LoadReport()
    try:
        with transaction.atomic():
            organisations = Organisation.objects.select_for_update().in_bulk(
                list(figures), field_name="code"
            )
            stored = {
                p.organisation_id: p
                for p in Population.objects.select_for_update().filter(year=year)
            }
            for code, population in sorted(figures.items()):
                organisation = organisations[code]
                current = stored.get(organisation.pk)
                if current and current.population == population:
                    report.unchanged += 1
                    continue
                before = current.population if current else None
                if current:
                    current.population, current.source = population, source
                    current.full_clean()
                    current.save(update_fields=["population", "source"])
                    report.updated.append(code)
                else:
                    figure = Population(
                        organisation=organisation, year=year, population=population, source=source
                    )
                    figure.full_clean()
                    figure.save()
                    report.created.append(code)
                report.populations_written += 1
                audit_record(
                    actor=actor,
                    action=AuditEntry.Action.IMPORT,
                    obj=organisation,
                    changes={f"population_{year}": [before, population]},
                    message=f"Population {year} ({source})",
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def organisation_update(*, organisation: Organisation, actor, **values) -> Organisation:
    """Change an organisation's name, website or organisation number."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"organisation_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = snapshot(organisation, values)
        for name, value in values.items():
            setattr(organisation, name, value)
        organisation.full_clean()
        changes = diff(before, snapshot(organisation, values))
        if changes:
            organisation.save()
            audit_record(
                actor=actor, action=AuditEntry.Action.UPDATE, obj=organisation, changes=changes
            )
    return organisation
