"""Platskompassen at scale: 1 000 000 answers over 1 000 places; a 100 000-answer round's results,
submissions per second, and a worker's memory while it streams that round's CSV.

    .venv/bin/python bench/platskompassen.py [--runs 11] [--seed 1] [--regenerate]
        [--duration 10] [--warmup 3] [--rounds 3] [--connections 8] [--workers 2]
        [--csv-runs 3] [--skip-http] [--skip-results]

Works in its own PostgreSQL database: DATABASE_URL, by default
postgresql://postgres@127.0.0.1:5432/hcs_bench_platskompassen (it must have "bench" in its name;
created if missing). Migrates it, loads the shipped reference data and fills it, seeded and
deterministic, past the services: 1 000 places in municipalities, one round each on the
core tool (14 themes), 1 000 000 responses of which exactly 100 000 in one round (slug
"bench-100k", results published) and the rest spread unevenly over the other 999; each theme
answered about 85 % of the time, scores skewed per place and theme, background answers on a
share, short comments on a few; a few group sessions' agreed scores. Responses, scores and
comments go in by COPY with the secondary indexes dropped and rebuilt and the foreign-key
triggers off, then a check of every reference and VACUUM ANALYZE. A later run reuses the data
when the tag and the counts match (--regenerate: refill anyway).

Then: queries.round_results for the big round (median/best of --runs, the queries of one run)
against the same aggregation as one raw SQL statement, and with a background group; EXPLAIN
ANALYZE of the main query. Then gunicorn (-w 2, production settings, the survey's rate limit
raised) serves: the streamed CSV of the big round, downloaded while the workers' RSS is sampled
(/proc), and again from workers given an empty stand-in for WeasyPrint (what importing it only
for PDFs would give); and wrk POSTs answers to the public JSON API against /healthz, after which
the stored responses must have grown by exactly the number of 201s. Prints a summary; exits 1
if a goal is missed: results < 200 ms and within 1.5x of the raw SQL, >= 200 submissions/s, the
CSV worker's peak RSS < 100 MB.
"""

import argparse
import bisect
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from statistics import NormalDist
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"  # Git-ignored: gunicorn's log goes here.
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/hcs_bench_platskompassen"
# Written into every generated place's description: marks the data as this script's, for this
# seed and this version of the generator (raise the version when the generator changes).
TAG = "bench/platskompassen.py, data version 1, seed {seed}"
PLACES = 1000
RESPONSES = 1_000_000
BIG = 100_000
BIG_SLUG = "bench-100k"
HTTP_PLACE = "bench/platskompassen.py: HTTP submissions"  # Untagged: not part of the data set.
RESULTS_GOAL_MS, RAW_RATIO_GOAL = 200, 1.5
SUBMISSIONS_GOAL, CSV_RSS_GOAL_MB = 200, 100
ANSWERED = [(0.70, 0.95), (0.90, 0.75), (1.00, 0.45)]  # (cumulative share, answer rate): ~0.86
COMMENT_SHARE = 0.08
QUESTIONS = ("age_band", "gender", "relation", "area")  # Round.BACKGROUND_QUESTIONS
BACKGROUND_SHARE = 0.75  # Of the asked background questions, answered this often.
AGE_BANDS = (["u18", "18_29", "30_44", "45_64", "65_79", "80plus"], [4, 16, 26, 30, 18, 6])
GENDERS = (["woman", "man", "other"], [52, 45, 3])
RELATIONS = (["live", "work", "study", "visit"], [62, 14, 6, 18])
AREAS = ["Centrum", "Norr", "Söder", "Öster", "Väster", "Hamnen", "Gamla stan", "Stationen"]
NEIGHBOURHOODS = [
    "Centrum",
    "Stationsområdet",
    "Norra hamnen",
    "Södermalm",
    "Östra stranden",
    "Västra industriområdet",
    "Torget",
    "Parkstaden",
    "Bruksorten",
    "Kyrkbyn",
    "Skogsbacken",
    "Ängen",
    "Sjöstaden",
    "Gamla staden",
    "Nya området",
]
GOOD = [
    "Fina grönområden nära bostaden.",
    "Bra busskommunikationer.",
    "Trevliga grannar.",
    "Lekplatsen är välskött.",
    "Nära till affärer och service.",
    "Lugnt och tryggt på dagtid.",
    "Cykelvägen till centrum är bra.",
    "Biblioteket är en fin mötesplats.",
    "Vacker utsikt över vattnet.",
    "Bra skolor.",
]
BETTER = [
    "Mer belysning på gångvägarna.",
    "Bussarna går för sällan på kvällen.",
    "Bilarna kör för fort.",
    "Fler bänkar och platser att vila.",
    "Nedskräpat vid återvinningen.",
    "Saknar mötesplatser för unga.",
    "Otryggt vid tunneln på kvällen.",
    "Trasiga gatstenar, svårt med rullator.",
    "Fler bostäder som unga har råd med.",
    "Lyssna mer på oss som bor här.",
]


def load() -> str:
    return " / ".join(f"{figure:.2f}" for figure in os.getloadavg())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def mb(kilobytes: int) -> float:
    return kilobytes / 1024


# Setup ----------------------------------------------------------------------------------------


def setup() -> str:
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcs.settings")
    os.environ.setdefault("SECRET_KEY", "bench-not-a-secret")
    postgres_database_ensure(url)
    import django

    django.setup()
    return url


