"""The annual activity report written from the records: the 2024 report of the demo says what
the network's own report says."""

import contextlib
import re
import zlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hcs.lib.money import format_sek
from hcs.reports.annual import annual_report

pytestmark = pytest.mark.django_db


def test_the_2024_report_says_what_the_network_reported(demo_2024, coordinator_client):
    text = " ".join(coordinator_client.get("/verksamhetsberattelse/2024/").content.decode().split())
    assert "20 medlemmar: 6 regioner och 14 kommuner" in text
    assert "Region Norrbotten blev ny medlem i nätverket från juni 2024" in text
    assert "Fredrik Hansson (S), ordförande, Luleå" in text
    assert "Styrelsen höll 7 beslutsfattande sammanträden under 2024" in text
    assert "Norrköping" in text and "Region Östergötland" in text
    assert "14 mars 2024" in text  # the annual meeting
    assert "21 oktober 2024 – 22 oktober 2024" in text or "21–22 oktober" in text
    assert "Stockholm" in text
    assert "Regionala webbinarier om medlemskap 2024: 75 deltagare" in text
    assert "2 nyhetsbrev skickades under året" in text
    # (split() takes the no-break spaces of the amounts as spaces too)
    assert " ".join(format_sek(878050).split()) in text
    assert " ".join(format_sek(750000).split()) in text
    assert "Peter Romlén (SD) lämnade styrelsen" in text


def test_the_api_gives_the_figures(demo_2024, api_client):
    data = api_client.get("/api/v1/annual-report/2024").json()
    assert (data["members"]["count"], data["members"]["regions"]) == (20, 6)
    assert data["members"]["joined"] == [
        {"code": "25", "name": "Region Norrbotten", "date": "2024-06-01"}
    ]
    board = data["board"]
    assert len(board["members"]) == 7 and board["meetings"] == 7
    chair = next(m for m in board["members"] if m["role"] == "chair")
    assert (chair["name"], chair["party"], chair["organisation_code"]) == (
        "Fredrik Hansson",
        "S",
        "2580",
    )
    kinds = {e["kind"] for e in data["events"]}
    assert {"annual_conference", "annual_meeting", "autumn_meeting", "webinar"} <= kinds
    assert (data["newsletters"], data["revenue_sek"], data["equity_start_sek"]) == (
        2,
        878050,
        750000,
    )
    assert api_client.get("/api/v1/annual-report/2999").status_code in (404, 422)


def test_the_report_takes_the_same_queries_however_many_events(demo_2024, coordinator):
    from hcs.events.models import Event

    with CaptureQueriesContext(connection) as before:
        annual_report(2024)
    starts = timezone.now().replace(year=2024, month=5, day=5)
    Event.objects.bulk_create(
        Event(
            title=f"Extra {n}",
            kind=Event.Kind.WEBINAR,
            audience=Event.Audience.PUBLIC,
            starts=starts + timedelta(days=n),
            ends=starts + timedelta(days=n, hours=1),
        )
        for n in range(30)
    )
    with CaptureQueriesContext(connection) as after:
        report = annual_report(2024)
    assert len(after.captured_queries) == len(before.captured_queries)
    assert len(report.events) >= 30


def test_the_pdf_is_tagged_for_screen_readers(demo_2024, coordinator_client):
    answer = coordinator_client.get("/verksamhetsberattelse/2024.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    # Real text with its structure (headings, lists, tables) for a screen reader, in the
    # document's language; the PDF's objects are compressed, so read them unpacked.
    unpacked = answer.content
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", answer.content, re.S):
        with contextlib.suppress(zlib.error):
            unpacked += zlib.decompress(stream.group(1))
    assert b"/StructTreeRoot" in unpacked and b"/MarkInfo" in unpacked and b"/Lang" in unpacked


def test_the_secretariat_writes_hides_and_publishes_it(demo_2024, coordinator_client):
    url = "/kansli/ekonomi/verksamhetsberattelse/2024/"
    assert coordinator_client.get(url).status_code == 200
    coordinator_client.post(url, {"action": "unpublish"})
    assert Client().get("/verksamhetsberattelse/2024/").status_code == 404
    assert "/verksamhetsberattelse/2024/" not in Client().get("/publikationer/").content.decode()
    coordinator_client.post(
        url,
        {
            "action": "save",
            "text_members": "Ett år med **en ny medlem**.",
            "text_closing": "Tack alla!",
            "hidden": ["economy"],
        },
    )
    coordinator_client.post(url, {"action": "publish"})
    page = Client().get("/verksamhetsberattelse/2024/").content.decode()
    assert "<strong>en ny medlem</strong>" in page and "Tack alla!" in page
    assert 'id="economy"' not in page and 'id="board"' in page
    assert "/verksamhetsberattelse/2024/" in Client().get("/publikationer/").content.decode()
    # The year not yet over cannot be published; bad input changes nothing.
    this_year = timezone.localdate().year
    answer = coordinator_client.post(
        f"/kansli/ekonomi/verksamhetsberattelse/{this_year}/", {"action": "publish"}, follow=True
    )
    assert "när året är slut" in answer.content.decode()
    coordinator_client.post(url, {"action": "save", "hidden": ["nonsense"]})
    from hcs.reports.models import AnnualReportEdition

    assert AnnualReportEdition.objects.get(year=2024).hidden == ["economy"]


def test_an_unpublished_report_is_the_secretariats_only(demo_2024, outsider):
    assert Client().get("/verksamhetsberattelse/2023/").status_code == 404
    client = Client()
    client.force_login(outsider)
    assert client.get("/verksamhetsberattelse/2023.pdf").status_code == 404


def test_a_published_report_is_open_to_all_an_unpublished_one_to_the_secretariat(
    demo_2024, api_client
):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get("/api/v1/annual-report/2024").json()["members"]["count"] == 20
    assert anonymous.get("/api/v1/annual-report/2023").status_code == 404
    assert api_client.get("/api/v1/annual-report/2023").status_code == 200
    wrong = Client(headers={"Authorization": "Bearer not-a-token"})
    assert wrong.get("/api/v1/annual-report/2024").status_code == 401
