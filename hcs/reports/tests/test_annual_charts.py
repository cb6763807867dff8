"""The annual report's charts: the members over the years and the participants by kind of event,
each a labelled picture beside a table with the same numbers, on the page and in the PDF."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from hcs.events.models import Event
from hcs.lib.dates import DatePrecision
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation
from hcs.reports.annual import annual_report, members_by_year

pytestmark = pytest.mark.django_db

# The queries of the 2024 report (bench/annual_report.py measures the same number).
REPORT_QUERIES = 23


def _organisation(code, name, kind="municipality"):
    return Organisation.objects.create(code=code, name=name, kind=kind, county_code=code[:2])


def _member(organisation, start, end=None, precision=DatePrecision.DAY):
    return Membership.objects.create(
        organisation=organisation, start_date=start, end_date=end, start_precision=precision
    )


def _section(page: str, heading_id: str) -> str:
    """The page's HTML from the heading `heading_id` to the end of its section."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


# Built inline: these run before the demo is loaded.


def test_a_year_counts_every_organisation_that_was_a_member_on_some_day_of_it():
    lund = _organisation("1281", "Lund")
    region = _organisation("13", "Region Halland", kind="region")
    # Lund leaves in March 2018 and comes back in October 2018: one member of 2018, not two.
    _member(lund, date(2016, 5, 1), date(2018, 3, 31))
    _member(lund, date(2018, 10, 1))
    _member(region, date(2017, 6, 1), date(2019, 8, 31))
    counts = {
        row.year: (row.count.regions, row.count.municipalities) for row in members_by_year(2020)
    }
    assert counts == {
        2016: (0, 1),
        2017: (1, 1),  # joined in June: a member of 2017
        2018: (1, 1),
        2019: (1, 1),  # left in August: a member of 2019
        2020: (0, 1),
    }


def test_the_chart_goes_back_at_most_fifteen_years_and_not_before_the_first_member():
    _member(_organisation("1281", "Lund"), date(1995, 1, 1))
    years = [row.year for row in members_by_year(2024)]
    assert years == list(range(2010, 2025))
    assert members_by_year(1994) == []  # no member yet


def test_a_start_known_only_as_on_or_before_marks_the_years_before_it_as_a_minimum():
    _member(_organisation("1281", "Lund"), date(2015, 1, 1))
    _member(_organisation("1280", "Malmö"), date(2020, 1, 1), precision=DatePrecision.ON_OR_BEFORE)
    rows = {row.year: row for row in members_by_year(2021)}
    assert (rows[2019].count.total, rows[2019].at_least) == (1, True)
    assert (rows[2020].count.total, rows[2020].at_least) == (2, False)


# The demo network (the annual report 2024).


def test_the_members_chart_shows_the_twenty_members_of_2024(demo_2024):
    report = annual_report(2024)
    last = report.members_over_years[-1]
    assert (last.year, last.count.regions, last.count.municipalities) == (2024, 6, 14)
    assert not last.at_least
    # The years before 2024 are known only as lower bounds in the demo: the chart starts at
    # the first year whose count is known (the table lists the others, marked "at least").
    assert report.members_chart == [("2024", 20)]
    by_year = {row.year: row for row in report.members_over_years}
    # Region Norrbotten joined in June 2024: a member of 2024, not of 2023; Huddinge, which
    # left at the end of 2023, is 2023's one member in the records (the others' start is known
    # only as "1 January 2024 or earlier", so 2023 may have had more).
    assert (by_year[2023].count.regions, by_year[2023].count.municipalities) == (0, 1)
    assert by_year[2023].at_least
    # Huddinge joined in 2008; the chart goes back fifteen years.
    assert min(by_year) == 2010


def test_the_participants_chart_adds_up_the_years_events_by_kind(demo_2024):
    report = annual_report(2024)
    by_kind = dict(report.participants_by_kind)
    assert by_kind[str(Event.Kind.INTERNATIONAL_MEETING.label)] == 100  # Wellbeing Economy
    assert by_kind[str(Event.Kind.WEBINAR.label)] == 75  # the six regional webinars
    assert by_kind[str(Event.Kind.AUTUMN_MEETING.label)] == 20
    assert str(Event.Kind.SEMINAR.label) not in by_kind  # no participants recorded
    assert report.participants_by_kind[0] == (str(Event.Kind.INTERNATIONAL_MEETING.label), 100)
    assert sum(by_kind.values()) == report.participants_total


def test_the_page_shows_both_charts_beside_tables_with_the_same_numbers(
    demo_2024, coordinator_client
):
    page = coordinator_client.get("/verksamhetsberattelse/2024/").content.decode()
    members = _section(page, "members-over-the-years")
    assert re.search(r'<svg class="bar-chart"[^>]* role="img" aria-label="[^"]+"', members)
    assert 'data-total="20">20</td>' in members and ">6</td>" in members and ">14</td>" in members
    # A bar for each year whose count is known (2024); the table lists every year.
    assert members.count("<rect") == 1
    assert members.count("<tr>") - 1 == 15
    assert "<figcaption>" in members
    participants = _section(page, "participants-by-kind")
    assert re.search(r'<svg class="bar-chart"[^>]* role="img" aria-label="[^"]+"', participants)
    assert ">100</td>" in participants and ">75</td>" in participants
    assert ">260</td>" in participants  # the total


def test_the_pdf_holds_both_charts_drawn_in_colour(demo_2024, coordinator_client):
    # WeasyPrint draws an inline SVG without the page's style sheet: the colours are in it.
    with translation.override("sv"):
        html = render_to_string(
            "reports/annual_report_pdf.html",
            {"report": annual_report(2024), "texts": {}, "hidden": [], "published": True},
        )
    for heading in ("members-over-the-years", "participants-by-kind"):
        assert 'fill="#00529b"' in _section(html, heading)
    assert coordinator_client.get("/verksamhetsberattelse/2024.pdf").status_code == 200


def test_the_report_takes_the_same_queries_however_many_years_of_members(demo_2024):
    with CaptureQueriesContext(connection) as before:
        annual_report(2024)
    assert len(before.captured_queries) == REPORT_QUERIES
    for n, code in enumerate(("0114", "0115", "0117", "0120", "0125")):
        organisation = Organisation.objects.get(code=code)
        _member(organisation, date(2012 + n, 1, 1), date(2013 + n, 6, 30))
    starts = timezone.now().replace(year=2024, month=5, day=5)
    Event.objects.create(
        title="Ett till",
        kind=Event.Kind.SEMINAR,
        audience=Event.Audience.PUBLIC,
        starts=starts,
        ends=starts + timedelta(hours=1),
        participant_count=40,
    )
    with CaptureQueriesContext(connection) as after:
        report = annual_report(2024)
    assert len(after.captured_queries) == REPORT_QUERIES
    assert {row.year: row.count.total for row in report.members_over_years}[2014] == 1 + 2
    assert dict(report.participants_by_kind)[str(Event.Kind.SEMINAR.label)] == 40
