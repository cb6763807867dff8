"""The annual activity report of 2024 from the demo: its page's queries and the time to make
its PDF.

    cd bench && ../.venv/bin/python annual_report.py [--rounds 5]

Works in bench/annual_report.sqlite3 (made anew: migrate, the reference data, the demo), with
production settings (DEBUG off). Measures `annual_report(2024)`'s queries (EXPECTED_QUERIES: the
members over the years are one query for all the years), then again after adding 300 events to
the year (the count must not grow), and the wall time of the HTML page's
rendering and of the PDF (WeasyPrint, tagged): the first one (WeasyPrint's import and fonts)
and the median of --rounds after it.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from registrations import setup_django

BENCH = Path(__file__).resolve().parent
DATABASE = BENCH / "annual_report.sqlite3"
# The 2024 report's queries (hcs/reports/tests/test_annual_charts.py counts the same).
EXPECTED_QUERIES = 23


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    os.environ["DEBUG"] = "0"
    setup_django(f"sqlite:///{DATABASE}")
    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from hcs.demo.loader import load_demo
    from hcs.events.models import Event
    from hcs.lib.pdf import html_to_pdf
    from hcs.reports.annual import annual_report

    call_command("migrate", verbosity=0)
    load_demo()

    def context():
        return {"report": annual_report(2024), "texts": {}, "hidden": [], "published": True}

    with CaptureQueriesContext(connection) as queries:
        context()
    before = len(queries.captured_queries)
    starts = timezone.now().replace(year=2024, month=5, day=5)
    Event.objects.bulk_create(
        Event(
            title=f"Extra {n}",
            kind=Event.Kind.WEBINAR,
            audience=Event.Audience.PUBLIC,
            starts=starts + timedelta(hours=n),
            ends=starts + timedelta(hours=n, minutes=50),
        )
        for n in range(300)
    )
    with CaptureQueriesContext(connection) as queries:
        context()
    after = len(queries.captured_queries)
    Event.objects.filter(title__startswith="Extra ").delete()
    print(
        f"queries for the report: {before} (expected {EXPECTED_QUERIES}); "
        f"with 300 more events: {after}"
    )

    def pdf() -> float:
        began = time.perf_counter()
        with translation.override("sv"):
            html = render_to_string("reports/annual_report_pdf.html", context())
        html_to_pdf(html, tagged=True)
        return time.perf_counter() - began

    first = pdf()
    times = [pdf() for _ in range(args.rounds)]
    print(
        f"PDF: first {first:.2f} s, then median {statistics.median(times):.2f} s "
        f"(max {max(times):.2f} s) over {args.rounds}"
    )
    same = before == after == EXPECTED_QUERIES
    return 0 if same and statistics.median(times) < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
