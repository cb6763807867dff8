"""The compliance view for 311 members × 12 criteria × 20 years of records: goal < 200 ms, and a
number of queries that does not grow with the number of members.

    .venv/bin/python bench/compliance.py [--runs 7] [--year-runs 3] [--seed 1] [--regenerate]
                                         [--profile]

Uses its own database: DATABASE_URL, by default bench/compliance.sqlite3, never the developer's
db.sqlite3. As the script wipes tables, a SQLite file must be in bench/ or have "bench" in its
name, and a PostgreSQL database "bench" in its name (created if missing, e.g.
postgresql://postgres@127.0.0.1:5432/hcs_bench_compliance). Migrates it, loads the shipped
reference data (all 311 organisations), then fills it with a seeded, deterministic network for
2005–2024, bulk-inserted past the services (no audit trail; the database constraints still check
every row):

- every organisation a member from 2005-01-01 on (one open period, with its joining decision);
- 2 contact persons each, one political and one administrative, in successive terms with gaps
  now and then, and a few without a successor on the judging day;
- per year 12 criteria: contacts, fee_paid, annual_meeting, events (at least 3), follow_up_report
  and 7 assessed by the secretariat; assessments for about 55 % of member × staff criterion;
- per year an invoice per member (numbered in one series, OCR by `ocr_for`): most paid, some in
  two parts, some partly or not at all, a few credited in full by a credit note;
- per year 24 events (one annual meeting, 4 board meetings), and registrations from each member
  on a share of them that depends on how engaged the member is: 1–6 people, politicians and
  officials, confirmed / waiting list / cancelled, attendance True / False / not marked; plus
  external participants.

The data is reused when the database already holds exactly what the seed gives (--regenerate:
wipe and refill anyway). Then times compliance(2024, today=2025-06-01) for all 311 members, for
20 and for 1 (organisation_ids=...): median and best of --runs after a warm-up, and the queries
of one run (with this process's CPU time: on PostgreSQL it leaves out the server's work); times
all 20 years in a loop (median of --year-runs); then tells where the time goes: each query of the
311-member run alone (execute and fetch every row, no ORM), and the time in the verdict functions
of rules.py (wrapped for that measurement). --profile: a cProfile of one 311-member run.

Exits 1 if the 311-member median is 200 ms or more, or the number of queries differs between
311, 20 and 1 members.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_DATABASE_URL = f"sqlite:///{BENCH / 'compliance.sqlite3'}"
YEARS = range(2005, 2025)
YEAR = 2024
TODAY = date(2025, 6, 1)
MEMBER_SINCE = date(2005, 1, 1)
LAST_DAY = date(2024, 12, 31)
GOAL_MS = 200
SUBSET = 20
DAY = timedelta(days=1)
# Written into every criterion's description: marks the data as this script's, for this seed and
# this version of the generator (raise the version when the generator changes).
TAG = "bench/compliance.py, data version 2, seed {seed}"

AUTOMATIC_KEYS = [
    "contact_persons",
    "fee_paid",
    "annual_meeting",
    "network_events",
    "follow_up_report",
]
STAFF_KEYS = [
    "website",
    "local_work",
    "goals_and_strategies",
    "public_health_programme",
    "public_health_coordinator",
    "public_health_council",
    "cooperation",
]
# (kind, how many a year); 24 in all.
EVENTS_A_YEAR = [
    ("annual_meeting", 1),
    ("autumn_meeting", 1),
    ("annual_conference", 1),
    ("board_meeting", 4),
    ("webinar", 6),
    ("theme_group_meeting", 4),
    ("seminar", 3),
    ("workshop", 2),
    ("working_group_meeting", 1),
    ("international_meeting", 1),
]
AUDIENCES = {"board_meeting": "board", "webinar": "public"}  # The rest: members.
BOARD_SIZE = 8
POLITICIANS, OFFICIALS = 4, 6  # People per member who may register for events.
PEOPLE_SENT = ([1, 2, 3, 4, 5, 6], [5, 10, 20, 25, 20, 20])  # How many a member sends.
UNMARKED_YEAR = 2010  # The year whose annual meeting has no attendance marked.
EXTERNAL = ["Folkhälsomyndigheten", "SKR", "Länsstyrelsen", "Karolinska Institutet", "WHO Europe"]
PLACES = ["Stockholm", "Göteborg", "Malmö", "Örebro", "Umeå", "Jönköping"]
BOARDS = {False: "Kommunstyrelsen", True: "Regionstyrelsen"}  # By "is a region".
FEE_2024 = [Decimal(23_400), Decimal(41_000), Decimal(58_500)]
# The order of a planned registration's values.
REGISTRATION_FIELDS = (
    "event",
    "organisation_id",
    "organisation_name",
    "name",
    "email",
    "role",
    "status",
    "attended",
    "cancelled_at",
)


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcs.settings")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("SECRET_KEY", "bench-not-a-secret")
    postgres_database_ensure(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(str(connection.settings_dict["NAME"])).resolve()
        if path == ROOT / "db.sqlite3":
            raise SystemExit("Refusing to use the developer's db.sqlite3: set a DATABASE_URL.")
        # The script deletes memberships, invoices, events…: only in a database meant for it.
        if not (BENCH in path.parents or "bench" in path.name):
            raise SystemExit(f"Refusing to wipe {path}: not in bench/, no 'bench' in its name.")


def postgres_database_ensure(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    # The script deletes memberships, invoices, events…: only in a database meant for it.
    if "bench" not in name:
        raise SystemExit(f"Refusing to wipe the database {name!r}: no 'bench' in its name.")
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# Generating -----------------------------------------------------------------------------------


@dataclass
class Plan:
    """Every row to insert. Registrations are tuples (model instances for 200 000+ rows would
    take a few hundred MB); the rest are unsaved model instances that point at their parents."""

    memberships: list = field(default_factory=list)
    people: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    invoices: list = field(default_factory=list)
    credit_notes: list = field(default_factory=list)
    payments: list = field(default_factory=list)
    events: list = field(default_factory=list)
    registrations: list = field(default_factory=list)
    assessments: list = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "memberships": len(self.memberships),
            "contact persons": len(self.people),
            "contact roles": len(self.roles),
            "criteria": len(self.criteria),
            "invoices": len(self.invoices),
            "credit notes": len(self.credit_notes),
            "payments": len(self.payments),
            "events": len(self.events),
            "registrations": len(self.registrations),
            "assessments": len(self.assessments),
        }


def stored_counts() -> dict[str, int]:
    from hcs.contacts.models import ContactPerson, ContactRole
    from hcs.criteria.models import Assessment, Criterion
    from hcs.events.models import Event, Registration
    from hcs.invoices.models import Invoice, Payment
    from hcs.memberships.models import Membership

    return {
        "memberships": Membership.objects.count(),
        "contact persons": ContactPerson.objects.count(),
        "contact roles": ContactRole.objects.count(),
        "criteria": Criterion.objects.count(),
        "invoices": Invoice.objects.filter(kind=Invoice.Kind.INVOICE).count(),
        "credit notes": Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count(),
        "payments": Payment.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "assessments": Assessment.objects.count(),
    }


def role_terms(rng: random.Random) -> list[tuple[date, date | None]]:
    """Successive terms from 2005 on, now and then with a gap of 1–14 months between two."""
    terms = []
    start = MEMBER_SINCE + rng.choice([0, 0, 0, rng.randrange(1, 200)]) * DAY
    while True:
        end = start + rng.randrange(365, 6 * 365) * DAY
        if end >= LAST_DAY:
            # Most are in office on the judging day; a few left in 2024 with no successor yet.
            if rng.random() < 0.07:
                terms.append((start, max(start, LAST_DAY - rng.randrange(1, 300) * DAY)))
            else:
                terms.append((start, None))
            return terms
        terms.append((start, end))
        gap = rng.randrange(30, 420) if rng.random() < 0.25 else 0
        start = end + (1 + gap) * DAY


def plan_members(rng: random.Random, plan: Plan, organisations) -> None:
    from hcs.contacts.models import ContactPerson, ContactRole
    from hcs.demo.network_2024 import FIRST_NAMES, LAST_NAMES, PARTIES, TITLES
    from hcs.memberships.models import Membership

    for organisation in organisations:
        region = organisation.kind == "region"
        decided = MEMBER_SINCE - rng.randrange(14, 300) * DAY
        decided_by = "RS" if region else "KS"
        plan.memberships.append(
            Membership(
                organisation=organisation,
                start_date=MEMBER_SINCE,
                join_decision_body=BOARDS[region],
                join_decision_date=decided,
                join_decision_paragraph=f"§ {rng.randrange(1, 300)}",
                join_decision_registry_number=f"{decided_by}-2004/{rng.randrange(9999)}",
            )
        )
        for kind in ContactRole.Kind:
            political = kind == ContactRole.Kind.POLITICAL
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            person = ContactPerson(
                organisation=organisation,
                name=f"{first} {last}",
                email=f"{kind}.{organisation.code}@example.org",
                phone=f"070-17406{rng.randrange(5, 100):02d}",  # Reserved for fiction (PTS).
                title="" if political else rng.choice(TITLES),
                party=rng.choice(PARTIES) if political else "",
            )
            plan.people.append(person)
            plan.roles.extend(
                ContactRole(person=person, kind=kind, start_date=start, end_date=end)
                for start, end in role_terms(rng)
            )


def plan_criteria(plan: Plan, seed: int) -> dict[int, list]:
    """The 12 criteria of every year, by year."""
    from hcs.criteria.demo import CRITERIA_2024, CRITERIA_WHO
    from hcs.criteria.models import Criterion

    rows = {key: row for key, *row in [*CRITERIA_2024, *CRITERIA_WHO]}
    by_year = {}
    for year in YEARS:
        by_year[year] = []
        for position, key in enumerate([*AUTOMATIC_KEYS, *STAFF_KEYS], start=1):
            method, name, name_en, extra = rows[key]
            extra = {**extra, "threshold": 3} if method == Criterion.Method.EVENTS else extra
            criterion = Criterion(
                year=year,
                key=key,
                position=position,
                name=name,
                name_en=name_en,
                method=method,
                description=TAG.format(seed=seed),
                **extra,
            )
            by_year[year].append(criterion)
            plan.criteria.append(criterion)
    return by_year


def plan_invoices(rng: random.Random, plan: Plan, organisations) -> None:
    from hcs.invoices.models import Invoice, Payment
    from hcs.invoices.rules import ocr_for

    # A fee tier per member, indexed 2 % a year backwards from 2024's amounts.
    tiers = {
        o.id: FEE_2024[2] if o.kind == "region" else rng.choice(FEE_2024) for o in organisations
    }
    number = 0
    for year in YEARS:
        credit = []
        for organisation in organisations:
            number += 1
            indexed = float(tiers[organisation.id]) * 1.02 ** (year - YEAR)
            amount = Decimal(round(indexed / 100) * 100)
            issued = date(year, 2, 1) + rng.randrange(20) * DAY
            invoice = Invoice(
                number=number,
                ocr=ocr_for(number),
                organisation=organisation,
                year=year,
                description=f"Medlemsavgift Healthy Cities Sverige {year}",
                amount=amount,
                issue_date=issued,
                due_date=issued + 30 * DAY,
                buyer_name=organisation.name,
                buyer_org_number=organisation.org_number or "",
                buyer_reference=BOARDS[organisation.kind == "region"],
            )
            plan.invoices.append(invoice)
            outcome = rng.random()
            if outcome < 0.02:  # Credited in full: the fee criterion is left to a person.
                credit.append(invoice)
                continue
            if outcome < 0.10:  # Not paid: overdue.
                continue
            if outcome < 0.15:  # Half paid.
                parts = [(amount / 2).quantize(Decimal("0.01"))]
            elif outcome < 0.22:  # Paid in two parts.
                first = (amount * Decimal("0.4")).quantize(Decimal("0.01"))
                parts = [first, amount - first]
            else:
                parts = [amount]
            paid_on = invoice.due_date + rng.randrange(-25, 20) * DAY
            for part in parts:
                plan.payments.append(
                    Payment(
                        invoice=invoice,
                        amount=part,
                        paid_on=min(paid_on, TODAY),
                        source=Payment.Source.MANUAL,
                    )
                )
                paid_on += rng.randrange(10, 60) * DAY
        for invoice in credit:
            number += 1
            plan.credit_notes.append(
                Invoice(
                    number=number,
                    kind=Invoice.Kind.CREDIT_NOTE,
                    ocr=ocr_for(number),
                    organisation=invoice.organisation,
                    year=year,
                    description=f"Kredit av faktura {invoice.number}",
                    amount=invoice.amount,
                    issue_date=invoice.issue_date + 10 * DAY,
                    due_date=invoice.issue_date + 10 * DAY,
                    buyer_name=invoice.buyer_name,
                    buyer_org_number=invoice.buyer_org_number,
                    buyer_reference=invoice.buyer_reference,
                    credited_invoice=invoice,
                    reason="Medlemskapet var vilande under året.",
                )
            )


def event_day(rng: random.Random, year: int, kind: str) -> date:
    if kind == "annual_meeting":
        return date(year, 4, 10) + rng.randrange(35) * DAY
    if kind == "autumn_meeting":
        return date(year, 10, 1) + rng.randrange(30) * DAY
    return date(year, 1, 15) + rng.randrange(320) * DAY


def plan_events(rng: random.Random, plan: Plan, organisations) -> None:
    from django.utils import timezone

    from hcs.demo.network_2024 import FIRST_NAMES, LAST_NAMES
    from hcs.events.models import Event, Registration

    Role, State = Registration.Role, Registration.Status
    # Each member's people who go to events, and how engaged the member is (the share of events
    # it takes part in): a Beta distribution, so some hardly come and a few nearly always do.
    pools = {
        o.id: [
            (
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                f"deltagare{n}.{o.code}@example.org",
                Role.POLITICIAN if n < POLITICIANS else Role.OFFICIAL,
            )
            for n in range(POLITICIANS + OFFICIALS)
        ]
        for o in organisations
    }
    engagement = {o.id: rng.betavariate(1.2, 1.5) for o in organisations}

    def register(event, organisation_id, person, *, attended_share=0.8, unmarked=False):
        name, email, role = person
        drawn = rng.random()
        state = State.CONFIRMED if drawn < 0.9 else State.WAITLISTED if drawn < 0.94 else None
        cancelled = None
        if state is None:
            state, cancelled = State.CANCELLED, event.starts - rng.randrange(1, 20) * DAY
        attended = None
        if state == State.CONFIRMED and not unmarked:
            drawn = rng.random()
            attended = True if drawn < attended_share else False if drawn < 0.92 else None
        plan.registrations.append(
            (event, organisation_id, "", name, email, role, state, attended, cancelled)
        )

    for year in YEARS:
        board = rng.sample([o.id for o in organisations], BOARD_SIZE)
        for kind, how_many in EVENTS_A_YEAR:
            for n in range(how_many):
                starts = timezone.make_aware(
                    datetime.combine(event_day(rng, year, kind), clock(rng.choice([9, 10, 13])))
                )
                online = kind == "webinar"
                event = Event(
                    title=f"{Event.Kind(kind).label} {year}" + (f" ({n + 1})" if n else ""),
                    kind=kind,
                    audience=AUDIENCES.get(kind, "members"),
                    starts=starts,
                    ends=starts + (DAY if kind == "annual_conference" else timedelta(hours=3)),
                    place="" if online else rng.choice(PLACES),
                    online_url=f"https://example.org/webinar/{year}-{n + 1}" if online else "",
                    registration_deadline=None if online else starts - 7 * DAY,
                )
                plan.events.append(event)
                if kind == "board_meeting":
                    for organisation_id in board:
                        register(
                            event, organisation_id, pools[organisation_id][0], attended_share=0.9
                        )
                    continue
                annual = kind == "annual_meeting"
                for organisation in organisations:
                    pool = pools[organisation.id]
                    share = min(0.98, engagement[organisation.id] * rng.uniform(0.6, 1.3))
                    if rng.random() >= (max(share, 0.8) if annual else share):
                        continue
                    if not annual:
                        people = rng.sample(pool, rng.choices(*PEOPLE_SENT)[0])
                    elif rng.random() < 0.85:  # Most send a politician and an official.
                        politicians, officials = pool[:POLITICIANS], pool[POLITICIANS:]
                        people = [
                            rng.choice(politicians),
                            *rng.sample(officials, rng.randint(1, 2)),
                        ]
                    else:
                        people = [rng.choice(pool)]
                    for person in people:
                        register(
                            event,
                            organisation.id,
                            person,
                            attended_share=0.9 if annual else 0.8,
                            unmarked=annual and year == UNMARKED_YEAR,
                        )
                for m in range(rng.randrange(12)):
                    plan.registrations.append(
                        (
                            event,
                            None,
                            rng.choice(EXTERNAL),
                            f"Gäst {m + 1}",
                            f"gast{m + 1}.{year}.{len(plan.events)}@example.org",
                            Role.EXTERNAL,
                            State.CONFIRMED,
                            rng.random() < 0.8,
                            None,
                        )
                    )


def plan_assessments(rng: random.Random, plan: Plan, organisations, criteria) -> None:
    from hcs.criteria.models import Assessment, Criterion, Status

    for year in YEARS:
        for criterion in criteria[year]:
            if criterion.method != Criterion.Method.STAFF:
                continue
            for organisation in organisations:
                if rng.random() >= 0.55:
                    continue
                met = rng.random() < 0.85
                url = ""
                if criterion.evidence_url_required or rng.random() < 0.3:
                    url = f"https://www.example.org/{organisation.code}/{criterion.key}"
                plan.assessments.append(
                    Assessment(
                        criterion=criterion,
                        organisation=organisation,
                        status=Status.MET if met else Status.NOT_MET,
                        evidence_url=url,
                        note=rng.choice(
                            ["", "", "Enligt verksamhetsberättelsen.", "Se protokoll."]
                        ),
                        assessed_on=date(year, 10, 1) + rng.randrange(80) * DAY,
                    )
                )


def plan_all(seed: int, organisations) -> Plan:
    rng = random.Random(seed)
    plan = Plan()
    plan_members(rng, plan, organisations)
    criteria = plan_criteria(plan, seed)
    plan_invoices(rng, plan, organisations)
    plan_events(rng, plan, organisations)
    plan_assessments(rng, plan, organisations, criteria)
    return plan


def wipe() -> None:
    from hcs.contacts.models import ContactPerson
    from hcs.criteria.models import Assessment, Criterion, Reminder
    from hcs.events.models import Event, Registration
    from hcs.invoices.models import Invoice, Payment
    from hcs.memberships.models import Membership

    # Children before parents: payments and credit notes protect the invoices they point at.
    for queryset in [
        Assessment.objects.all(),
        Reminder.objects.all(),
        Criterion.objects.all(),
        Registration.objects.all(),
        Event.objects.all(),
        Payment.objects.all(),
        Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE),
        Invoice.objects.all(),
        ContactPerson.objects.all(),
        Membership.objects.all(),
    ]:
        queryset.delete()


def fill(plan: Plan) -> None:
    from hcs.contacts.models import ContactPerson, ContactRole
    from hcs.criteria.models import Assessment, Criterion
    from hcs.events.models import Event, Registration
    from hcs.invoices.models import Invoice, InvoiceSeries, Payment
    from hcs.invoices.services import SERIES
    from hcs.memberships.models import Membership

    batch = 2000
    Membership.objects.bulk_create(plan.memberships, batch_size=batch)
    # Parents first: bulk_create sets their ids, which the children's foreign keys then take.
    ContactPerson.objects.bulk_create(plan.people, batch_size=batch)
    ContactRole.objects.bulk_create(plan.roles, batch_size=batch)
    Criterion.objects.bulk_create(plan.criteria, batch_size=batch)
    Invoice.objects.bulk_create(plan.invoices, batch_size=batch)
    Invoice.objects.bulk_create(plan.credit_notes, batch_size=batch)
    Payment.objects.bulk_create(plan.payments, batch_size=batch)
    numbers = len(plan.invoices) + len(plan.credit_notes)
    InvoiceSeries.objects.update_or_create(name=SERIES, defaults={"next_number": numbers + 1})
    Event.objects.bulk_create(plan.events, batch_size=batch)
    chunk = 20 * batch  # Model instances for a chunk at a time, not for all at once.
    for start in range(0, len(plan.registrations), chunk):
        Registration.objects.bulk_create(
            [
                Registration(**dict(zip(REGISTRATION_FIELDS, row, strict=True)))
                for row in plan.registrations[start : start + chunk]
            ],
            batch_size=batch,
        )
    Assessment.objects.bulk_create(plan.assessments, batch_size=batch)


def prepare(seed: int, regenerate: bool) -> tuple[dict[str, int], str]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from hcs.criteria.models import Criterion
    from hcs.organisations.models import Organisation
    from hcs.organisations.reference import read_shipped_reference_data
    from hcs.organisations.services import reference_data_load

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load(rows=read_shipped_reference_data())
    organisations = list(Organisation.objects.order_by("code"))
    plan = plan_all(seed, organisations)
    counts = plan.counts()
    ours = Criterion.objects.filter(description=TAG.format(seed=seed)).count()
    if not regenerate and ours == counts["criteria"] and stored_counts() == counts:
        return counts, f"reused (planned in {time.perf_counter() - began:.1f} s)"
    with transaction.atomic():
        wipe()
        fill(plan)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # Fresh statistics for the planner, as after a real load.
    return counts, f"generated in {time.perf_counter() - began:.1f} s"


# Measuring ------------------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    members: int
    cells: int
    queries: list[dict]
    times: list[float]
    cpu_times: list[float]  # This process's CPU: on PostgreSQL without the server's share.

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu_times) * 1000

    @property
    def best_ms(self) -> float:
        return min(self.times) * 1000


def measure(label: str, runs: int, organisation_ids=None) -> Measurement:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hcs.criteria.queries import compliance

    def run():
        return compliance(YEAR, today=TODAY, organisation_ids=organisation_ids)

    run()  # Warm-up: connection, translations, statement caches.
    with CaptureQueriesContext(connection) as captured:
        table = run()
    times, cpu_times = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - began)
        cpu_times.append(time.process_time() - began_cpu)
    cells = sum(len(row.cells) for row in table.rows)
    return Measurement(label, len(table.rows), cells, captured.captured_queries, times, cpu_times)


def measure_years(runs: int) -> tuple[list[float], list[int], int]:
    """All 20 years in a loop: the loop's time per run, the queries per year, and the rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hcs.criteria.queries import compliance

    queries = []
    for year in YEARS:
        with CaptureQueriesContext(connection) as captured:
            compliance(year, today=TODAY)
        queries.append(len(captured.captured_queries))
    loops, rows = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        rows = sum(len(compliance(year, today=TODAY).rows) for year in YEARS)
        loops.append(time.perf_counter() - began)
    return loops, queries, rows


