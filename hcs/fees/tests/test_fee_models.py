"""Fee models (fördelningsmodeller): the rule, the comparison with the current fees, the
spreadsheet for the board, adopting a model as a year's fees, and refused input."""

import io
import os
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from hcs.audit.models import AuditEntry
from hcs.fees.models import FeeMethod, FeeModel, FeeModelTier, FeeSchedule, FeeTier
from hcs.fees.queries import fee_model_comparison, fee_model_get
from hcs.fees.rules import (
    Distribution,
    Pricing,
    Schedule,
    full_fee,
    model_full_fee,
    per_inhabitant_amount,
)
from hcs.fees.services import fee_model_adopt, fee_model_delete, fee_model_save
from hcs.organisations.models import Organisation

TIERS_2024 = [(0, 23400), (20000, 41000), (200000, 58500)]
FEES_2024 = Schedule(year=2024, tiers=tuple(TIERS_2024), region_amount=58500)

populations = st.integers(min_value=0, max_value=3_000_000)
rates = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("10"), places=3)
roundings = st.sampled_from([1, 10, 100, 1000])


def _text(response):
    return response.content.decode().replace("\xa0", " ")


def _state():
    """Everything a fee-model write could touch."""
    return (
        list(FeeModel.objects.order_by("pk").values()),
        list(FeeModelTier.objects.order_by("pk").values()),
        list(FeeSchedule.objects.order_by("year").values_list("year", "region_amount")),
        list(FeeTier.objects.values_list("schedule__year", "min_population", "amount")),
        AuditEntry.objects.count(),
    )


def _model(**fields) -> FeeModel:
    return FeeModel(**{"name": "Förslag", "year": 2025, **fields})


def _line(comparison, name):
    return next(line for line in comparison.lines if line.line.name == name)


@pytest.fixture
def same_as_2024(demo):
    """A model that shares the fees exactly as the 2024 schedule does."""
    return fee_model_save(
        model=_model(name="Som 2024", region_kind=FeeMethod.FIXED, region_amount=58500),
        tiers=TIERS_2024,
        actor="test",
    )


@pytest.fixture
def per_inhabitant(demo):
    """Municipalities pay 0,20 kr per inhabitant, at least 15 000 and at most 90 000 kr."""
    return fee_model_save(
        model=_model(
            name="Per invånare",
            kind=FeeMethod.PER_INHABITANT,
            per_inhabitant=Decimal("0.20"),
            floor=15000,
            ceiling=90000,
            region_kind=FeeMethod.FIXED,
            region_amount=58500,
        ),
        actor="test",
    )


@pytest.fixture
def regions_by_population(demo):
    """Municipalities as in 2024; regions 0,05 kr per inhabitant, 40 000 to 80 000 kr."""
    return fee_model_save(
        model=_model(
            name="Regioner efter folkmängd",
            region_kind=FeeMethod.PER_INHABITANT,
            region_per_inhabitant=Decimal("0.05"),
            region_floor=40000,
            region_ceiling=80000,
        ),
        tiers=TIERS_2024,
        actor="test",
    )


# The rule: a full year's fee under a model, pure.


@pytest.mark.parametrize(
    ("population", "floor", "ceiling", "rounding", "fee"),
    [
        (362133, None, None, 100, 72400),  # 72 426,60 kr
        (362133, None, None, 1, 72427),
        (13660, 15000, 90000, 100, 15000),  # 2 700 kr: the floor
        (1767016, 15000, 90000, 100, 90000),  # 353 400 kr: the ceiling
        (362250, None, None, 100, 72500),  # 72 450 kr: halves upwards
        (0, None, None, 100, 0),
    ],
)
def test_a_fee_per_inhabitant_is_rounded_and_kept_between_floor_and_ceiling(
    population, floor, ceiling, rounding, fee
):
    amount = per_inhabitant_amount(
        population, Decimal("0.20"), floor=floor, ceiling=ceiling, rounding=rounding
    )
    assert amount == fee


