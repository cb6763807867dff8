"""Fee schedules as data: the 2024 revenue from the records, indexing, and refused input."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from hcs.audit.models import AuditEntry
from hcs.fees.models import FeeSchedule, FeeTier
from hcs.fees.queries import fee_summary
from hcs.fees.services import fee_schedule_index, fee_schedule_save

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(FeeSchedule.objects.values_list("year", "region_amount")),
        list(FeeTier.objects.values_list("schedule__year", "min_population", "amount")),
        AuditEntry.objects.filter(content_type__model="feeschedule").count(),
    )


def test_the_2024_fees_total_878_050_kr_as_in_the_annual_report(demo):
    summary = fee_summary(2024)
    assert summary.total == 878050
    assert len(summary.lines) == 20
    fees = {line.name: line.fee for line in summary.lines}
    assert fees["Region Norrbotten"] == 29250
    assert fees["Malmö"] == 58500
    assert fees["Tomelilla"] == 23400
    assert sum(fee for name, fee in fees.items() if name != "Region Norrbotten") == 848800


def test_the_population_that_counts_is_from_the_year_before(demo):
    vara = next(line for line in fee_summary(2024).lines if line.code == "1470")
    assert (vara.population, vara.population_year) == (16066, 2023)


def test_huddinge_left_in_2023_and_pays_nothing_in_2024(demo):
    assert "0126" not in {line.code for line in fee_summary(2024).lines}


def test_the_schedule_api(client, demo):
    body = client.get("/api/v1/fees/2024/schedule").json()
    assert body == {
        "year": 2024,
        "tiers": [
            {"min_population": 0, "amount_sek": 23400},
            {"min_population": 20000, "amount_sek": 41000},
            {"min_population": 200000, "amount_sek": 58500},
        ],
        "region_amount_sek": 58500,
        "population_date": "2023-12-31",
        "proration": "half",
        "leaving": "full_year",
    }


def test_the_summary_api(client, demo):
    body = client.get("/api/v1/fees/2024/summary").json()
    assert body["total_sek"] == 878050
    norrbotten = next(m for m in body["members"] if m["code"] == "25")
    assert norrbotten == {
        "code": "25",
        "name": "Region Norrbotten",
        "kind": "region",
        "population": 248480,
        "full_fee_sek": 58500,
        "fee_sek": 29250,
    }


def test_an_unknown_year_is_a_404_in_swedish(client, demo):
    response = client.get("/api/v1/fees/1999/summary")
    assert response.status_code == 404
    assert response.json()["detail"] == "Det finns ingen avgiftsplan för 1999."


def test_the_fee_summary_command_prints_the_same_summary(client, demo):
    out = io.StringIO()
    call_command("fee_summary", "--year", "2024", "--json", stdout=out)
    assert json.loads(out.getvalue()) == client.get("/api/v1/fees/2024/summary").json()
    table = io.StringIO()
    call_command("fee_summary", "--year", "2024", stdout=table)
    assert "878\xa0050\xa0kr" in table.getvalue()


def test_the_fee_summary_command_refuses_an_unknown_year(demo):
    with pytest.raises(CommandError, match="1999"):
        call_command("fee_summary", "--year", "1999", stdout=io.StringIO())


def test_indexing_makes_next_years_schedule_and_leaves_this_year_alone(demo, coordinator):
    fees_2024 = FeeSchedule.objects.get(year=2024)
    fees_2025 = fee_schedule_index(
        source=fees_2024, index_percent=Decimal("2.8"), actor=coordinator
    )
    assert fees_2025.year == 2025 and fees_2025.population_year == 2024
    assert fees_2025.region_amount == 60100
    assert list(fees_2025.tiers.values_list("min_population", "amount")) == [
        (0, 24100),
        (20000, 42100),
        (200000, 60100),
    ]
    assert fees_2025.proration == "half" and fees_2025.based_on == fees_2024
    fees_2024.refresh_from_db()
    assert fees_2024.region_amount == 58500
    assert list(fees_2024.tiers.values_list("amount", flat=True)) == [23400, 41000, 58500]
    assert AuditEntry.objects.filter(
        content_type__model="feeschedule", object_id=str(fees_2025.pk), actor=coordinator
    ).exists()


def test_a_negative_index_is_refused_and_nothing_is_written(demo):
    before = _state()
    with pytest.raises(ValidationError) as refused:
        fee_schedule_index(
            source=FeeSchedule.objects.get(year=2024), index_percent=Decimal("-1"), actor="t"
        )
    assert "negativt" in refused.value.messages[0]
    assert _state() == before


def test_indexing_into_a_year_that_exists_is_refused(demo):
    fees_2024 = FeeSchedule.objects.get(year=2024)
    fee_schedule_index(source=fees_2024, index_percent=Decimal("2"), actor="t")
    before = _state()
    with pytest.raises(ValidationError):
        fee_schedule_index(source=fees_2024, index_percent=Decimal("3"), actor="t")
    assert _state() == before


@pytest.mark.parametrize(
    ("tiers", "problem"),
    [
        ([(0, 23400), (200000, 58500), (20000, 41000)], "ordning"),
        ([(0, 23400), (20000, 41000), (20000, 58500)], "ordning"),
        ([(100, 23400), (20000, 41000)], "0 invånare"),
        ([(0, 41000), (20000, 23400)], "mindre"),
        ([], "minst ett"),
    ],
)
def test_bad_tiers_are_refused_with_a_swedish_message_and_nothing_is_written(db, tiers, problem):
    before = _state()
    schedule = FeeSchedule(year=2026, region_amount=60000, population_year=2025)
    with pytest.raises(ValidationError) as refused:
        fee_schedule_save(schedule=schedule, tiers=tiers, actor="t")
    assert problem in " ".join(refused.value.messages)
    assert _state() == before


def test_the_population_year_must_be_before_the_fee_year(db):
    schedule = FeeSchedule(year=2026, region_amount=60000, population_year=2026)
    with pytest.raises(ValidationError):
        fee_schedule_save(schedule=schedule, tiers=[(0, 1)], actor="t")
    assert not FeeSchedule.objects.exists()
