"""Invoice generation for 311 members with PDF and Peppol XML: time per invoice and memory.

    .venv/bin/python bench/invoices.py [--year 2025] [--every 25] [--traced 150]

Goals: a PDF in under 0.5 s (median), and memory flat: it must not grow with the number of
invoices rendered.

Works in a throwaway SQLite database, bench/invoices.sqlite3 (deleted and recreated on every run,
whatever DATABASE_URL says; never the developer's db.sqlite3): migrate, load the shipped
reference data, give the regions that lack one a (valid, made-up) 2321xx organisation number,
make all 311 organisations members from 1 January of the year before through the services, save
a fee schedule for the year (2024's tiers), then time invoices_generate for the year and render
invoice_pdf and invoice_xml for every invoice, one after the other as a mass mailing would.

Pass 1 times each PDF and XML (median, p95, max) and samples the process's RSS (VmRSS) after
every --every invoices. Pass 2 renders the first --traced invoices again under tracemalloc
(0: skip): the Python heap still held after every --every invoices and its peak. tracemalloc
slows rendering about threefold, so pass 1 is the one timed and pass 2 is cut short to keep
the run under 3 minutes. Exits 1 if a goal is missed.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATABASE = BENCH / "invoices.sqlite3"
ACTOR = "bench/invoices.py"
GOAL_PDF_SECONDS = 0.5
# Flat: RSS from the 50th invoice to the last grows by under this many MB per 100 invoices.
FLAT_MB_PER_100 = 1.0


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcs.settings")
    os.environ.setdefault("SECRET_KEY", "bench-not-a-secret")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def region_org_number(index: int) -> str:
    from stdnum import luhn
    from stdnum.se import orgnr

    digits = f"2321{index:05d}"
    number = digits + luhn.calc_check_digit(digits)
    assert orgnr.is_valid(number), number
    return f"{number[:6]}-{number[6:]}"


def prepare(year: int) -> dict:
    from django.core.management import call_command

    from hcs.fees.models import FeeSchedule, Proration
    from hcs.fees.services import fee_schedule_save
    from hcs.memberships.services import DecisionData, membership_start
    from hcs.organisations.models import Organisation
    from hcs.organisations.reference import read_shipped_reference_data
    from hcs.organisations.services import organisation_update, reference_data_load

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load(rows=read_shipped_reference_data())
    numbered = 0
    organisations = list(Organisation.objects.order_by("code"))
    for index, organisation in enumerate(organisations):
        if not organisation.org_number:
            organisation_update(
                organisation=organisation, actor=ACTOR, org_number=region_org_number(index)
            )
            numbered += 1
    start = date(year - 1, 1, 1)
    decision = DecisionData(body="Kommunstyrelsen", date=date(year - 2, 11, 1), paragraph="§ 1")
    for organisation in organisations:
        membership_start(
            organisation=organisation, start_date=start, decision=decision, actor=ACTOR
        )
    fee_schedule_save(
        schedule=FeeSchedule(
            year=year, region_amount=58_500, population_year=year - 1, proration=Proration.HALF
        ),
        tiers=[(0, 23_400), (20_000, 41_000), (200_000, 58_500)],
        actor=ACTOR,
    )
    return {
        "organisations": len(organisations),
        "numbered": numbered,
        "seconds": time.perf_counter() - began,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def render_all(invoices, every: int, sample):
    """Render every invoice's PDF and XML; returns the timings and the samples."""
    from hcs.invoices.pdf import invoice_pdf
    from hcs.invoices.peppol import invoice_xml

    pdf_times, xml_times, samples, sizes = [], [], {}, [0, 0]
    for count, invoice in enumerate(invoices, start=1):
        began = time.perf_counter()
        pdf = invoice_pdf(invoice)
        middle = time.perf_counter()
        xml = invoice_xml(invoice)
        pdf_times.append(middle - began)
        xml_times.append(time.perf_counter() - middle)
        assert pdf.startswith(b"%PDF") and xml.startswith(b"<"), invoice.number
        sizes[0] += len(pdf)
        sizes[1] += len(xml)
        del pdf, xml
        if count % every == 0 or count in (1, 50) or count == len(invoices):
            samples[count] = sample()
    return pdf_times, xml_times, samples, sizes


