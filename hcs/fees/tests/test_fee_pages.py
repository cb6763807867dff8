"""The public fee table and the secretariat's fee pages."""

import pytest

from hcs.audit.models import AuditEntry
from hcs.fees.models import FeeSchedule

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode().replace("\xa0", " ")


def test_the_public_fee_table_shows_the_current_schedule(client, demo):
    page = _text(client.get("/bli-medlem/"))
    assert "Medlemsavgifter 2024" in page
    assert "0–19 999" in page and "20 000–199 999" in page and "200 000–" in page
    assert "23 400 kr" in page and "41 000 kr" in page and "58 500 kr" in page


def test_the_public_fee_table_without_any_schedule(client, db):
    assert client.get("/bli-medlem/").status_code == 200


def test_the_secretariat_sees_the_years_total(coordinator_client, demo):
    page = _text(coordinator_client.get("/kansli/avgifter/2024/"))
    assert "878 050 kr" in page
    assert "29 250 kr" in page and "del av året" in page


def test_the_secretariat_indexes_next_years_fees_with_a_swedish_decimal(coordinator_client, demo):
    response = coordinator_client.post(
        "/kansli/avgifter/2024/", {"index_percent": "2,8", "rounding": "100"}
    )
    assert response.status_code == 302
    assert FeeSchedule.objects.get(year=2025).region_amount == 60100


def test_a_negative_index_in_the_form_is_refused_and_nothing_is_written(coordinator_client, demo):
    entries = AuditEntry.objects.count()
    response = coordinator_client.post(
        "/kansli/avgifter/2024/", {"index_percent": "-1", "rounding": "100"}
    )
    assert response.status_code == 400
    assert "från 0 till 50" in _text(response)
    assert not FeeSchedule.objects.filter(year=2025).exists()
    assert AuditEntry.objects.count() == entries


def test_a_non_number_index_is_refused(coordinator_client, demo):
    response = coordinator_client.post(
        "/kansli/avgifter/2024/", {"index_percent": "två", "rounding": "100"}
    )
    assert response.status_code == 400
    assert not FeeSchedule.objects.filter(year=2025).exists()


@pytest.mark.parametrize(
    ("index", "rounding"),
    [("NaN", "100"), ("sNaN", "100"), ("Infinity", "100"), ("1e3", "100"), ("2,8", "²")],
)
def test_an_index_or_rounding_that_is_not_a_number_is_refused(
    coordinator_client, demo, index, rounding
):
    entries = AuditEntry.objects.count()
    response = coordinator_client.post(
        "/kansli/avgifter/2024/", {"index_percent": index, "rounding": rounding}
    )
    assert response.status_code == 400
    assert "Ange" in _text(response)
    assert not FeeSchedule.objects.filter(year=2025).exists()
    assert AuditEntry.objects.count() == entries


def test_staff_without_the_right_cannot_see_the_fees(client, demo, staff_without_rights):
    client.force_login(staff_without_rights)
    assert client.get("/kansli/avgifter/2024/").status_code == 403


def test_an_unknown_year_is_a_404(coordinator_client, demo):
    assert coordinator_client.get("/kansli/avgifter/1999/").status_code == 404


def test_the_coordinator_enters_a_years_fees_in_the_back_office(coordinator_client, demo):
    response = coordinator_client.post(
        "/admin/fees/feeschedule/add/",
        {
            "year": "2026",
            "region_amount": "61000",
            "population_year": "2025",
            "proration": "half",
            "leaving": "full_year",
            "rounding": "100",
            "decision": "",
            "note": "",
            "tiers-TOTAL_FORMS": "2",
            "tiers-INITIAL_FORMS": "0",
            "tiers-MIN_NUM_FORMS": "0",
            "tiers-MAX_NUM_FORMS": "1000",
            "tiers-0-min_population": "20000",
            "tiers-0-amount": "43000",
            "tiers-1-min_population": "0",
            "tiers-1-amount": "24500",
        },
    )
    assert response.status_code == 302, _text(response)[:3000]
    schedule = FeeSchedule.objects.get(year=2026)
    assert list(schedule.tiers.values_list("min_population", "amount")) == [
        (0, 24500),
        (20000, 43000),
    ]


def test_tiers_where_a_larger_municipality_pays_less_are_refused_in_the_back_office(
    coordinator_client, demo
):
    response = coordinator_client.post(
        "/admin/fees/feeschedule/add/",
        {
            "year": "2026",
            "region_amount": "61000",
            "population_year": "2025",
            "proration": "half",
            "leaving": "full_year",
            "rounding": "100",
            "tiers-TOTAL_FORMS": "2",
            "tiers-INITIAL_FORMS": "0",
            "tiers-MIN_NUM_FORMS": "0",
            "tiers-MAX_NUM_FORMS": "1000",
            "tiers-0-min_population": "0",
            "tiers-0-amount": "43000",
            "tiers-1-min_population": "20000",
            "tiers-1-amount": "24500",
        },
    )
    assert response.status_code == 200
    assert "kan inte betala mindre" in _text(response)
    assert not FeeSchedule.objects.filter(year=2026).exists()
