"""Våra medlemmar: the public list on a date or in a year, and each member's page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode().replace("\xa0", " ")


def test_the_members_page_counts_as_the_annual_report_does(client, demo):
    response = client.get("/medlemmar/?datum=2024-12-31")
    assert response.status_code == 200
    assert "20 medlemmar: 6 regioner och 14 kommuner" in _text(response)
    assert "Region Norrbotten" in _text(response)


def test_choosing_an_earlier_date_changes_the_count(client, demo):
    page = _text(client.get("/medlemmar/?datum=2024-03-01"))
    assert "19 medlemmar: 5 regioner och 14 kommuner" in page
    assert "Region Norrbotten" not in page


def test_a_year_lists_everyone_who_was_a_member_during_it(client, demo):
    page = _text(client.get("/medlemmar/?ar=2024"))
    assert "Under 2024 hade nätverket 20 medlemmar: 6 regioner och 14 kommuner" in page
    assert "från juni 2024" in page  # Region Norrbotten joined during the year
    assert page.count("från ") == 1  # the others were members all year: no note


def test_huddinge_is_listed_in_2015(client, demo):
    assert "Huddinge" in _text(client.get("/medlemmar/?datum=2015-01-01"))


def test_a_bad_date_gets_a_clear_swedish_error(client, demo):
    response = client.get("/medlemmar/?datum=2024-02-30")
    assert response.status_code == 400
    assert "Ange ett datum" in _text(response)


def test_a_year_before_the_network_existed_is_explained(client, demo):
    response = client.get("/medlemmar/?ar=1999")
    assert response.status_code == 400
    assert "2004" in _text(response)


def test_an_htmx_request_gets_only_the_list(client, demo):
    response = client.get("/medlemmar/?datum=2024-03-01", headers={"HX-Request": "true"})
    page = _text(response)
    assert "19 medlemmar" in page
    assert "<html" not in page


def test_a_bad_year_in_the_live_form_shows_its_error_in_the_list(client, demo):
    response = client.get("/medlemmar/?ar=1999", headers={"HX-Request": "true"})
    assert response.status_code == 200  # so that htmx shows it
    assert "2004" in _text(response)


def test_the_page_is_in_english_when_asked_for(client, demo):
    response = client.get("/medlemmar/?datum=2024-12-31", headers={"Accept-Language": "en"})
    assert "20 members: 6 regions and 14 municipalities" in _text(response)


def test_a_members_page_shows_since_when_and_its_website(client, demo):
    page = _text(client.get("/medlemmar/25/"))
    assert "Region Norrbotten" in page
    assert "Medlem sedan juni 2024" in page
    assert "ungefärligt" in page
    assert 'href="https://www.norrbotten.se"' in page


def test_a_former_members_page_shows_its_earlier_period_and_decisions(client, demo):
    page = _text(client.get("/medlemmar/0126/"))
    assert "Inte medlem i dag" in page
    assert "20 oktober 2008" in page
    assert "KS-2022/2516.10" in page
    assert "26 april 2023" in page


def test_an_organisation_that_never_was_a_member_has_no_member_page(client, demo):
    assert client.get("/medlemmar/0180/").status_code == 404
    assert client.get("/medlemmar/nope/").status_code == 404


def test_the_home_page_says_how_many_members_there_are_today(client, demo):
    assert "medlemmar" in _text(client.get("/"))


def _queries(client, url):
    cache.clear()  # measure the work behind the page, not the cache
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url", ["/medlemmar/?datum=2024-12-31", "/api/v1/members?on=2024-12-31"])
def test_the_number_of_queries_does_not_grow_with_the_registry(client, demo, url):
    from datetime import date

    from hcs.memberships.models import Membership
    from hcs.organisations.models import Organisation

    small = _queries(client, url)
    # Make every organisation a member with a long history: 311 members, 3 periods each.
    for organisation in Organisation.objects.exclude(memberships__isnull=False):
        Membership.objects.bulk_create(
            [
                Membership(
                    organisation=organisation,
                    start_date=date(1995, 1, 1),
                    end_date=date(1999, 12, 31),
                ),
                Membership(
                    organisation=organisation,
                    start_date=date(2001, 1, 1),
                    end_date=date(2009, 12, 31),
                ),
                Membership(organisation=organisation, start_date=date(2010, 1, 1)),
            ]
        )
    assert _queries(client, url) == small


def test_an_anonymous_visitor_can_switch_to_english(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/medlemmar/"})
    assert response.status_code == 302
    page = _text(client.get("/medlemmar/?datum=2024-12-31"))
    assert "20 members: 6 regions and 14 municipalities" in page