@given(
    population=populations,
    rate=rates,
    bounds=st.tuples(st.integers(0, 200_000), st.integers(0, 200_000)).map(sorted),
    rounding=roundings,
)
def test_a_fee_per_inhabitant_stays_between_floor_and_ceiling(population, rate, bounds, rounding):
    floor, ceiling = bounds
    fee = per_inhabitant_amount(population, rate, floor=floor, ceiling=ceiling, rounding=rounding)
    assert floor <= fee <= ceiling


@given(population=populations, rate=rates, rounding=roundings)
def test_without_bounds_a_fee_per_inhabitant_is_the_rate_times_the_population_rounded(
    population, rate, rounding
):
    fee = per_inhabitant_amount(population, rate, rounding=rounding)
    assert fee % rounding == 0
    assert abs(fee - rate * population) <= Decimal(rounding) / 2


@given(
    smaller=populations,
    larger=populations,
    rate=rates,
    floor=st.one_of(st.none(), st.integers(0, 100_000)),
    extra=st.one_of(st.none(), st.integers(0, 100_000)),
    rounding=roundings,
)
def test_a_fee_per_inhabitant_never_falls_when_population_grows(
    smaller, larger, rate, floor, extra, rounding
):
    smaller, larger = sorted((smaller, larger))
    ceiling = None if extra is None else (floor or 0) + extra
    bounds = {"floor": floor, "ceiling": ceiling, "rounding": rounding}
    assert per_inhabitant_amount(smaller, rate, **bounds) <= per_inhabitant_amount(
        larger, rate, **bounds
    )


@st.composite
def valid_tiers(draw):
    """Tiers as check_tiers accepts them: from 0, rising bounds, amounts never falling."""
    bounds = sorted(set(draw(st.lists(st.integers(1, 2_000_000), max_size=6))))
    amounts = sorted(draw(st.lists(st.integers(0, 200_000), min_size=len(bounds) + 1)))
    return tuple(zip([0, *bounds], amounts, strict=False))


@given(tiers=valid_tiers(), smaller=populations, larger=populations)
def test_a_tier_model_never_charges_less_for_a_larger_population(tiers, smaller, larger):
    smaller, larger = sorted((smaller, larger))
    model = Distribution(
        Pricing(FeeMethod.TIERS, tiers=tiers), Pricing(FeeMethod.TIERS, tiers=tiers)
    )
    for kind in ("municipality", "region"):
        assert model_full_fee(model, kind, smaller) <= model_full_fee(model, kind, larger)


@given(population=populations, kind=st.sampled_from(["municipality", "region"]))
def test_a_model_with_the_schedules_tiers_and_region_amount_charges_as_the_schedule(
    population, kind
):
    model = Distribution(
        Pricing(FeeMethod.TIERS, tiers=FEES_2024.tiers), Pricing(FeeMethod.FIXED, amount=58500)
    )
    assert model_full_fee(model, kind, population) == full_fee(FEES_2024, kind, population)


def test_an_unknown_population_gives_no_fee_unless_the_amount_is_fixed():
    model = Distribution(
        Pricing(FeeMethod.PER_INHABITANT, per_inhabitant=Decimal("0.2"), rounding=100),
        Pricing(FeeMethod.FIXED, amount=58500),
    )
    assert model_full_fee(model, "municipality", None) is None
    assert model_full_fee(model, "region", None) == 58500


# The comparison with the 2024 fees (the demo network: 20 members, 878 050 kr).


def test_a_model_identical_to_the_2024_fees_changes_nothing(same_as_2024):
    comparison = fee_model_comparison(fee_model_get(same_as_2024.pk), 2024)
    assert len(comparison.lines) == 20
    assert {line.difference for line in comparison.lines} == {0}
    assert comparison.current_total == comparison.model_total == 878050
    assert comparison.difference == 0
    assert not comparison.incomplete


