"""Reads of the member registry, each in a fixed number of queries whatever the data's size."""

from dataclasses import dataclass
from datetime import date

from hcs.lib.dates import DatePrecision
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
from hcs.memberships.rules import count_phrase
from hcs.organisations.models import Organisation


@dataclass(frozen=True)
class MemberRow:
    code: str
    name: str
    kind: str
    kind_label: str
    website: str
    since: date
    since_precision: str
    until: date | None
    until_precision: str

    def joined_after(self, day: date) -> bool:
        """Whether the membership began after `day` (a start "on or before" a date may not have)."""
        return self.since > day and self.since_precision != DatePrecision.ON_OR_BEFORE

    def left_before(self, day: date) -> bool:
        return self.until is not None and self.until < day


@dataclass(frozen=True)
class MemberCount:
    regions: int
    municipalities: int

    @property
    def total(self) -> int:
        return self.regions + self.municipalities

    @property
    def phrase(self) -> str:
        return count_phrase(regions=self.regions, municipalities=self.municipalities)


def _rows(memberships) -> list[MemberRow]:
    # Only the columns the list shows: this runs on every uncached public request.
    values = memberships.order_by("organisation__name", "start_date").values_list(
        "organisation__code",
        "organisation__name",
        "organisation__kind",
        "organisation__website",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
    )
    labels = {kind: str(label) for kind, label in Organisation.Kind.choices}
    rows: dict[str, MemberRow] = {}
    for code, name, kind, website, start, start_precision, end, end_precision in values:
        first = rows.get(code)
        rows[code] = MemberRow(
            code=code,
            name=name,
            kind=kind,
            kind_label=labels[kind],
            website=website,
            # A year can hold two periods of one organisation: show it once, from the first.
            since=first.since if first else start,
            since_precision=first.since_precision if first else start_precision,
            until=end,
            until_precision=end_precision,
        )
    return sorted(rows.values(), key=lambda r: (r.kind != "region", r.name))


def members_on(day: date) -> list[MemberRow]:
    """The members on `day`: regions first, then municipalities, each by name."""
    return _rows(Membership.objects.filter(in_effect(day)))


def members_during(year: int) -> list[MemberRow]:
    """Every organisation that was a member on some day of `year` (the annual report's list)."""
    return _rows(Membership.objects.filter(in_effect(date(year, 1, 1), date(year, 12, 31))))


def count_members(rows: list[MemberRow]) -> MemberCount:
    regions = sum(1 for row in rows if row.kind == Organisation.Kind.REGION)
    return MemberCount(regions=regions, municipalities=len(rows) - regions)


def organisation_periods(organisation: Organisation) -> list[Membership]:
    return list(organisation.memberships.order_by("start_date"))


def ever_members():
    """Organisations that have been members at some time, for the public member pages."""
    return Organisation.objects.filter(memberships__isnull=False).distinct()
