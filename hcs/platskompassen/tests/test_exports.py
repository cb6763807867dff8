"""The results as files: the anonymous answers as a streamed CSV (read in chunks, one row per
response, safe for spreadsheets), an XLSX summary with the comments, a PDF report and the compass
as SVG; the same from the API."""

import csv
import io
import math
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hcs.platskompassen import exports
from hcs.platskompassen.services import response_submit, themes_of
from hcs.platskompassen.tests import test_results as shared
from hcs.platskompassen.tests.test_results import (
    DAY,
    answer_randomly,
    api_url,
    expected,
    make_round,
    results_url,
)

# The fixtures of test_results.py: a member, its round with 200 random answers, a planner.
lulea, round_, raw = shared.lulea, shared.round_, shared.raw
planner_of, planner_client = shared.planner_of, shared.planner_client

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # a byte-order mark, for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_one_row_per_response_and_is_streamed(round_, raw, planner_client):
    response = planner_client.get(results_url(round_, "resultat.csv"))
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header, body = rows[0], rows[1:]
    assert len(body) == len(raw) == 200
    themes = themes_of(round_)
    assert len(header) == 3 + 4 + 3 * len(themes)  # number, day, kind, background, themes
    assert [row[0] for row in body] == [str(n) for n in range(1, 201)]
    assert {row[1] for row in body} == {DAY.isoformat()}
    # The scores are the raw answers, in order; a skipped theme is empty, not a 1.
    for row, answer in zip(body, raw, strict=True):
        for index, theme in enumerate(themes):
            score = answer["scores"].get(theme.key)
            assert row[7 + 3 * index] == ("" if score is None else str(score))
            comment = answer["comments"].get(theme.key, {})
            assert row[8 + 3 * index] == comment.get("good", "")
            assert row[9 + 3 * index] == comment.get("better", "")


def test_the_csv_reads_the_answers_in_chunks(round_, raw, planner_client, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 50)
    response = planner_client.get(results_url(round_, "resultat.csv"))
    with CaptureQueriesContext(connection) as queries:
        pieces = list(response.streaming_content)
    assert len(pieces) == 1 + math.ceil(200 / 50)  # the header, then one piece a chunk
    # Scores and comments are fetched per chunk: a fixed number of queries a chunk, no more.
    per_chunk = [q["sql"] for q in queries.captured_queries if "platskompassen_score" in q["sql"]]
    assert len(per_chunk) == 4
    assert sum(piece.count(b"\r\n") for piece in pieces) == 201


def test_the_csv_is_safe_in_a_spreadsheet(round_, planner_client):
    response_submit(
        round_=round_,
        scores={"moving_around": 3},
        comments={"moving_around": {"good": '=HYPERLINK("http://x")', "better": "-1+1"}},
        background={"area": "@Norr"},
        today=DAY,
    )
    [_header, row] = _csv(planner_client.get(results_url(round_, "resultat.csv")))
    assert '\'=HYPERLINK("http://x")' in row and "'-1+1" in row and "'@Norr" in row


def test_the_public_csv_leaves_out_the_background_answers(lulea, client):
    round_ = make_round(lulea, publish=True)
    answer_randomly(round_, count=10, rare=0)
    rows = _csv(client.get(results_url(round_, "resultat.csv")))
    assert len(rows) == 11
    assert len(rows[0]) == 3 + 3 * len(themes_of(round_))
    assert not any(cell in ("Norr", "Söder") for row in rows for cell in row)


def test_the_xlsx_has_a_summary_and_the_comments(round_, raw, planner_client):
    response = planner_client.get(results_url(round_, "resultat.xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    summary, comments = workbook.worksheets
    rows = list(summary.iter_rows(values_only=True))
    _n, figures = expected(round_, raw)
    header_at = next(i for i, row in enumerate(rows) if row[1] and row[0] and row[2] and row[3])
    table = rows[header_at + 1 : header_at + 1 + len(figures)]
    for row, want in zip(table, figures.values(), strict=True):
        assert row[1] == want["n"]
        assert row[2] == pytest.approx(want["mean"], abs=1e-12)
        assert row[3] == want["median"]
        assert list(row[4:11]) == want["distribution"]
    wanted = sum(
        1 for answer in raw for c in answer["comments"].values() if c["good"] or c["better"]
    )
    assert comments.max_row - 1 == wanted


def test_the_pdf_report(round_, raw, planner_client):
    response = planner_client.get(results_url(round_, "resultat.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_compass_as_an_svg_file(round_, raw, planner_client):
    response = planner_client.get(results_url(round_, "resultat/kompass.svg"))
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.get("role") == "img"
    again = planner_client.get(results_url(round_, "resultat/kompass.svg"))
    assert again.content == response.content  # the same answers, the same bytes


def test_the_api_gives_the_same_files(round_, raw, api_client):
    csv_response = api_client.get(api_url(round_, "results.csv"))
    assert csv_response.status_code == 200 and csv_response.streaming
    assert len(_csv(csv_response)) == 201
    xlsx = api_client.get(api_url(round_, "results.xlsx"))
    assert xlsx.status_code == 200
    openpyxl.load_workbook(io.BytesIO(xlsx.content))
    pdf = api_client.get(api_url(round_, "results.pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    svg = api_client.get(api_url(round_, "results/compass.svg"), {"group": "age_band:30_44"})
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    assert api_client.get(api_url(round_, "results.pdf"), {"group": "x:y"}).status_code == 422
