"""Serve the app with gunicorn and load it with wrk on loopback: member list vs a trivial endpoint.

    .venv/bin/python bench/run.py [--duration 10] [--warmup 2] [--rounds 3] [--connections 8]

Uses DATABASE_URL (default bench/bench.sqlite3, filled by bench/generate.py). Prints requests/s
and latency percentiles per endpoint (each the median over the rounds, which take turns so that
other load on the machine hits every endpoint alike), the rate as a share of /healthz's, and the
goals: at least 50 % of /healthz's rate and p95 under 50 ms. Exits 1 if a goal is missed.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_DATABASE_URL = f"sqlite:///{BENCH / 'bench.sqlite3'}"
BASELINE, PAGES = "/healthz", ["/medlemmar/", "/api/v1/members"]
MIN_RATIO, MAX_P95_MS = 0.5, 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # Never via a proxy.
    with opener.open(url, timeout=5) as response:  # Raises on a non-2xx status.
        return response.read()


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}: see bench/gunicorn.log")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time: see bench/gunicorn.log")


def wrk(url: str, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", BENCH / "report.lua", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per endpoint")
    parser.add_argument("--warmup", type=int, default=2, help="seconds discarded first")
    parser.add_argument("--rounds", type=int, default=3, help="report the median of these")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    load_before = os.getloadavg()[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [bin_dir / "gunicorn", "hcs.wsgi", f"-w{args.workers}", f"-b127.0.0.1:{port}"]
    command.append("--no-control-socket")  # Else gunicorn makes ~/.gunicorn/gunicorn.ctl.
    with open(BENCH / "gunicorn.log", "w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_until_up(base + BASELINE, server)
        members = json.loads(get(base + "/api/v1/members"))
        if not members:
            raise SystemExit("No members today: run bench/generate.py first.")
        sizes = {path: len(get(base + path)) for path in [BASELINE, *PAGES]}
        rounds = []
        for _ in range(args.rounds):
            rounds.append({})
            for path in [BASELINE, *PAGES]:
                wrk(base + path, args.warmup, args.connections)
                rounds[-1][path] = wrk(base + path, args.duration, args.connections)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    for r in rounds:
        r.update({path: {**r[path], "ratio": r[path]["rps"] / r[BASELINE]["rps"]} for path in r})
    results = {
        path: {key: statistics.median(r[path][key] for r in rounds) for key in rounds[0][path]}
        for path in rounds[0]
    }
    print(
        f"{date.today()}, {database_url.split(':')[0]}, {os.cpu_count()} CPUs, gunicorn "
        f"-w {args.workers}, wrk -c {args.connections}, median of {args.rounds} rounds of "
        f"{args.duration} s per endpoint after {args.warmup} s warm-up, "
        f"{len(members)} members today, load average before: {load_before:.2f}"
    )
    print(
        f"{'endpoint':<18}{'bytes':>7}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'errors':>8}{'ratio':>7}  goals"
    )
    missed = False
    for path, m in results.items():
        ratio = m["ratio"]
        p50, p95, p99 = (m[p] / 1000 for p in ("p50", "p95", "p99"))
        errors = sum(r[path]["socket_errors"] + r[path]["bad_status"] for r in rounds)
        goals = "-"
        if path != BASELINE:
            ratio_ok, p95_ok = ratio >= MIN_RATIO, p95 < MAX_P95_MS
            missed |= not (ratio_ok and p95_ok) or errors > 0
            goals = (
                f"rate >= {MIN_RATIO:.0%}: {'met' if ratio_ok else 'MISSED'}, "
                f"p95 < {MAX_P95_MS} ms: {'met' if p95_ok else 'MISSED'}"
            )
        print(
            f"{path:<18}{sizes[path]:>7}{m['rps']:>9.0f}{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}"
            f"{errors:>8}{ratio:>7.0%}  {goals}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
