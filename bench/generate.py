"""Build a large registry for the benchmark: all 311 organisations, 1995–2025, 20 000 contacts.

    .venv/bin/python bench/generate.py [--open 20] [--contacts 20000] [--seed 1]

The database is DATABASE_URL's, by default bench/bench.sqlite3 (never the developer's
db.sqlite3). Memberships and contact persons already there are replaced; the result depends only
on the options. Rows are bulk-inserted past the services (no audit trail): this is test data, not
a user write path, but every model and database constraint holds.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_DATABASE_URL = f"sqlite:///{BENCH / 'bench.sqlite3'}"
FIRST, LAST = date(1995, 1, 1), date(2025, 12, 31)
DAY = timedelta(days=1)


def closed_periods(rng: random.Random, first: date, last: date) -> list[tuple[date, date]]:
    """Periods of 1–8 years with gaps of 3 months to 5 years between them, all in first..last."""
    periods = []
    start = first + rng.randrange(3 * 365) * DAY
    while (end := start + rng.randrange(365, 8 * 365) * DAY) <= last:
        periods.append((start, end))
        start = end + rng.randrange(90, 5 * 365) * DAY
    return periods


def history(rng: random.Random, is_open: bool) -> list[tuple[date, date | None]]:
    if not is_open:
        return closed_periods(rng, FIRST, LAST)
    since = LAST - rng.randrange(10 * 365) * DAY
    return [*closed_periods(rng, FIRST, since - 30 * DAY), (since, None)]


def membership(rng, organisation, start, end):
    from hcs.lib.dates import DatePrecision
    from hcs.memberships.models import Membership

    region = organisation.kind == "region"
    m = Membership(organisation=organisation, start_date=start, end_date=end)
    if start.year < 2005:  # Older sources give rough dates and no decisions.
        m.start_precision = rng.choice([p for p in DatePrecision if p != DatePrecision.DAY])
        return m
    decided = start - rng.randrange(14, 200) * DAY
    m.join_decision_body = "Regionstyrelsen" if region else "Kommunstyrelsen"
    m.join_decision_date = decided
    m.join_decision_paragraph = f"§ {rng.randrange(1, 300)}"
    m.join_decision_registry_number = (
        f"{'RS' if region else 'KS'}-{decided.year}/{rng.randrange(9999)}"
    )
    if end:
        m.exit_decision_body = m.join_decision_body
        m.exit_decision_date = max(start, end - rng.randrange(30, 200) * DAY)
        m.exit_decision_paragraph = f"§ {rng.randrange(1, 300)}"
    return m


def contacts(rng, organisations, open_codes, total):
    """`total` people, each in one role; per organisation and kind a chain of successive roles."""
    from hcs.contacts.models import ContactPerson, ContactRole
    from hcs.demo.network_2024 import FIRST_NAMES, LAST_NAMES, PARTIES, TITLES

    slots = [(o, kind) for o in organisations for kind in ContactRole.Kind]
    people, roles = [], []
    for index, (organisation, kind) in enumerate(slots):
        count = total // len(slots) + (index < total % len(slots))
        if not count:
            continue
        days = [0, *sorted(rng.sample(range(1, (LAST - FIRST).days), count - 1))]
        political = kind == ContactRole.Kind.POLITICAL
        current = LAST if organisation.code not in open_codes else None  # The last one's end.
        for start, after in zip(days, [*days[1:], None], strict=True):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            end = current if after is None else FIRST + (after - 1) * DAY
            roles.append((len(people), kind, FIRST + start * DAY, end))
            people.append(
                ContactPerson(
                    organisation=organisation,
                    name=f"{first} {last}",
                    email=f"{first}.{last}.{len(people)}@example.org".lower().replace("ö", "o"),
                    phone=f"070-17406{rng.randrange(5, 100):02d}",  # Reserved for fiction (PTS).
                    title="" if political else rng.choice(TITLES),
                    party=rng.choice(PARTIES) if political else "",
                )
            )
    people = ContactPerson.objects.bulk_create(people, batch_size=2000)
    ContactRole.objects.bulk_create(
        [ContactRole(person=people[n], kind=k, start_date=s, end_date=e) for n, k, s, e in roles],
        batch_size=2000,
    )
    return len(people), len(roles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=20, help="members today (default 20)")
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcs.settings")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("SECRET_KEY", "bench-not-a-secret")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from hcs.contacts.models import ContactPerson
    from hcs.memberships.models import Membership
    from hcs.memberships.queries import members_on
    from hcs.organisations.models import Organisation
    from hcs.organisations.reference import read_shipped_reference_data
    from hcs.organisations.services import reference_data_load

    if Path(str(connection.settings_dict["NAME"])).resolve() == ROOT / "db.sqlite3":
        raise SystemExit("Refusing to fill the developer's db.sqlite3: set another DATABASE_URL.")
    began = time.monotonic()
    call_command("migrate", verbosity=0)
    reference_data_load(rows=read_shipped_reference_data())
    rng = random.Random(args.seed)
    organisations = list(Organisation.objects.order_by("code"))
    open_codes = {o.code for o in rng.sample(organisations, min(args.open, len(organisations)))}
    with transaction.atomic():
        Membership.objects.all().delete()
        ContactPerson.objects.all().delete()
        memberships = [
            membership(rng, o, start, end)
            for o in organisations
            for start, end in history(rng, o.code in open_codes)
        ]
        Membership.objects.bulk_create(memberships, batch_size=2000)
        people, roles = contacts(rng, organisations, open_codes, args.contacts)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    today = len(members_on(timezone.localdate()))
    print(
        f"{connection.vendor}: {len(organisations)} organisations, {len(memberships)} memberships, "
        f"{today} members today, {people} contact persons, {roles} roles "
        f"in {time.monotonic() - began:.1f} s"
    )


if __name__ == "__main__":
    main()