def test_a_per_inhabitant_model_charges_malmo_by_its_population(per_inhabitant):
    comparison = fee_model_comparison(fee_model_get(per_inhabitant.pk), 2024)
    malmo = _line(comparison, "Malmö")
    assert malmo.line.population == 362133  # 31 December 2023, as the 2024 fees count it
    assert (malmo.line.fee, malmo.model_fee, malmo.difference) == (58500, 72400, 13900)
    tomelilla = _line(comparison, "Tomelilla")
    assert (tomelilla.model_fee, tomelilla.difference) == (15000, -8400)  # the floor
    assert comparison.model_total == sum(line.model_fee for line in comparison.lines)
    assert comparison.difference == comparison.model_total - 878050


def test_regions_by_population_keep_the_years_rule_for_a_member_joining_during_it(
    regions_by_population,
):
    comparison = fee_model_comparison(fee_model_get(regions_by_population.pk), 2024)
    # Region Norrbotten joined in June 2024: half the fee, under the model as by the schedule.
    norrbotten = _line(comparison, "Region Norrbotten")
    assert (norrbotten.model_full_fee, norrbotten.model_fee) == (40000, 20000)  # the floor
    assert _line(comparison, "Västra Götalandsregionen").model_fee == 80000  # the ceiling
    assert _line(comparison, "Malmö").difference == 0


def test_the_comparison_takes_a_fixed_number_of_queries(same_as_2024, django_assert_num_queries):
    model = fee_model_get(same_as_2024.pk)
    with django_assert_num_queries(4):
        fee_model_comparison(model, 2024)


# Saving models: validated, audited, all or nothing.


def test_saving_a_model_records_it_with_its_tiers_in_the_audit_trail(same_as_2024):
    entry = AuditEntry.objects.get(content_type__model="feemodel", object_id=str(same_as_2024.pk))
    assert entry.action == AuditEntry.Action.CREATE and entry.actor_name == "test"
    assert entry.changes["tiers"] == [None, [[0, 23400], [20000, 41000], [200000, 58500]]]
    assert entry.changes["region_amount"] == [None, 58500]


def test_correcting_a_model_replaces_its_tiers_and_records_what_changed(same_as_2024):
    same_as_2024.name = "Fyra nivåer"
    fee_model_save(
        model=same_as_2024,
        tiers=[(0, 23400), (20000, 41000), (100000, 50000), (200000, 58500)],
        actor="test",
    )
    assert list(
        same_as_2024.tiers.order_by("min_population").values_list("min_population", "amount")
    ) == [(0, 23400), (20000, 41000), (100000, 50000), (200000, 58500)]
    entry = AuditEntry.objects.filter(content_type__model="feemodel").latest("id")
    assert entry.action == AuditEntry.Action.UPDATE
    assert set(entry.changes) == {"name", "tiers"}


