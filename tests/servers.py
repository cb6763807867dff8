"""The platform's own processes for the tests that need them as in production: gunicorn app
servers and task workers with production settings (DEBUG off), on the PostgreSQL pass's own
database."""

import fcntl
import functools
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def database_url(port: int | None = None) -> str:
    """The test database's URL (through another port, e.g. a proxy's, when given)."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{port or db['PORT'] or 5432}/{db['NAME']}"


def production_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hcs.settings",
        "DEBUG": "0",
        "SECRET_KEY": "tests-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(),
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env["STATIC_ROOT"] = static_root(env["DATABASE_URL"])
    return env


@functools.cache
def static_root(database: str) -> str:
    """The static files collected with their manifest, as in production: once for the
    project's static files as they are (shared by the test processes, under a lock), since
    collecting and compressing them takes a while."""
    own = ROOT / "hcs" / "static"
    listing = sorted(
        (str(path.relative_to(own)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in own.rglob("*")
        if path.is_file()
    )
    key = hashlib.sha256(repr(listing).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"hcs-static-{os.getuid()}-{key}"
    with open(f"{folder}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "staticfiles.json").exists():
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "hcs.settings",
                "DEBUG": "0",
                "SECRET_KEY": "tests-not-a-secret",
                "DATABASE_URL": database,
                "STATIC_ROOT": str(folder),
            }
            command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
            subprocess.run(command, cwd=ROOT, env=env, check=True)
    return str(folder)


def gunicorn(port: int, env: dict[str, str], log: Path, *options: str) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "hcs.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--no-control-socket",
        *options,
    ]  # fmt: skip
    output = log.open("a")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)


def worker(env: dict[str, str], log: Path, *options: str) -> subprocess.Popen:
    """`manage.py worker` (db_worker with a heartbeat), polling often."""
    command = [
        sys.executable, "manage.py", "worker",
        "--no-reload", "--no-startup-delay", "--interval", "0.1",
        *options,
    ]  # fmt: skip
    output = log.open("a")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)


def redis_reachable(address: tuple[str, int] = ("127.0.0.1", 6379)) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def wait_until_up(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server on port {port} did not start")


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def call(port: int, path: str, body: dict | None = None, token: str = ""):
    """(status, body, headers) of a GET, or of a POST of `body` as JSON, to 127.0.0.1:`port`."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=None if body is None else json.dumps(body).encode(),
        headers=headers,
        method="GET" if body is None else "POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)