def sql_alone(queries: list[dict], repeat: int = 5) -> list[tuple[str, int, float]]:
    """Each captured query run again on its own, every row fetched, no ORM: (what, rows, ms).

    The captured SQL has its parameters inlined; CaptureQueriesContext's own times leave out
    the fetching on SQLite, whose cursor fetches row by row after execute()."""
    from django.db import connection

    results = []
    for query in queries:
        sql = query["sql"]
        tables = re.findall(r'FROM "(\w+)"', sql)
        what = tables[0] if tables else sql[:30]
        if "COUNT(DISTINCT" in sql:
            what += ", events attended"
        elif what == "events_registration":
            what += ", annual meeting"
        times, rows = [], 0
        with connection.cursor() as cursor:
            for _ in range(repeat):
                began = time.perf_counter()
                cursor.execute(sql)
                rows = len(cursor.fetchall())
                times.append(time.perf_counter() - began)
        results.append((what, rows, statistics.median(times) * 1000))
    return results


def time_in_rules(runs: int) -> tuple[float, float, float, int]:
    """Medians over `runs` 311-member runs: the whole run, the time in the verdict functions of
    rules.py, and in the format_date they call; and the number of those calls. Wraps them for
    this measurement only (queries.py calls them through the module, rules.py calls its imported
    format_date). The same runs give the whole and the parts, as the machine's load varies."""
    from hcs.criteria import rules
    from hcs.criteria.queries import compliance

    spent = {"rules": 0.0, "format_date": 0.0}
    calls = 0

    def timed(function, bucket):
        def wrapper(*args, **kwargs):
            nonlocal calls
            calls += bucket == "format_date"
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[bucket] += time.perf_counter() - began

        return wrapper

    names = [name for name in vars(rules) if name.endswith("_verdict")]
    originals = {name: getattr(rules, name) for name in [*names, "format_date"]}
    for name, function in originals.items():
        setattr(rules, name, timed(function, "format_date" if name == "format_date" else "rules"))
    whole, in_rules, in_format_date = [], [], []
    try:
        for _ in range(runs):
            spent.update(rules=0.0, format_date=0.0)
            calls = 0
            began = time.perf_counter()
            compliance(YEAR, today=TODAY)
            whole.append(time.perf_counter() - began)
            in_rules.append(spent["rules"])
            in_format_date.append(spent["format_date"])
    finally:
        for name, function in originals.items():
            setattr(rules, name, function)
    return (
        statistics.median(whole),
        statistics.median(in_rules),
        statistics.median(in_format_date),
        calls,
    )