def postgres_database_ensure(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("PostgreSQL only: the data goes in by COPY.")
    name = parts.path.lstrip("/")
    # The script truncates Platskompassen's tables: only in a database meant for it.
    if "bench" not in name:
        raise SystemExit(f"Refusing to wipe the database {name!r}: no 'bench' in its name.")
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# Generating -----------------------------------------------------------------------------------


@dataclass
class RoundPlan:
    number: int
    slug: str
    organisation_id: int
    place_name: str
    opens: date
    closes: date
    questions: list[str]
    responses: int  # all kinds
    group_responses: int
    quality: float  # the place's overall level on the 1–7 scale
    offsets: list[float]  # per theme, around the place's level
    publish: bool
    id: int | None = None


def allocate(total: int, weights: list[float], minimum: int) -> list[int]:
    """`total` split in proportion to `weights`, each at least `minimum`, summing exactly."""
    spare = total - minimum * len(weights)
    shares = [w / sum(weights) * spare for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in by_remainder[: spare - sum(counts)]:
        counts[i] += 1
    return [minimum + c for c in counts]


def plan_rounds(seed: int, municipalities: list) -> list[RoundPlan]:
    rng = random.Random(seed)
    # Lognormal sizes: most rounds get a few hundred answers, some a few thousand.
    others = allocate(RESPONSES - BIG, [rng.lognormvariate(0, 1.1) for _ in range(PLACES - 1)], 5)
    sizes = [BIG, *others]
    plans = []
    for number, size in enumerate(sizes):
        municipality = rng.choice(municipalities)
        opens = date(2024, 1, 8) + timedelta(days=rng.randrange(900))
        big = number == 0
        if big:
            questions = list(QUESTIONS)
        elif rng.random() < 0.6:  # Most rounds ask some background questions, big ones all.
            questions = [q for q in QUESTIONS if rng.random() < 0.6]
        else:
            questions = []
        plans.append(
            RoundPlan(
                number=number,
                slug=BIG_SLUG if big else f"bench-{number:04d}",
                organisation_id=municipality.pk,
                place_name=f"{rng.choice(NEIGHBOURHOODS)}, {municipality.name}",
                opens=opens,
                closes=opens + timedelta(days=rng.randrange(28, 120)),
                questions=questions,
                responses=size,
                group_responses=0 if big or number % 40 else min(size, rng.randint(1, 3)),
                quality=rng.gauss(4.2, 0.7),
                offsets=[rng.gauss(0, 0.8) for _ in range(14)],
                publish=big or rng.random() < 0.3,
            )
        )
    return plans


def score_tables(plan: RoundPlan) -> list[list[list[float]]]:
    """Per theme, per respondent mood (harsh, neutral, kind): cumulative probabilities of scores
    1..6, from a normal distribution around the theme's level cut into the 7 steps."""
    tables = []
    for offset in plan.offsets:
        level = min(6.4, max(1.6, plan.quality + offset))
        moods = []
        for mood in (-0.8, 0.0, 0.8):
            curve = NormalDist(level + mood, 1.2)
            moods.append([curve.cdf(score + 0.5) for score in range(1, 7)])
        tables.append(moods)
    return tables


def cumulative(weights: list[int]) -> list[float]:
    total, running, out = sum(weights), 0, []
    for weight in weights[:-1]:
        running += weight
        out.append(running / total)
    return out


@dataclass
class Buffers:
    """COPY text for the three tables, and the next id of each."""

    response_id: int = 1
    score_id: int = 1
    comment_id: int = 1
    responses: list[str] = field(default_factory=list)
    scores: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    totals: dict = field(default_factory=lambda: {"responses": 0, "scores": 0, "comments": 0})


def round_rows(plan: RoundPlan, theme_ids: list[int], seed: int, out: Buffers, flush) -> None:
    """Append one round's responses, scores and comments to `out`; `flush` empties it now and
    then so that the big round does not sit in memory whole."""
    rng = random.Random(seed * 1_000_003 + plan.number)  # Rounds independent of each other.
    r = rng.random
    tables = score_tables(plan)
    themes = list(zip(theme_ids, tables, strict=True))
    days = (plan.closes - plan.opens).days
    background = [
        (q, *((AGE_BANDS, GENDERS, RELATIONS)[i] if q != "area" else (AREAS, [1] * len(AREAS))))
        for i, q in enumerate(QUESTIONS)
        if q in plan.questions
    ]
    background = [(q, values, cumulative(weights)) for q, values, weights in background]
    areas = rng.sample(AREAS, 4)  # A place has a few areas of its own.
    for n in range(plan.responses):
        group = n < plan.group_responses
        kind = "group" if group else "individual"
        rid = out.response_id
        out.response_id += 1
        day = plan.opens + timedelta(days=int(days * r() * r()))  # Most answer early on.
        answers = {"age_band": "", "gender": "", "relation": "", "area": ""}
        if not group:
            for question, values, cum in background:
                if r() < BACKGROUND_SHARE:
                    if question == "area":
                        answers[question] = areas[int(r() * len(areas))]
                    else:
                        answers[question] = values[bisect.bisect(cum, r())]
        out.responses.append(
            f"{rid}\t{plan.id}\t{kind}\t{day.isoformat()}\t{answers['age_band']}\t"
            f"{answers['gender']}\t{answers['relation']}\t{answers['area']}\t\\N\n"
        )
        drawn = r()
        rate = 1.0 if group else next(rate for share, rate in ANSWERED if drawn < share)
        mood = 1 if group else bisect.bisect((0.25, 0.75), r())
        answered = []
        for theme_id, moods in themes:
            if r() < rate:
                value = bisect.bisect(moods[mood], r()) + 1
                out.scores.append(
                    f"{out.score_id}\t{plan.id}\t{kind}\t{rid}\t{theme_id}\t{value}\n"
                )
                out.score_id += 1
                answered.append(theme_id)
        if not group and r() < COMMENT_SHARE:
            pool = answered or theme_ids
            chosen = rng.sample(pool, 1 if r() < 0.7 or len(pool) < 2 else 2)
            for theme_id in chosen:
                good = GOOD[int(r() * len(GOOD))] if r() < 0.6 else ""
                better = BETTER[int(r() * len(BETTER))] if not good or r() < 0.6 else ""
                out.comments.append(
                    f"{out.comment_id}\t{plan.id}\t{rid}\t{theme_id}\t{good}\t{better}\n"
                )
                out.comment_id += 1
        if len(out.responses) >= 20_000:
            flush()


def copy_buffers(cursor, out: Buffers) -> None:
    from hcs.platskompassen.models import Comment, Response, Score

    for model, columns, rows, key in [
        (
            Response,
            "id, round_id, kind, submitted_on, age_band, gender, relation, area, entered_by_id",
            out.responses,
            "responses",
        ),
        (Score, "id, round_id, kind, response_id, theme_id, value", out.scores, "scores"),
        (Comment, "id, round_id, response_id, theme_id, good, better", out.comments, "comments"),
    ]:
        if not rows:
            continue
        with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            copy.write("".join(rows))
        out.totals[key] += len(rows)
        rows.clear()


def secondary_indexes(cursor, table: str) -> list[tuple[str, str, str | None, str | None]]:
    """(index, its definition, the unique constraint it backs, that constraint's definition)
    for every index of `table` but the primary key."""
    cursor.execute(
        """
        SELECT ci.relname, pg_get_indexdef(i.indexrelid), con.conname,
               pg_get_constraintdef(con.oid)
        FROM pg_index i
        JOIN pg_class ci ON ci.oid = i.indexrelid
        LEFT JOIN pg_constraint con
          ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype = 'u'
        WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
        ORDER BY ci.relname
        """,
        [table],
    )
    return cursor.fetchall()


def wipe(cursor) -> None:
    from hcs.platskompassen.models import Comment, Place, Response, Round, Score

    tables = ", ".join(m._meta.db_table for m in (Comment, Score, Response, Round, Place))
    cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def tagged_counts(tag: str) -> dict[str, int]:
    from hcs.platskompassen.models import Comment, Response, Score

    ours = {"round__place__description": tag}
    return {
        "responses": Response.objects.filter(**ours).count(),
        "scores": Score.objects.filter(**ours).count(),
        "comments": Comment.objects.filter(**ours).count(),
        "big round": Response.objects.filter(round__slug=BIG_SLUG, **ours).count(),
    }


def manifest(counts: dict[str, int], tag: str) -> str:
    return f"{tag}: " + ", ".join(f"{n} {what}" for what, n in counts.items())


def prepare(seed: int, regenerate: bool) -> tuple[dict[str, int], str]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from hcs.organisations.models import Organisation
    from hcs.organisations.reference import read_shipped_reference_data
    from hcs.organisations.services import reference_data_load
    from hcs.platskompassen.models import Comment, Place, Response, Round, Score, ToolVersion

    tag = TAG.format(seed=seed)
    call_command("migrate", verbosity=0)
    big = Round.objects.filter(slug=BIG_SLUG, place__description=tag).first()
    if not regenerate and big is not None:
        counts = tagged_counts(tag)
        # The big round's introduction holds the counts written when the data was complete.
        if big.introduction == manifest(counts, tag) and counts["responses"] == RESPONSES:
            return counts, "reused"

    began = time.perf_counter()
    reference_data_load(rows=read_shipped_reference_data())
    municipalities = list(Organisation.objects.filter(kind="municipality").order_by("code"))
    tool = ToolVersion.objects.get(key="core-2015")
    theme_ids = list(tool.themes.order_by("position").values_list("id", flat=True))
    plans = plan_rounds(seed, municipalities)
    out = Buffers()
    timings = {}
    with transaction.atomic(), connection.cursor() as cursor:
        wipe(cursor)
        places = Place.objects.bulk_create(
            Place(
                organisation_id=p.organisation_id,
                municipality_id=p.organisation_id,
                name=p.place_name,
                description=tag,
            )
            for p in plans
        )
        rounds = Round.objects.bulk_create(
            Round(
                place=place,
                slug=p.slug,
                title=f"Platskompassen {p.opens.year}",
                opens=p.opens,
                closes=p.closes,
                tool=tool,
                publish_results=p.publish,
                background_questions=p.questions,
            )
            for p, place in zip(plans, places, strict=True)
        )
        for p, round_ in zip(plans, rounds, strict=True):
            p.id = round_.pk
        # Bulk load as after a restore: the secondary indexes are built once at the end rather
        # than row by row, and the foreign keys are checked once (below) rather than per row.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        dropped = []
        for model in (Response, Score, Comment):
            table = model._meta.db_table
            for index, definition, constraint, constraint_definition in secondary_indexes(
                cursor, table
            ):
                if constraint:
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
                    dropped.append(
                        f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {constraint_definition}'
                    )
                else:
                    cursor.execute(f'DROP INDEX "{index}"')
                    dropped.append(definition)
        copy_began = time.perf_counter()
        for p in plans:
            round_rows(p, theme_ids, seed, out, lambda: copy_buffers(cursor, out))
        copy_buffers(cursor, out)
        timings["generate + COPY"] = time.perf_counter() - copy_began
        index_began = time.perf_counter()
        for statement in dropped:
            cursor.execute(statement)
        timings[f"{len(dropped)} indexes"] = time.perf_counter() - index_began
        cursor.execute("SET LOCAL session_replication_role = origin")
        check_began = time.perf_counter()
        problems = references_check(cursor, theme_ids)
        if problems:
            raise SystemExit("Generated data inconsistent: " + "; ".join(problems))
        timings["reference check"] = time.perf_counter() - check_began
        for model in (Response, Score, Comment):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        counts = {**out.totals, "big round": BIG}
        Round.objects.filter(slug=BIG_SLUG).update(introduction=manifest(counts, tag))
    vacuum_began = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (Place, Round, Response, Score, Comment):
            # As autovacuum would after a load this size: statistics and the visibility map
            # (which lets the results read the index alone).
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
    timings["VACUUM ANALYZE"] = time.perf_counter() - vacuum_began
    parts = ", ".join(f"{what} {seconds:.1f} s" for what, seconds in timings.items())
    return counts, f"generated in {time.perf_counter() - began:.1f} s ({parts})"


def references_check(cursor, theme_ids: list[int]) -> list[str]:
    """What the foreign keys (off during the load) and the copied round and kind would have
    refused."""
    from hcs.platskompassen.models import Comment, Response, Round, Score

    response, score, comment, round_ = (m._meta.db_table for m in (Response, Score, Comment, Round))
    checks = {
        "responses without their round": f"""
            SELECT count(*) FROM {response} r
            WHERE NOT EXISTS (SELECT 1 FROM {round_} o WHERE o.id = r.round_id)""",
        "scores without their response, or with another round or kind": f"""
            SELECT count(*) FROM {score} s LEFT JOIN {response} r ON r.id = s.response_id
            WHERE r.id IS NULL OR r.round_id <> s.round_id OR r.kind <> s.kind""",
        "comments without their response, or with another round": f"""
            SELECT count(*) FROM {comment} c LEFT JOIN {response} r ON r.id = c.response_id
            WHERE r.id IS NULL OR r.round_id <> c.round_id""",
        "scores or comments of another tool's theme": f"""
            SELECT (SELECT count(*) FROM {score} WHERE NOT theme_id = ANY(%s))
                 + (SELECT count(*) FROM {comment} WHERE NOT theme_id = ANY(%s))""",
    }
    problems = []
    for what, query in checks.items():
        cursor.execute(query, [theme_ids, theme_ids] if "%s" in query else None)
        (count,) = cursor.fetchone()
        if count:
            problems.append(f"{count} {what}")
    return problems


def table_sizes() -> list[tuple[str, int, int, int]]:
    """(table, rows (estimate), table MB, indexes MB) for Platskompassen's big tables."""
    from django.db import connection

    from hcs.platskompassen.models import Comment, Response, Score

    rows = []
    with connection.cursor() as cursor:
        for model in (Response, Score, Comment):
            table = model._meta.db_table
            cursor.execute(
                "SELECT reltuples::bigint, pg_table_size(oid), pg_indexes_size(oid) "
                "FROM pg_class WHERE oid = %s::regclass",
                [table],
            )
            rows.append((table, *cursor.fetchone()))
    return rows


# Results --------------------------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    times: list[float]
    queries: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def best_ms(self) -> float:
        return min(self.times) * 1000


def timed(label: str, runs: int, function) -> tuple[Timing, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()  # Warm-up: statement plans, the tool's themes, the page cache of PostgreSQL.
    with CaptureQueriesContext(connection) as captured:
        result = function()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return Timing(label, times, len(captured.captured_queries)), (result, captured)


RAW_SQL = """
    SELECT s.theme_id, s.value, count(*),
           (SELECT count(*) FROM platskompassen_response r
            WHERE r.round_id = %(round)s AND r.kind = 'individual' {response_filter})
    FROM platskompassen_score s {join}
    WHERE s.round_id = %(round)s AND s.kind = 'individual' {score_filter}
    GROUP BY s.theme_id, s.value
"""


def raw_results(round_id: int, scale: int, group: tuple[str, str] | None = None):
    """The same aggregation as one raw statement: the distribution per theme and the number
    of responses; n, mean and median from the distribution with the same rules function."""
    from django.db import connection

    from hcs.platskompassen.rules import statistics as theme_statistics

    parts = {"response_filter": "", "join": "", "score_filter": ""}
    params: dict = {"round": round_id}
    if group:
        field_name, params["value"] = group  # field_name: from a fixed list, not user input.
        parts["response_filter"] = f"AND r.{field_name} = %(value)s"
        parts["join"] = "JOIN platskompassen_response g ON g.id = s.response_id"
        parts["score_filter"] = f"AND g.{field_name} = %(value)s"
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL.format(**parts), params)
        rows = cursor.fetchall()
    distributions: dict[int, list[int]] = {}
    responses = rows[0][3] if rows else 0
    for theme_id, value, n, _responses in rows:
        distributions.setdefault(theme_id, [0] * scale)[value - 1] = n
    return responses, {
        theme_id: (theme_statistics(d), d) for theme_id, d in sorted(distributions.items())
    }


def same_results(orm, raw) -> bool:
    responses, by_theme = raw
    if orm.responses != responses:
        return False
    for theme in orm.themes:
        stats, distribution = by_theme.get(theme.theme.pk, (None, [0] * len(theme.distribution)))
        if theme.distribution != distribution:
            return False
        if stats and (theme.n, theme.mean, theme.median) != (stats.n, stats.mean, stats.median):
            return False
    return True


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return [row[0] for row in cursor.fetchall()]


def measure_results(runs: int) -> dict:
    from django.db.models import Count

    from hcs.platskompassen.models import Response, Round
    from hcs.platskompassen.queries import round_results

    big = Round.objects.select_related("tool").get(slug=BIG_SLUG)
    scale = big.tool.scale_max
    group = ("age_band", "45_64")
    orm, (orm_result, captured) = timed("round_results (ORM)", runs, lambda: round_results(big))
    raw, (raw_result, _c) = timed("one raw SQL query", runs, lambda: raw_results(big.pk, scale))
    orm_group, (orm_group_result, _c) = timed(
        f"round_results, {group[0]}={group[1]}", runs, lambda: round_results(big, group=group)
    )
    raw_group, (raw_group_result, _c) = timed(
        f"raw SQL, {group[0]}={group[1]}", runs, lambda: raw_results(big.pk, scale, group)
    )
    typical = (
        Round.objects.exclude(slug=BIG_SLUG)
        .filter(responses__kind=Response.Kind.INDIVIDUAL)
        .annotate(n=Count("responses"))
        .order_by("n")
    )
    median_round = typical[typical.count() // 2]
    small, _ = timed(
        f"round_results, a median-sized round ({median_round.n} responses)",
        runs,
        lambda: round_results(median_round),
    )
    main_sql = next(q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"])
    return {
        "timings": [orm, raw, orm_group, raw_group, small],
        "agree": same_results(orm_result, raw_result)
        and same_results(orm_group_result, raw_group_result),
        "responses": orm_result.responses,
        "group_responses": orm_group_result.responses,
        "queries": [q["sql"] for q in captured.captured_queries],
        "explain": explain(main_sql),
        "themes": orm_result.themes,
    }


# HTTP -----------------------------------------------------------------------------------------


def stub_weasyprint() -> None:
    """An empty stand-in for WeasyPrint, as if the app imported it only to make a PDF (today
    hcs/invoices/pdf.py imports it with the URL configuration)."""
    import types

    for name in ("weasyprint", "weasyprint.text", "weasyprint.text.fonts"):
        module = types.ModuleType(name)
        module.HTML = module.FontConfiguration = None
        sys.modules[name] = module


def application():
    """WSGI factory for gunicorn ('bench.platskompassen:application()'): the app with the
    survey's per-client rate limit raised, as every request here comes from one address.
    BENCH_STUB_WEASYPRINT=1: without WeasyPrint (stub_weasyprint), for the memory comparison."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if os.environ.get("BENCH_STUB_WEASYPRINT") == "1":
        stub_weasyprint()
    from django.conf import settings

    # Before django.setup(), so that nothing has read the old value yet.
    settings.RATE_LIMITS = {"survey": (0, 1)}  # 0: no limit
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def server_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def start_gunicorn(database_url: str, workers: int, port: int, log_path: Path, **extra_env):
    command = [Path(sys.executable).parent / "gunicorn", "bench.platskompassen:application()"]
    command += [f"-w{workers}", f"-b127.0.0.1:{port}", "--no-control-socket"]
    with open(log_path, "w") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env={**server_env(database_url), **extra_env}, stdout=log, stderr=log
        )


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def workers(server: subprocess.Popen) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def workers_cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def backends_cpu() -> dict[int, float]:
    """CPU seconds used so far by each PostgreSQL backend serving this database, but this
    script's own (the workers keep their connections open between requests)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # Ended meanwhile, or the server is not on this machine.
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def backends_cpu_since(before: dict[int, float]) -> float:
    # A backend that ended meanwhile (a worker reconnecting) is lost, one that began counts whole.
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in backends_cpu().items())


def memory_kb(pid: int) -> dict[str, int]:
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0])
    return figures


def hwm_reset(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux: 5 to clear_refs), so the peak is this test's."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def wait_until_up(url: str, server: subprocess.Popen, log_path: Path, seconds: float = 40):
    from run import get

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}: see {log_path}")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer in time: see {log_path}")


