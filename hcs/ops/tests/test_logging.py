import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hcs.ops.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
NEW_ID = re.compile(r"[0-9a-f]{32}")


def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-1.abc_DEF-42"})
    assert response["X-Request-ID"] == "lb-1.abc_DEF-42"


def test_without_a_request_id_a_new_one_is_made(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert NEW_ID.fullmatch(first) and NEW_ID.fullmatch(second)
    assert first != second


@pytest.mark.parametrize(
    "incoming", ["x" * 101, "two words", "<script>", "id\\n", "ä-id", "a/b", ""]
)
def test_an_unsafe_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_every_answer_carries_the_id_error_pages_too(client):
    response = client.get("/no-such-page/", headers={"X-Request-ID": "abc"})
    assert response.status_code == 404
    assert response["X-Request-ID"] == "abc"


@pytest.fixture
def json_lines():
    """What the platform logs during the test, through the production handler: JSON."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root, access = logging.getLogger(), logging.getLogger("hcs.request")
    saved_level = access.level
    root.addHandler(handler)
    access.setLevel(logging.DEBUG)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        access.setLevel(saved_level)


def test_each_request_writes_one_json_access_line(client, json_lines):
    client.get("/kontakt/", {"q": "Anna Andersson"}, headers={"X-Request-ID": "req-1"})
    access = [line for line in json_lines() if line["logger"] == "hcs.request"]
    assert len(access) == 1
    line = access[0]
    assert line["level"] == "INFO"
    assert line["request_id"] == "req-1"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/kontakt/", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert {"time", "message"} <= set(line)
    assert "Anna" not in json.dumps(line)  # the query string is not logged


def test_lines_logged_during_a_request_carry_its_id(client, json_lines):
    client.get("/no-such-page/", headers={"X-Request-ID": "req-404"})
    not_found = [line for line in json_lines() if line["logger"] == "django.request"]
    assert not_found, json_lines()
    assert not_found[0]["request_id"] == "req-404"
    assert not_found[0]["level"] == "WARNING"
    assert "request" not in not_found[0]


def test_outside_a_request_the_id_is_null(client, json_lines):
    client.get("/healthz")
    logging.getLogger("hcs.ops.tests").warning("after the request")
    assert json_lines()[-1]["request_id"] is None
    assert json_lines()[-1]["message"] == "after the request"


def test_the_access_line_names_the_route_not_the_token_in_the_path(client, json_lines):
    client.get("/kalender/avboka/MQ:secret-token/")
    (line,) = [line for line in json_lines() if line["logger"] == "hcs.request"]
    assert line["path"] == "/kalender/avboka/<str:token>/"
    assert "secret-token" not in json.dumps(line)


def test_the_probes_succeeding_are_logged_at_debug(client, json_lines):
    client.get("/healthz")
    (line,) = [line for line in json_lines() if line["logger"] == "hcs.request"]
    assert line["level"] == "DEBUG"


def _python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"LOG_FORMAT", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "hcs.settings", "DEBUG": "1", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_log_format_json_makes_every_line_a_json_object():
    result = _python(
        "import django, logging; django.setup(); "
        "logging.getLogger('hcs.example').warning('Hej %s', 'Göteborg')",
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(text) for text in result.stderr.splitlines()]
    assert line["message"] == "Hej Göteborg"
    assert (line["level"], line["logger"], line["request_id"]) == ("WARNING", "hcs.example", None)
    assert line["time"].endswith("+00:00")


def test_an_unknown_log_format_stops_start_up():
    result = _python("import django; django.setup()", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be plain or json" in result.stderr