def verdict_totals() -> list[tuple[str, dict[str, int]]]:
    from hcs.criteria.queries import compliance

    table = compliance(YEAR, today=TODAY)
    return [(c.key, t) for c, t in zip(table.criteria, table.totals(), strict=True)]


def profile() -> None:
    import cProfile
    import pstats

    from hcs.criteria.queries import compliance

    profiler = cProfile.Profile()
    profiler.runcall(compliance, YEAR, today=TODAY)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    major, minor = divmod(connection.pg_version, 10000)
    return f"PostgreSQL {major}.{minor}"


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year-runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regenerate", action="store_true", help="wipe and refill in any case")
    parser.add_argument("--profile", action="store_true", help="cProfile one 311-member run")
    args = parser.parse_args()
    setup()
    import django

    from hcs.criteria.queries import compliance

    print(
        f"{database_version()}, Python {sys.version.split()[0]}, Django {django.get_version()}, "
        f"{os.cpu_count()} cores; load average {load()}"
    )
    counts, how = prepare(args.seed, args.regenerate)
    print(
        f"data {how}: " + ", ".join(f"{n:,} {what}".replace(",", " ") for what, n in counts.items())
    )

    ids = [row.organisation_id for row in compliance(YEAR, today=TODAY).rows]
    print(f"load average before measuring: {load()}")
    measurements = [
        measure(f"{YEAR}, all members", args.runs),
        measure(f"{YEAR}, {SUBSET} members", args.runs, ids[:SUBSET]),
        measure(f"{YEAR}, 1 member", args.runs, ids[len(ids) // 2 : len(ids) // 2 + 1]),
    ]
    loops, year_queries, year_rows = measure_years(args.year_runs)
    whole = measurements[0]
    alone = sql_alone(whole.queries)
    split = time_in_rules(args.runs)
    split_ms, rules_ms, format_date_ms = (seconds * 1000 for seconds in split[:3])

    print(f"\ncompliance({YEAR}, today={TODAY}): median and best of {args.runs} runs (wall clock)")
    print(f"| {'scope':<26} | members |  cells | queries | median ms | best ms | CPU ms |")
    print(f"|{'-' * 28}|--------:|-------:|--------:|----------:|--------:|-------:|")
    for m in measurements:
        print(
            f"| {m.label:<26} | {m.members:>7} | {m.cells:>6} | {len(m.queries):>7} "
            f"| {m.median_ms:>9.1f} | {m.best_ms:>7.1f} | {m.cpu_ms:>6.1f} |"
        )
    loop_ms = statistics.median(loops) * 1000
    print(
        f"| {f'{YEARS.start}–{YEARS.stop - 1} in a loop':<26} | {year_rows:>7} "
        f"| {year_rows * 12:>6} | {sum(year_queries):>7} | {loop_ms:>9.1f} "
        f"| {min(loops) * 1000:>7.1f} | {'':>6} |"
    )
    print(
        f"  CPU: this process's median (on PostgreSQL the server's work is not in it); the loop: "
        f"{loop_ms / len(YEARS):.1f} ms a year (median of {args.year_runs}), "
        f"{min(year_queries)}–{max(year_queries)} queries a year"
    )

    print(f"\nwhere the time of a 311-member run goes (median of {args.runs} more runs):")
    print("  SQL, each query of the run alone (median of 5, every row fetched, no ORM):")
    for n, (what, rows, ms) in enumerate(alone, start=1):
        print(f"    {n}. {what:<40} {rows:>6} rows {ms:>7.2f} ms")
    sql_ms = sum(ms for _what, _rows, ms in alone)
    parts = [
        ("the whole run", split_ms),
        ("SQL in all (the queries alone, above)", sql_ms),
        ("the verdict functions (rules.py)", rules_ms),
        (f"  of which format_date ({split[3]} calls)", format_date_ms),
        ("the rest: ORM (rows to objects), dicts, cells", split_ms - sql_ms - rules_ms),
    ]
    for what, ms in parts:
        print(f"  {what:<46} {ms:>7.1f} ms")

    print(f"\nverdicts {YEAR} (met / not met / not assessed):")
    for key, totals in verdict_totals():
        print(
            f"  {key:<28} "
            + " / ".join(f"{totals[s]:>3}" for s in ("met", "not_met", "not_assessed"))
        )
    if args.profile:
        profile()

    print(f"\nload average after: {load()}")
    fast = whole.median_ms < GOAL_MS
    constant = len({len(m.queries) for m in measurements}) == 1
    print(
        f"goal median < {GOAL_MS} ms for all {whole.members} members: {'met' if fast else 'MISSED'}"
    )
    counts = "/".join(str(len(m.queries)) for m in measurements)
    print(f"goal the same number of queries for 311, {SUBSET} and 1 member ({counts}): ", end="")
    print("met" if constant else "MISSED")
    sys.exit(0 if fast and constant else 1)


if __name__ == "__main__":
    main()