def growth_per_100(samples: dict[int, float], since: int = 50) -> float:
    last = max(samples)
    return (samples[last] - samples[since]) / (last - since) * 100


def timing_line(name: str, times: list[float]) -> str:
    return (
        f"{name}: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
        f"(the first {times[0] * 1000:.0f} ms), total {sum(times):.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--every", type=int, default=25, help="sample memory every N invoices")
    parser.add_argument("--traced", type=int, default=150, help="invoices in pass 2 (0: none)")
    args = parser.parse_args()
    began = time.perf_counter()
    setup()
    import tracemalloc

    from hcs.invoices.models import Invoice
    from hcs.invoices.services import invoices_generate

    prepared = prepare(args.year)
    print(
        f"{DATABASE.name}: {prepared['organisations']} organisations made members, "
        f"{prepared['numbered']} given an organisation number, in {prepared['seconds']:.1f} s"
    )

    generated = time.perf_counter()
    report = invoices_generate(year=args.year, actor=ACTOR, issue_date=date(args.year, 1, 15))
    generated = time.perf_counter() - generated
    print(
        f"invoices_generate({args.year}): {len(report.created)} invoices "
        f"({len(report.not_computable)} not computable) in {generated:.2f} s, "
        f"{generated / max(1, len(report.created)) * 1000:.1f} ms each"
    )

    invoices = list(
        Invoice.objects.filter(year=args.year).select_related("organisation").order_by("number")
    )
    rss_before = rss_mb()
    pdf_times, xml_times, rss, sizes = render_all(invoices, args.every, rss_mb)
    count = len(invoices)
    print(timing_line("PDF", pdf_times) + f", {sizes[0] / count / 1024:.1f} kB each")
    print(timing_line("XML", xml_times) + f", {sizes[1] / count / 1024:.1f} kB each")
    print(
        f"RSS (MB) before rendering {rss_before:.1f}, after invoice "
        + ", ".join(f"{n}: {mb:.1f}" for n, mb in rss.items())
    )
    rss_growth = growth_per_100(rss)
    print(
        f"RSS after {count} vs after 50: {rss[count] - rss[50]:+.1f} MB, "
        f"{rss_growth:+.2f} MB per 100 invoices"
    )

    traced_growth = None
    if args.traced > 50:
        tracemalloc.start()
        _, _, traced, _ = render_all(
            invoices[: args.traced], args.every, lambda: tracemalloc.get_traced_memory()[0] / 2**20
        )
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        traced_growth = growth_per_100(traced)
        print(
            "tracemalloc (MB held) after invoice "
            + ", ".join(f"{n}: {mb:.2f}" for n, mb in traced.items())
        )
        print(
            f"tracemalloc: peak {peak:.1f} MB; held after {max(traced)} vs after 50: "
            f"{traced[max(traced)] - traced[50]:+.2f} MB, {traced_growth:+.3f} MB per 100 invoices"
        )

    pdf_met = statistics.median(pdf_times) < GOAL_PDF_SECONDS
    flat = rss_growth < FLAT_MB_PER_100 and (
        traced_growth is None or traced_growth < FLAT_MB_PER_100
    )
    print(f"goal PDF median < {GOAL_PDF_SECONDS} s: {'met' if pdf_met else 'MISSED'}")
    print(
        f"goal memory flat (< {FLAT_MB_PER_100:.0f} MB per 100 invoices after the 50th): "
        f"{'met' if flat else 'MISSED'}"
    )
    print(f"whole run {time.perf_counter() - began:.0f} s")
    sys.exit(0 if pdf_met and flat else 1)


if __name__ == "__main__":
    main()
