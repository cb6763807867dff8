"""Lighthouse's four category scores for every public page, served as in production.

    .venv/bin/python bench/lighthouse.py [--runs 1] [--desktop] [--pages / /medlemmar/ ...]
                                         [--min-scores 95,100,100,100] [--lighthouse PATH]
                                         [--out bench/results/lighthouse.json]

Starts the platform itself: a fresh SQLite database in a temporary directory, `migrate`,
`load_reference_data` and `load_demo` (as `make run` does), `collectstatic` into bench/staticfiles
(bench.settings), then `gunicorn hcs.wsgi -w 2` on a free port of 127.0.0.1 with DEBUG off, so
that static files are hashed, compressed and served by WhiteNoise as in production. Its log,
with the commands' output, is bench/results/lighthouse-gunicorn.log.

Each page's status is read first (urllib); a page that does not answer 200 (404: not built yet)
is reported with its status and not audited. The others go through Lighthouse 12
(lighthouse@12.2.3 from npm, installed on first use into ~/.cache/hcs-bench/, never globally;
--lighthouse for another binary) in Debian's Chromium (CHROME_PATH=/usr/bin/chromium), headless,
mobile (Lighthouse's default: emulated phone, simulated slow 4G and 4x CPU slowdown); with
--desktop also `--preset=desktop`. Printed per page and form factor: the scores of performance,
accessibility, best-practices and seo (0-100), FCP, LCP, TBT and CLS, each the median of --runs
runs; then each page's failing audits (score below 1, not informative, not applicable, not
manual) in accessibility, best-practices and seo, with the elements or resources concerned.
Everything is also written as JSON (--out). Performance depends on the machine's load: the load
average before the run is printed.

Exits 0 whatever the scores (they are figures for notes, not a gate), 1 if the platform or
Lighthouse could not be set up; with --min-scores "95,100,100,100" (performance, accessibility,
best-practices, seo), 1 also if an audited page is below one of them or its run failed.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from run import free_port

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"  # Git-ignored.
LOG = RESULTS / "lighthouse-gunicorn.log"
LIGHTHOUSE_VERSION = "12.2.3"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hcs-bench"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
# Audit id -> (name in the table, unit): Lighthouse gives milliseconds, and CLS unitless.
METRICS = {
    "first-contentful-paint": ("FCP", "ms"),
    "largest-contentful-paint": ("LCP", "ms"),
    "total-blocking-time": ("TBT", "ms"),
    "cumulative-layout-shift": ("CLS", ""),
}
NOT_FAILURES = {"informative", "notApplicable", "manual"}
# Luleå (2580) is a member in the demo network (hcs/demo/network_2024.py).
PAGES = [
    "/",
    "/om-natverket/",
    "/medlemmar/",
    "/medlemmar/2580/",
    "/kalender/",
    "/styrelsen/",
    "/grupper/",
    "/bli-medlem/",
    "/aktuellt/",
    "/publikationer/",
    "/kontakt/",
    "/tillganglighet/",
    "/personuppgifter/",
    "/nyhetsbrev/",
    "/nyhetsbrev/prenumerera/",
]


def lighthouse_binary(given: str | None) -> Path:
    if given:
        binary = Path(given)
        if not binary.exists():
            raise SystemExit(f"No Lighthouse at {binary}")
        return binary
    prefix = CACHE / f"lighthouse-{LIGHTHOUSE_VERSION}"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            raise SystemExit("npm is missing: apt-get install -y nodejs npm")
        print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {prefix}", flush=True)
        prefix.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund"]
        command += ["--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"]
        if subprocess.run(command).returncode != 0:
            raise SystemExit(f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed")
    return binary


def status(url: str) -> int | str:
    """The HTTP status after redirects, or the error if there is no answer."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # Never via a proxy.
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return f"no answer: {error}"