def request(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def download(port: int, path: str, headers: dict, pids: list[int]) -> dict:
    """GET `path` in 64 KiB pieces while a thread samples the workers' RSS every 10 ms."""
    for pid in pids:
        hwm_reset(pid)
    before = {pid: memory_kb(pid) for pid in pids}
    peak = {pid: before[pid]["VmRSS"] for pid in pids}
    done = threading.Event()

    def sample():
        while not done.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], memory_kb(pid)["VmRSS"])
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    size = lines = 0
    began = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        first_byte = None
        while chunk := response.read(65536):
            first_byte = first_byte or time.perf_counter() - began
            size += len(chunk)
            lines += chunk.count(b"\n")
        status, content_type = response.status, response.getheader("Content-Type", "")
        streamed = response.getheader("Content-Length") is None
    finally:
        connection.close()
        elapsed = time.perf_counter() - began
        done.set()
        sampler.join()
    after = {pid: memory_kb(pid) for pid in pids}
    # The worker that served it: the one whose RSS rose most.
    pid = max(pids, key=lambda p: max(peak[p], after[p]["VmHWM"]) - before[p]["VmRSS"])
    return {
        "status": status,
        "content_type": content_type,
        "streamed": streamed,
        "seconds": elapsed,
        "first_byte": first_byte or elapsed,
        "bytes": size,
        "lines": lines,
        "pid": pid,
        "rss_before": before[pid]["VmRSS"],
        "rss_sampled": peak[pid],
        "hwm": after[pid]["VmHWM"],
        "hwm_reset": hwm_reset(pid),
    }