@pytest.mark.parametrize(
    ("fields", "tiers", "region_tiers", "problem"),
    [
        ({"kind": "per_inhabitant"}, [], [], "give the amount per inhabitant"),
        ({"kind": "per_inhabitant", "per_inhabitant": 0}, [], [], "amount per inhabitant"),
        (
            {"kind": "per_inhabitant", "per_inhabitant": 1, "floor": 9, "ceiling": 8},
            [],
            [],
            "floor cannot be above their ceiling",
        ),
        ({"per_inhabitant": Decimal("0.2")}, TIERS_2024, [], "only when they pay per inhabitant"),
        ({"kind": "per_inhabitant", "per_inhabitant": 1}, TIERS_2024, [], "remove their tiers"),
        ({}, [], [], "at least one population tier"),
        ({}, [(0, 41000), (20000, 23400)], [], "Municipalities' tiers: A larger"),
        ({}, [(0, 1), (200000, 3), (20000, 2)], [], "out of order"),
        ({"region_amount": None}, TIERS_2024, [], "Regions pay a fixed amount: give"),
        ({"region_kind": "tiers"}, TIERS_2024, [(0, 1)], "only when they pay a fixed amount"),
        (
            {"region_kind": "tiers", "region_amount": None},
            TIERS_2024,
            [(100, 58500)],
            "Regions' tiers: The first tier",
        ),
        ({"region_amount": None, "region_kind": "tiers"}, TIERS_2024, [], "at least one"),
        ({}, TIERS_2024, [(0, 58500)], "Regions do not pay by population tier"),
        (
            {"region_kind": "per_inhabitant", "region_amount": None},
            TIERS_2024,
            [],
            "Regions pay per inhabitant: give",
        ),
        (
            {"region_floor": 5},
            TIERS_2024,
            [],
            "for regions apply only when they pay per inhabitant",
        ),
        ({"kind": "by_guess"}, [], [], "by_guess"),
        ({"year": 1999}, TIERS_2024, [], "2004"),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_message_and_nothing_is_written(
    demo, fields, tiers, region_tiers, problem
):
    before = _state()
    model = _model(**{"region_amount": 58500, **fields})
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        fee_model_save(model=model, tiers=tiers, region_tiers=region_tiers, actor="test")
    with translation.override("en"):
        assert problem in " ".join(refused.value.messages)
    assert _state() == before


def test_a_refused_correction_leaves_the_stored_model_as_it_was(same_as_2024):
    before = _state()
    same_as_2024.name = "Ändrat"
    same_as_2024.kind = FeeMethod.PER_INHABITANT  # without an amount per inhabitant
    with pytest.raises(ValidationError):
        fee_model_save(model=same_as_2024, tiers=[], actor="test")
    assert _state() == before


def test_deleting_a_proposal_is_recorded(same_as_2024):
    pk = same_as_2024.pk
    fee_model_delete(model=same_as_2024, actor="test")
    assert not FeeModel.objects.filter(pk=pk).exists()
    assert not FeeModelTier.objects.filter(model_id=pk).exists()
    entry = AuditEntry.objects.filter(content_type__model="feemodel", object_id=str(pk)).latest(
        "id"
    )
    assert entry.action == AuditEntry.Action.DELETE


# Adopting a model: next year's fee schedule.


def test_adopting_a_tier_model_makes_it_the_fee_schedule_of_its_year(same_as_2024, coordinator):
    same_as_2024.name = "Fyra nivåer"
    fee_model_save(
        model=same_as_2024,
        tiers=[(0, 23400), (20000, 41000), (100000, 50000), (200000, 58500)],
        actor="test",
    )
    schedule = fee_model_adopt(
        model=same_as_2024, actor=coordinator, decision="Årsmötet 20 mars 2025, § 8"
    )
    schedule = FeeSchedule.objects.get(year=2025)
    assert (schedule.region_amount, schedule.population_year) == (58500, 2024)
    assert list(schedule.tiers.values_list("min_population", "amount")) == [
        (0, 23400),
        (20000, 41000),
        (100000, 50000),
        (200000, 58500),
    ]
    assert schedule.proration == "half"  # the rules for joining come from 2024's schedule
    assert schedule.decision == "Årsmötet 20 mars 2025, § 8"
    same_as_2024.refresh_from_db()
    assert same_as_2024.adopted_as == schedule
    assert AuditEntry.objects.filter(
        content_type__model="feeschedule", object_id=str(schedule.pk), actor=coordinator
    ).exists()
    assert AuditEntry.objects.filter(
        content_type__model="feemodel", object_id=str(same_as_2024.pk), actor=coordinator
    ).exists()


def test_a_per_inhabitant_model_cannot_become_a_fee_schedule(per_inhabitant):
    before = _state()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        fee_model_adopt(model=per_inhabitant, actor="test")
    with translation.override("en"):
        assert "in this model they pay per inhabitant" in refused.value.messages[0]
    assert {e.code for e in refused.value.error_list} == {"not_a_schedule"}
    assert _state() == before


def test_a_model_where_regions_pay_by_population_cannot_become_a_fee_schedule(
    regions_by_population,
):
    before = _state()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        fee_model_adopt(model=regions_by_population, actor="test")
    with translation.override("en"):
        assert "one amount for all regions" in refused.value.messages[0]
    assert _state() == before


def test_adopting_a_model_for_a_year_that_has_fees_is_refused(demo):
    model = fee_model_save(
        model=_model(year=2024, region_amount=60000), tiers=TIERS_2024, actor="test"
    )
    before = _state()
    with pytest.raises(ValidationError) as refused:
        fee_model_adopt(model=model, actor="test")
    assert "Det finns redan en avgiftsplan för 2024." in refused.value.messages
    assert _state() == before


def test_an_adopted_model_is_a_record_it_cannot_be_changed_adopted_again_or_deleted(
    same_as_2024,
):
    fee_model_adopt(model=same_as_2024, actor="test")
    before = _state()
    same_as_2024.name = "Ändrat i efterhand"
    for attempt in (
        lambda: fee_model_save(model=same_as_2024, tiers=TIERS_2024, actor="test"),
        lambda: fee_model_adopt(model=same_as_2024, actor="test"),
        lambda: fee_model_delete(model=same_as_2024, actor="test"),
    ):
        with pytest.raises(ValidationError):
            attempt()
    assert _state() == before


# The pages.


def test_the_secretariat_lists_the_fee_models(coordinator_client, same_as_2024, per_inhabitant):
    page = _text(coordinator_client.get("/kansli/avgifter/modeller/"))
    assert "Som 2024" in page and "Per invånare" in page
    assert f"/kansli/avgifter/modeller/{per_inhabitant.pk}/" in page


def test_the_comparison_page_shows_each_members_fees_and_the_totals(
    coordinator_client, per_inhabitant
):
    url = f"/kansli/avgifter/modeller/{per_inhabitant.pk}/"
    response = coordinator_client.get(url, {"ar": "2024"})
    assert response.status_code == 200
    page = _text(response)
    comparison = fee_model_comparison(fee_model_get(per_inhabitant.pk), 2024)
    malmo = re.search(r"Malmö</td>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r">([^<]+)</td>", malmo) == [
        "362 133",
        "58 500 kr",
        "72 400 kr",
        "+13 900 kr",
    ]
    assert "878 050 kr" in page
    assert f"{comparison.model_total:,} kr".replace(",", " ") in page
    assert f"{url}jamforelse.xlsx?ar=2024" in page
    # Per inhabitant cannot become a schedule: the page says why instead of offering it.
    assert f"{url}anta/" not in page


def test_the_comparison_is_with_the_newest_fees_before_the_models_year_by_default(
    coordinator_client, same_as_2024
):
    response = coordinator_client.get(f"/kansli/avgifter/modeller/{same_as_2024.pk}/")
    assert response.status_code == 200
    assert response.context["comparison"].year == 2024
    assert f"/kansli/avgifter/modeller/{same_as_2024.pk}/anta/" in _text(response)


def test_a_year_without_fees_is_a_404(coordinator_client, same_as_2024):
    url = f"/kansli/avgifter/modeller/{same_as_2024.pk}/"
    assert coordinator_client.get(url + "?ar=1999").status_code == 404
    assert coordinator_client.get(url + "jamforelse.xlsx?ar=1999").status_code == 404


@pytest.mark.parametrize("query", ["?ar=tjugo", "?ar=²", "?ar=0"])
def test_a_year_that_cannot_be_read_is_a_clear_error(coordinator_client, same_as_2024, query):
    url = f"/kansli/avgifter/modeller/{same_as_2024.pk}/"
    response = coordinator_client.get(url + query)
    assert response.status_code == 400 and "är inte ett år" in _text(response)
    assert coordinator_client.get(url + "jamforelse.xlsx" + query).status_code == 400


def test_an_unknown_model_is_a_404(coordinator_client, demo):
    assert coordinator_client.get("/kansli/avgifter/modeller/999/").status_code == 404


def test_without_any_fee_schedule_there_is_nothing_to_compare_with(coordinator_client, db):
    model = fee_model_save(model=_model(region_amount=60000), tiers=TIERS_2024, actor="test")
    assert coordinator_client.get(f"/kansli/avgifter/modeller/{model.pk}/").status_code == 404


def test_the_secretariat_adopts_a_model_after_confirming(coordinator_client, same_as_2024):
    url = f"/kansli/avgifter/modeller/{same_as_2024.pk}/anta/"
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert not FeeSchedule.objects.filter(year=2025).exists()  # showing the page writes nothing
    assert 'method="post"' in _text(confirm)
    response = coordinator_client.post(url, {"decision": "Årsmötet 20 mars 2025, § 8"})
    assert response.status_code == 302 and response["Location"] == "/kansli/avgifter/2025/"
    assert FeeSchedule.objects.get(year=2025).decision == "Årsmötet 20 mars 2025, § 8"
    assert "878 050 kr" not in _text(coordinator_client.get(response["Location"]))  # 2025's fees


def test_adopting_a_per_inhabitant_model_on_the_page_is_refused(coordinator_client, per_inhabitant):
    before = _state()
    response = coordinator_client.post(f"/kansli/avgifter/modeller/{per_inhabitant.pk}/anta/")
    assert response.status_code == 400
    assert 'role="alert"' in _text(response)
    assert _state() == before


def _routes(model):
    base = f"/kansli/avgifter/modeller/{model.pk}/"
    return ["/kansli/avgifter/modeller/", base, base + "jamforelse.xlsx?ar=2024", base + "anta/"]


def test_an_anonymous_visitor_is_sent_to_log_in(client, same_as_2024):
    for url in _routes(same_as_2024):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"] or "logga-in" in response["Location"]
    before = _state()
    client.post(f"/kansli/avgifter/modeller/{same_as_2024.pk}/anta/")
    assert _state() == before


def test_staff_without_the_right_cannot_see_the_fee_models(
    client, same_as_2024, staff_without_rights
):
    client.force_login(staff_without_rights)
    for url in _routes(same_as_2024):
        assert client.get(url).status_code == 403, url
    before = _state()
    assert client.post(_routes(same_as_2024)[3]).status_code == 403
    assert _state() == before


def test_seeing_fee_models_does_not_allow_adopting_them(same_as_2024):
    reader = get_user_model().objects.create_user("styrelse", "s@example.org", "pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_feemodel"))
    client = Client()
    client.force_login(reader)
    assert client.get(_routes(same_as_2024)[1]).status_code == 200
    assert client.post(_routes(same_as_2024)[3]).status_code == 403
    assert not FeeSchedule.objects.filter(year=2025).exists()


# The back office (admin): models are defined there, saved through the service.


def _admin_form(**fields):
    data = {
        "name": "Fyra nivåer",
        "year": "2026",
        "description": "",
        "kind": "tiers",
        "per_inhabitant": "",
        "floor": "",
        "ceiling": "",
        "region_kind": "fixed",
        "region_amount": "60000",
        "region_per_inhabitant": "",
        "region_floor": "",
        "region_ceiling": "",
        "rounding": "100",
        "tiers-TOTAL_FORMS": "3",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "1000",
        "tiers-0-applies_to": "municipality",
        "tiers-0-min_population": "100000",
        "tiers-0-amount": "50000",
        "tiers-1-applies_to": "municipality",
        "tiers-1-min_population": "0",
        "tiers-1-amount": "24000",
        "tiers-2-applies_to": "municipality",
        "tiers-2-min_population": "20000",
        "tiers-2-amount": "42000",
    }
    return {**data, **fields}


def test_the_coordinator_defines_a_model_in_the_back_office(coordinator_client, demo):
    response = coordinator_client.post("/admin/fees/feemodel/add/", _admin_form())
    assert response.status_code == 302, _text(response)[:3000]
    model = FeeModel.objects.get(name="Fyra nivåer")
    assert list(model.tiers.values_list("min_population", "amount")) == [
        (0, 24000),
        (20000, 42000),
        (100000, 50000),
    ]
    assert AuditEntry.objects.filter(
        content_type__model="feemodel", object_id=str(model.pk), action="create"
    ).exists()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"tiers-0-amount": "10000"}, "Municipalities' tiers: A larger municipality cannot"),
        ({"kind": "per_inhabitant", "per_inhabitant": "0,2"}, "remove their tiers"),
        ({"floor": "5000"}, "only when they pay per inhabitant"),
    ],
)
def test_bad_parameters_are_refused_in_the_back_office(coordinator_client, demo, fields, problem):
    before = _state()
    with translation.override("en"):
        response = coordinator_client.post(
            "/admin/fees/feemodel/add/", _admin_form(**fields), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert problem in _text(response).replace("&#x27;", "'")
    assert _state() == before


def test_an_adopted_model_is_only_shown_in_the_back_office(coordinator_client, same_as_2024):
    fee_model_adopt(model=same_as_2024, actor="test")
    url = f"/admin/fees/feemodel/{same_as_2024.pk}/change/"
    assert coordinator_client.get(url).status_code == 200
    before = _state()
    response = coordinator_client.post(url, _admin_form(name="Ändrat i efterhand"))
    assert response.status_code == 403
    assert _state() == before


# The spreadsheet for the board.


def _export(client, model, year=2024):
    response = client.get(f"/kansli/avgifter/modeller/{model.pk}/jamforelse.xlsx?ar={year}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_the_comparison_exports_a_spreadsheet_with_the_figures_as_numbers(
    coordinator_client, per_inhabitant
):
    content = _export(coordinator_client, per_inhabitant)
    workbook = load_workbook(io.BytesIO(content))
    sheet, parameters = workbook.worksheets
    assert "Per invånare" in sheet["A1"].value and "2024" in sheet["A1"].value
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[2] is not None)
    members = rows[header + 1 : -1]
    assert len(members) == 20
    malmo = next(row for row in members if row[0] == "Malmö")
    assert malmo[2:] == (362133, 58500, 72400, 13900)
    comparison = fee_model_comparison(fee_model_get(per_inhabitant.pk), 2024)
    total = rows[-1]
    assert total[3:] == (878050, comparison.model_total, comparison.model_total - 878050)
    assert all(isinstance(value, int) for row in members for value in row[2:])
    total_row = sheet.max_row
    assert sheet.cell(row=total_row, column=4).number_format == '#,##0 "kr"'
    assert sheet.cell(row=total_row, column=3 + 0).value is None
    assert sheet.column_dimensions["A"].width >= 20
    # The model's parameters, for the board to read what it compares.
    values = [cell for row in parameters.iter_rows(values_only=True) for cell in row]
    assert "Per invånare" in values and 0.2 in values
    assert 15000 in values and 90000 in values