def start_platform(database: Path, port: int, log) -> subprocess.Popen:
    """Prepare a fresh database and static files, then start gunicorn; SystemExit if it fails."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_reference_data"],
        ["load_demo"],
        ["collectstatic", "--noinput"],
    ):
        print(f"manage.py {' '.join(command)}", flush=True)
        log.write(f"$ manage.py {' '.join(command)}\n")
        log.flush()
        done = subprocess.run([*manage, *command], cwd=ROOT, env=env, stdout=log, stderr=log)
        if done.returncode != 0:
            raise SystemExit(f"manage.py {command[0]} failed: see {LOG}")
    command = [Path(sys.executable).parent / "gunicorn", "hcs.wsgi", "-w2", f"-b127.0.0.1:{port}"]
    command.append("--no-control-socket")  # Else gunicorn makes ~/.gunicorn/gunicorn.ctl.
    log.write(f"$ {' '.join(map(str, command))}\n")
    log.flush()
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}: see {LOG}")
        if status(url) == 200:
            return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer in time: see {LOG}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def lighthouse(binary: Path, url: str, form_factor: str, report: Path) -> dict:
    """One Lighthouse run; its JSON report, or {"error": ...}."""
    command = [
        binary,
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"error": "Lighthouse took more than 300 s"}
    if done.returncode != 0 or not report.exists():
        lines = (done.stderr or done.stdout).strip().splitlines()
        return {"error": f"Lighthouse exited with {done.returncode}: {' '.join(lines[-3:])}"}
    result = json.loads(report.read_text())
    report.unlink()
    if result.get("runtimeError"):
        return {"error": f"{result['runtimeError']['code']}: {result['runtimeError']['message']}"}
    return result


def item_label(item: dict) -> str:
    """What a developer looks for in an audit's detail row: the element, the resource, the text."""
    node = item.get("node")
    if isinstance(node, dict):
        label = node.get("selector") or node.get("snippet") or ""
        explanation = node.get("explanation", "").splitlines()
        # axe's explanation: "Fix any of the following:\n  Element has insufficient colour ..."
        reason = next((line.strip() for line in explanation[1:] if line.strip()), "")
        return f"{label} ({reason})" if reason else label
    # A console error: {"source": "network", "description": ..., "sourceLocation": {"url": ...}}.
    what = next((item[k] for k in ("description", "text") if isinstance(item.get(k), str)), "")
    where = item.get("url") or (item.get("sourceLocation") or {}).get("url") or item.get("href")
    where = where if isinstance(where, str) else ""
    if what and where:
        return f"{what.strip()} ({where})"
    return what.strip() or where


def failing_audits(report: dict) -> dict[str, list[dict]]:
    """Per category but performance: the audits that failed, with up to 20 items each."""
    failing = {}
    for category in CATEGORIES[1:]:
        rows = []
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            mode = audit.get("scoreDisplayMode")
            if mode in NOT_FAILURES:
                continue
            if mode != "error" and (audit.get("score") is None or audit["score"] >= 1):
                continue
            items = (audit.get("details") or {}).get("items") or []
            labels = [label for label in map(item_label, items) if label]
            rows.append(
                {
                    "id": audit["id"],
                    "title": audit["title"],
                    "score": audit.get("score"),
                    "display": audit.get("displayValue") or audit.get("errorMessage") or "",
                    "count": len(items),
                    "items": labels[:20],
                }
            )
        failing[category] = rows
    return failing


def audit_page(binary: Path, url: str, form_factor: str, runs: int, work: Path) -> dict:
    """Median scores and metrics over the runs; the audits failing in any run."""
    reports, errors = [], []
    for n in range(runs):
        result = lighthouse(binary, url, form_factor, work / f"report-{n}.json")
        (errors if "error" in result else reports).append(result)
    if not reports:
        return {"error": errors[0]["error"]}
    scores = {}
    for category in CATEGORIES:
        values = [r["categories"][category]["score"] for r in reports]
        values = [v * 100 for v in values if v is not None]
        scores[category] = statistics.median(values) if values else None
    metrics = {}
    for audit_id, (name, _unit) in METRICS.items():
        values = [r["audits"][audit_id].get("numericValue") for r in reports]
        values = [v for v in values if v is not None]
        metrics[name] = statistics.median(values) if values else None
    failing: dict[str, dict[str, dict]] = {category: {} for category in CATEGORIES[1:]}
    for report in reports:
        for category, rows in failing_audits(report).items():
            for row in rows:
                failing[category].setdefault(row["id"], {**row, "runs": 0})["runs"] += 1
    first = reports[0]
    return {
        "runs": len(reports),
        "failed_runs": [e["error"] for e in errors],
        "final_url": first.get("finalDisplayedUrl"),
        "lighthouse": first.get("lighthouseVersion"),
        "user_agent": first.get("environment", {}).get("hostUserAgent"),
        "benchmark_index": first.get("environment", {}).get("benchmarkIndex"),
        "scores": scores,
        "metrics": metrics,
        "failing_audits": {c: list(rows.values()) for c, rows in failing.items()},
    }