def staff_user():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="bench-platskompassen", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def session_cookie() -> str:
    """A logged-in staff session, made directly in the bench database (no login form)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = staff_user()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def csv_ways() -> list[tuple[str, str, dict]]:
    """(who, path, headers): the exporter's CSV of the big round through the API with a staff
    token, on the results page's link as staff (a session), and anonymously (the round has
    published its results; the background columns are then left out)."""
    from django.urls import NoReverseMatch, reverse

    from hcs.accounts.services import api_token_create

    staff_user()
    token = api_token_create(username="bench-platskompassen", label="bench/platskompassen.py")
    try:
        page = reverse("platskompassen:results_csv", kwargs={"slug": BIG_SLUG})
    except NoReverseMatch:
        page = f"/platskompassen/{BIG_SLUG}/resultat.csv"
    return [
        (
            "staff token",
            f"/api/v1/platskompassen/rounds/{BIG_SLUG}/results.csv",
            {"Authorization": f"Bearer {token}"},
        ),
        ("staff session", page, {"Cookie": session_cookie()}),
        ("anonymous", page, {}),
    ]


def measure_csv(port: int, pids: list[int], times: int) -> dict:
    """The big round's CSV as staff (with the background columns), `times` downloads by the
    first way that serves it; then once anonymously, for comparison."""
    out: dict = {"runs": [], "tried": []}
    staff_done = False
    for who, path, headers in csv_ways():
        if who != "anonymous" and staff_done:
            continue
        first = download(port, path, headers, pids)
        ok = first["status"] == 200 and "csv" in first["content_type"]
        out["tried"].append(f"{who} {path}: {first['status']}")
        if not ok:
            continue
        more = times - 1 if who != "anonymous" else 0
        runs = [first] + [download(port, path, headers, pids) for _ in range(more)]
        out["runs"] += [{**run, "who": who, "path": path} for run in runs]
        staff_done = True
    return out


LUA = r"""
-- Written by bench/platskompassen.py: POST the answers in turn; count what came back.
local bodies = { %(bodies)s }
local threads = {}
local turn = 0
function setup(thread) table.insert(threads, thread) end
function init(args) sent = 0; created = 0; other = 0; first_other = "" end
function request()
  turn = turn + 1
  sent = sent + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
                    bodies[(turn %% #bodies) + 1])
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else
    other = other + 1
    if first_other == "" then first_other = status .. " " .. string.sub(body, 1, 300) end
  end
end
function done(summary, latency, requests)
  local s, c, o, f = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    s = s + t:get("sent"); c = c + t:get("created"); o = o + t:get("other")
    if f == "" then f = t:get("first_other") end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "socket_errors": %%d, "bad_status": %%d, ' ..
    '"p50": %%d, "p95": %%d, "p99": %%d, "sent": %%d, "created": %%d, "other": %%d, ' ..
    '"first_other": "%%s"}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), s, c, o,
    string.gsub(f, '[%%c"\\]', ' ')))