def test_a_model_and_member_named_like_a_formula_are_text_in_the_spreadsheet(
    coordinator_client, per_inhabitant
):
    formula = '=cmd|" /C calc"!A0'
    FeeModel.objects.filter(pk=per_inhabitant.pk).update(description=formula)
    Organisation.objects.filter(code="1280").update(name="@SUM(1+1)*cmd")
    workbook = load_workbook(io.BytesIO(_export(coordinator_client, per_inhabitant)))
    sheet, parameters = workbook.worksheets
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "'@SUM(1+1)*cmd" in names and "@SUM(1+1)*cmd" not in names
    values = [cell for row in parameters.iter_rows(values_only=True) for cell in row]
    assert "'" + formula in values and formula not in values


def _soffice() -> str | None:
    for name in ("soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice"):
        if found := shutil.which(name):
            return found
    return None


def test_the_exported_spreadsheet_opens_in_libreoffice(coordinator_client, same_as_2024, tmp_path):
    soffice = _soffice()
    if soffice is None:
        problem = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the XLSX cannot be checked: {problem}")
        pytest.skip(problem)
    xlsx = tmp_path / "jamforelse.xlsx"
    xlsx.write_bytes(_export(coordinator_client, same_as_2024))
    # Comma-separated UTF-8, cells as shown (with their number format), every sheet (-1).
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    result = subprocess.run(
        [
            soffice,
            # A fresh profile: works as root, and next to other runs.
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            csv_filter,
            "--outdir",
            str(tmp_path / "csv"),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    sheets = sorted((tmp_path / "csv").glob("*.csv"))
    assert len(sheets) == 2, result.stdout + result.stderr
    text = "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets)
    assert "Som 2024" in text and "Malmö" in text
    # The totals, shown by LibreOffice with the "kr" number format: numbers, not text.
    assert len(re.findall(r"878[ ,.\u00a0\u202f]?050 kr", text)) == 2