def figure(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"
    return f"{value:.0f}" if value >= 1 or value == 0 else f"{value:.3f}"


def print_table(rows: list[dict]) -> None:
    width = max(len(row["page"]) for row in rows) + 2
    header = f"{'page':<{width}}{'form':<9}{'status':>7}"
    header += "".join(f"{SHORT[c]:>6}" for c in CATEGORIES)
    header += "".join(f"{name:>9}" for name, _unit in METRICS.values())
    print(header)
    for row in rows:
        line = f"{row['page']:<{width}}{row['form_factor']:<9}{row['status']!s:>7}"
        if row["status"] != 200:
            print(f"{line}  not audited")
            continue
        if "error" in row:
            print(f"{line}  Lighthouse failed: {row['error']}")
            continue
        line += "".join(f"{figure(row['scores'][c]):>6}" for c in CATEGORIES)
        line += "".join(
            f"{figure(row['metrics'][name], unit):>9}" for name, unit in METRICS.values()
        )
        print(line)


def print_failing(rows: list[dict]) -> None:
    for row in rows:
        failing = row.get("failing_audits")
        if not failing:
            continue
        print(f"\n{row['page']} ({row['form_factor']})")
        if not any(failing.values()):
            print("  no failing audit")
        for category, audits in failing.items():
            for audit in audits:
                runs = f", in {audit['runs']} of {row['runs']} runs" if row["runs"] > 1 else ""
                display = f" – {audit['display']}" if audit["display"] else ""
                print(f"  {category}: {audit['id']}: {audit['title']}{display}{runs}")
                for label in audit["items"][:5]:
                    print(f"      {label[:140]}")
                if audit["count"] > 5:
                    print(f"      … {audit['count']} in all")


def below(row: dict, minimum: dict[str, int]) -> list[str]:
    if row["status"] != 200:
        return []
    if "error" in row:
        return ["Lighthouse failed"]
    return [
        f"{category} {figure(row['scores'][category])} < {minimum[category]}"
        for category in CATEGORIES
        if row["scores"][category] is None or row["scores"][category] < minimum[category]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=PAGES, help="paths, each starting with /")
    parser.add_argument("--runs", type=int, default=1, help="report the median of these")
    parser.add_argument("--desktop", action="store_true", help="also with --preset=desktop")
    parser.add_argument("--lighthouse", help="a Lighthouse binary, instead of the cached one")
    parser.add_argument("--min-scores", help='e.g. "95,100,100,100": exit 1 if a page is below')
    parser.add_argument("--out", type=Path, default=RESULTS / "lighthouse.json")
    args = parser.parse_args()
    minimum = None
    if args.min_scores:
        values = args.min_scores.split(",")
        if len(values) != len(CATEGORIES) or not all(v.strip().isdigit() for v in values):
            parser.error("--min-scores takes four whole numbers: perf,a11y,bp,seo")
        minimum = dict(zip(CATEGORIES, map(int, values), strict=True))
    if not Path(CHROME_PATH).exists():
        raise SystemExit(f"No Chromium at {CHROME_PATH}: apt-get install -y chromium")
    binary = lighthouse_binary(args.lighthouse)
    form_factors = ["mobile", "desktop"] if args.desktop else ["mobile"]

    RESULTS.mkdir(exist_ok=True)
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="hcs-lighthouse-") as work, open(LOG, "w") as log:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_platform(Path(work) / "lighthouse.sqlite3", port, log)
        try:
            wait_until_up(base + "/healthz", server)
            for path in args.pages:
                answer = status(base + path)
                for form_factor in form_factors:
                    print(f"{path} ({form_factor}): {answer}", flush=True)
                    row = {"page": path, "form_factor": form_factor, "status": answer}
                    if answer == 200:
                        row |= audit_page(binary, base + path, form_factor, args.runs, Path(work))
                    rows.append(row)
        finally:
            stop(server)

    version = next((row["lighthouse"] for row in rows if "lighthouse" in row), "not run")
    print(
        f"\n{date.today()}, Lighthouse {version}, {os.cpu_count()} CPUs, median of {args.runs} "
        f"run(s) per page, load average before: {load_before:.2f}"
    )
    print_table(rows)
    print_failing(rows)
    failed = []
    if minimum:
        failed = [(row, reasons) for row in rows if (reasons := below(row, minimum))]
        print(f"\nMinimum scores {args.min_scores}: {'missed' if failed else 'met'}")
        for row, reasons in failed:
            print(f"  {row['page']} ({row['form_factor']}): {', '.join(reasons)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "date": str(date.today()),
                "runs": args.runs,
                "load_average_before": load_before,
                "min_scores": minimum,
                "pages": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"\nWritten to {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