end
"""


def answer_bodies(theme_keys: list[str], seed: int, count: int = 200) -> list[dict]:
    """Answers like the generated ones: most themes scored, a few skipped, some background,
    now and then a comment."""
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        level = rng.gauss(4.2, 0.8)
        rate = next(rate for share, rate in ANSWERED if rng.random() < share)
        scores = {
            key: min(7, max(1, round(rng.gauss(level, 1.3)))) if rng.random() < rate else None
            for key in theme_keys
        }
        body = {"scores": scores, "comments": {}, "background": {}}
        if rng.random() < COMMENT_SHARE:
            body["comments"][rng.choice(theme_keys)] = {
                "good": rng.choice(GOOD),
                "better": rng.choice(BETTER),
            }
        for question, (values, weights) in (
            ("age_band", AGE_BANDS),
            ("gender", GENDERS),
            ("relation", RELATIONS),
        ):
            if rng.random() < BACKGROUND_SHARE:
                body["background"][question] = rng.choices(values, weights)[0]
        if rng.random() < 0.3:
            body["background"]["area"] = rng.choice(AREAS)
        bodies.append(body)
    return bodies


def wrk_post(url: str, lua: Path, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", lua, url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["created"] / (figures["duration_us"] / 1e6)
    return figures


def http_round():
    """A fresh round, open today, for the submissions: the generated data stays as it is."""
    from django.db import connection
    from django.utils import timezone

    from hcs.organisations.models import Organisation
    from hcs.platskompassen.models import Place, Round, ToolVersion

    place = Place.objects.filter(name=HTTP_PLACE).first()
    if place is None:
        place = Place.objects.create(
            organisation=Organisation.objects.filter(kind="municipality").order_by("code")[0],
            name=HTTP_PLACE,
        )
    rounds_delete(place)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("SELECT substr(md5(random()::text), 1, 8)")
        suffix = cursor.fetchone()[0]
    return Round.objects.create(
        place=place,
        slug=f"http-{suffix}",
        title="Inskick under last",
        opens=today - timedelta(days=1),
        closes=today + timedelta(days=30),
        tool=ToolVersion.objects.get(key="core-2015"),
        background_questions=["age_band", "gender", "relation", "area"],
    )


def rounds_delete(place) -> None:
    """Remove the submission rounds of an earlier run (raw SQL: the ORM's cascade would load
    every score)."""
    from django.db import connection

    from hcs.platskompassen.models import Comment, Response, Round, Score

    ids = list(Round.objects.filter(place=place).values_list("id", flat=True))
    if not ids:
        return
    with connection.cursor() as cursor:
        for model in (Comment, Score, Response, Round):
            column = "id" if model is Round else "round_id"
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} = ANY(%s)", [ids])


def post_exactly(port: int, path: str, bodies: list[bytes], clients: int) -> dict:
    """Every body POSTed once over `clients` kept-alive connections, every answer read."""
    statuses: list[int] = []
    lock = threading.Lock()
    queue = list(enumerate(bodies))

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    _n, body = queue.pop()
                connection.request("POST", path, body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                with lock:
                    statuses.append(response.status)
        finally:
            connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return {"statuses": statuses, "seconds": seconds}


def measure_submissions(args, port: int, pids: list[int]) -> dict:
    from run import wrk

    from hcs.platskompassen.models import Response

    round_ = http_round()
    path = f"/api/v1/platskompassen/rounds/{round_.slug}/responses"
    keys = list(round_.tool.themes.order_by("position").values_list("key", flat=True))
    bodies = answer_bodies(keys, args.seed)
    encoded = [json.dumps(b).encode() for b in bodies]  # ASCII: safe in Lua's [[ ]].
    status, _headers, body = request(
        port, "POST", path, encoded[0], {"Content-Type": "application/json"}
    )
    if status != 201:
        return {"error": f"POST {path}: {status} {body[:300]!r}"}
    stored = Response.objects.filter(round=round_).count
    before = stored()
    created = sent = answered = 0
    rounds = []
    with tempfile.TemporaryDirectory() as directory:
        lua = Path(directory) / "answers.lua"
        lua.write_text(
            LUA % {"bodies": ", ".join(f"[[{b.decode()}]]" for b in encoded)}, encoding="utf-8"
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(args.rounds):
            wrk(base + "/healthz", args.warmup, args.connections)
            healthz = wrk(base + "/healthz", args.duration, args.connections)
            warm = wrk_post(base + path, lua, args.warmup, args.connections)
            load_before = os.getloadavg()[0]
            cpu_before, db_before = workers_cpu_seconds(pids), backends_cpu()
            posts = wrk_post(base + path, lua, args.duration, args.connections)
            cpu = workers_cpu_seconds(pids) - cpu_before
            db_cpu = backends_cpu_since(db_before)
            for figures in (warm, posts):
                created += figures["created"]
                sent += figures["sent"]
                answered += figures["created"] + figures["other"]
            posts["cpu_ms"] = cpu / max(1, posts["sent"]) * 1000
            posts["db_cpu_ms"] = db_cpu / max(1, posts["sent"]) * 1000
            posts["load"] = load_before
            rounds.append(
                {"healthz": healthz, "posts": posts, "ratio": posts["rps"] / healthz["rps"]}
            )
    time.sleep(1)  # Requests wrk left unanswered at its deadline finish meanwhile.
    grew = stored() - before
    in_flight = sent - answered
    # Then a fixed number, every answer read: here the growth must equal the 201s exactly.
    before_exact = stored()
    exact = post_exactly(port, path, encoded * 5, args.connections)
    grew_exact = stored() - before_exact
    exact_201 = exact["statuses"].count(201)
    rounds_delete(round_.place)  # The generated data set stays exactly as generated.
    return {
        "path": path.replace(round_.slug, "{slug}"),
        "rounds": rounds,
        "wrk": {"created": created, "sent": sent, "in_flight": in_flight, "grew": grew},
        "exact": {
            "posts": len(encoded) * 5,
            "created": exact_201,
            "grew": grew_exact,
            "rate": exact_201 / exact["seconds"],
            "other": sorted(set(exact["statuses"]) - {201}),
        },
        "first_other": next((r["posts"]["first_other"] for r in rounds if r["posts"]["other"]), ""),
    }


def measure_http(args, database_url: str) -> dict:
    from run import free_port

    RESULTS.mkdir(exist_ok=True)
    log_path = RESULTS / "platskompassen-gunicorn.log"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=server_env(database_url),
        check=True,
    )
    out: dict = {"log": log_path}
    port = free_port()
    server = start_gunicorn(database_url, args.workers, port, log_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server, log_path)
        time.sleep(1)  # Both workers booted.
        pids = workers(server)
        out["pids"] = pids
        out["idle_rss"] = {pid: memory_kb(pid)["VmRSS"] for pid in pids}
        out["csv"] = measure_csv(port, pids, args.csv_runs)
        out["submissions"] = measure_submissions(args, port, pids)
    finally:
        stop(server)
    # The same downloads from workers without WeasyPrint: what a lazy import would give.
    port = free_port()
    server = start_gunicorn(
        database_url,
        args.workers,
        port,
        log_path.with_suffix(".stub.log"),
        BENCH_STUB_WEASYPRINT="1",
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server, log_path)
        time.sleep(1)
        pids = workers(server)
        out["stub_idle_rss"] = {pid: memory_kb(pid)["VmRSS"] for pid in pids}
        out["stub_csv"] = measure_csv(port, pids, args.csv_runs)
    finally:
        stop(server)
    return out


# Report ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each result query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regenerate", action="store_true", help="wipe and refill in any case")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per measure")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk discarded first")
    parser.add_argument("--rounds", type=int, default=3, help="wrk rounds, the median reported")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--csv-runs", type=int, default=3, help="downloads of the big CSV")
    parser.add_argument("--skip-http", action="store_true", help="no gunicorn: data and results")
    parser.add_argument("--skip-results", action="store_true", help="only the HTTP measures")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))  # For run.py's helpers.
    database_url = setup()
    import django
    from django.db import connection

    major, minor = divmod(connection.pg_version, 10000)
    print(
        f"{date.today()}, PostgreSQL {major}.{minor}, Python {sys.version.split()[0]}, Django "
        f"{django.get_version()}, {os.cpu_count()} cores; load average {load()}"
    )
    counts, how = prepare(args.seed, args.regenerate)
    print(
        f"data {how}: " + ", ".join(f"{n:,} {what}".replace(",", " ") for what, n in counts.items())
    )
    for table, rows, table_bytes, index_bytes in table_sizes():
        print(
            f"  {table:<26} {rows:>11,} rows  table {table_bytes / 2**20:>6.0f} MB  "
            f"indexes {index_bytes / 2**20:>6.0f} MB".replace(",", " ")
        )

    goals = [] if args.skip_results else report_results(args)
    if not args.skip_http:
        print(f"\nload average before HTTP: {load()}")
        http = measure_http(args, database_url)
        goals += report_http(args, http)
    print(f"\nload average after: {load()}")
    print("\n| goal | measured | |")
    print("|------|---------:|:-:|")
    for what, figure, met in goals:
        print(f"| {what} | {figure} | {'met' if met else 'MISSED'} |")
    return 0 if all(met for _w, _f, met in goals) else 1


def report_results(args) -> list:
    print(f"\nload average before the results: {load()}")
    results = measure_results(args.runs)
    print(
        f"results of {BIG_SLUG} ({results['responses']} responses; age_band=45_64: "
        f"{results['group_responses']}), median and best of {args.runs} runs:"
    )
    print(f"| {'what':<52} | queries | median ms | best ms |")
    print(f"|{'-' * 54}|--------:|----------:|--------:|")
    for t in results["timings"]:
        print(f"| {t.label:<52} | {t.queries:>7} | {t.median_ms:>9.1f} | {t.best_ms:>7.1f} |")
    print("ORM and raw SQL give the same figures: " + ("yes" if results["agree"] else "NO"))
    print("the queries of round_results:")
    for sql in results["queries"]:
        print(f"  {sql[:200]}")
    print("EXPLAIN ANALYZE of the grouped count:")
    for line in results["explain"]:
        print(f"  {line}")
    print("per theme (n, mean, median):")
    for t in results["themes"]:
        print(f"  {t.theme.key:<22} {t.n:>6} {t.mean:>5.2f} {t.median:>4}  {t.distribution}")

    orm, raw = results["timings"][0], results["timings"][1]
    ratio = orm.median_ms / raw.median_ms
    goals = [
        (
            f"round_results < {RESULTS_GOAL_MS} ms",
            f"{orm.median_ms:.1f} ms",
            orm.median_ms < RESULTS_GOAL_MS,
        ),
        (
            f"within {RAW_RATIO_GOAL}x of one raw SQL query",
            f"{ratio:.2f}x ({raw.median_ms:.1f} ms)",
            ratio <= RAW_RATIO_GOAL,
        ),
        ("ORM and raw SQL agree", "yes" if results["agree"] else "no", results["agree"]),
    ]
    return goals


def print_csv_runs(runs: list[dict]) -> None:
    for n, run in enumerate(runs, start=1):
        print(
            f"  {n}. {run['who']}, {run['path']}: {run['content_type']}, "
            f"{'streamed' if run['streamed'] else 'NOT streamed (Content-Length)'}, "
            f"{run['bytes'] / 2**20:.1f} MB, {run['lines']} lines in {run['seconds']:.2f} s "
            f"(first byte {run['first_byte'] * 1000:.0f} ms); worker {run['pid']}: RSS "
            f"{mb(run['rss_before']):.1f} MB before, sampled peak {mb(run['rss_sampled']):.1f} "
            f"MB, VmHWM {mb(run['hwm']):.1f} MB" + ("" if run["hwm_reset"] else " (not reset)")
        )


def report_http(args, http: dict) -> list:
    goals = []
    print(
        f"gunicorn -w {args.workers}: workers {http['pids']}, idle RSS "
        + ", ".join(f"{mb(kb):.1f} MB" for kb in http["idle_rss"].values())
    )
    csv = http["csv"]
    print("CSV of the big round: " + "; ".join(csv["tried"]))
    print_csv_runs(csv["runs"])
    print(
        "the same without WeasyPrint (a stand-in module), as a lazy import would give; idle RSS "
        + ", ".join(f"{mb(kb):.1f} MB" for kb in http["stub_idle_rss"].values())
    )
    print_csv_runs(http["stub_csv"]["runs"])
    if csv["runs"]:
        peak = max(max(r["hwm"], r["rss_sampled"]) for r in csv["runs"])
        goals.append(
            (
                f"CSV worker peak RSS < {CSV_RSS_GOAL_MB} MB",
                f"{mb(peak):.1f} MB",
                mb(peak) < CSV_RSS_GOAL_MB,
            )
        )
    else:
        goals.append((f"CSV worker peak RSS < {CSV_RSS_GOAL_MB} MB", "not measured", False))
    sub = http["submissions"]
    if "error" in sub:
        print(f"submissions: {sub['error']}")
        goals.append((f">= {SUBMISSIONS_GOAL} submissions/s", "not measured", False))
        return goals
    print(
        f"submissions: POST {sub['path']}, wrk -c{args.connections}, {args.rounds} rounds of "
        f"{args.duration} s after {args.warmup} s warm-up, /healthz taking turns:"
    )
    for n, r in enumerate(sub["rounds"], start=1):
        p, h = r["posts"], r["healthz"]
        print(
            f"  {n}. /healthz {h['rps']:.0f} req/s; POST {p['rps']:.0f} 201/s "
            f"(p50 {p['p50'] / 1000:.1f} ms, p95 {p['p95'] / 1000:.1f} ms, p99 "
            f"{p['p99'] / 1000:.1f} ms, {p['other']} not 201; CPU per request: workers "
            f"{p['cpu_ms']:.1f} ms, PostgreSQL {p['db_cpu_ms']:.1f} ms) = {r['ratio']:.1%} of "
            f"/healthz; load average before {p['load']:.2f}"
        )
    if sub["first_other"]:
        print(f"  first non-201: {sub['first_other']}")
    rate = statistics.median(r["posts"]["rps"] for r in sub["rounds"])
    ratio = statistics.median(r["ratio"] for r in sub["rounds"])
    w, e = sub["wrk"], sub["exact"]
    consistent = w["created"] <= w["grew"] <= w["created"] + w["in_flight"]
    print(
        f"  under wrk: {w['created']} 201s, stored responses grew by {w['grew']} "
        f"({w['in_flight']} requests unanswered when wrk stopped; "
        f"{'consistent' if consistent else 'INCONSISTENT'})"
    )
    print(
        f"  then {e['posts']} POSTs with every answer read: {e['created']} 201s "
        f"({e['rate']:.0f}/s; other statuses {e['other'] or 'none'}), stored responses grew by "
        f"{e['grew']}"
    )
    goals.append(
        (
            f">= {SUBMISSIONS_GOAL} submissions/s (median)",
            f"{rate:.0f}/s ({ratio:.1%} of /healthz)",
            rate >= SUBMISSIONS_GOAL,
        )
    )
    exact = e["grew"] == e["created"] == e["posts"] and consistent
    goals.append(
        ("stored responses grew by exactly the 201s", f"{e['grew']} = {e['created']}", exact)
    )
    return goals


if __name__ == "__main__":
    sys.exit(main())
