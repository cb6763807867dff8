"""The network as the seeds describe it: the facts the annual report 2024 states."""

from datetime import date

import pytest
from django.core.management import call_command

from hcs.audit.models import AuditEntry
from hcs.contacts.models import ContactPerson
from hcs.lib.dates import DatePrecision
from hcs.memberships.models import Membership
from hcs.memberships.queries import count_members, members_during, members_on

pytestmark = pytest.mark.django_db


def _names(rows):
    return {row.name for row in rows}


def test_twenty_members_at_the_end_of_2024_six_regions_and_fourteen_municipalities(demo):
    count = count_members(members_on(date(2024, 12, 31)))
    assert (count.total, count.regions, count.municipalities) == (20, 6, 14)


def test_nineteen_members_on_1_march_2024_before_region_norrbotten_joined(demo):
    rows = members_on(date(2024, 3, 1))
    assert len(rows) == 19
    assert "Region Norrbotten" not in _names(rows)


def test_huddinge_was_a_member_in_2015_and_not_in_june_2024(demo):
    assert "Huddinge" in _names(members_on(date(2015, 1, 1)))
    assert "Huddinge" not in _names(members_on(date(2024, 6, 1)))


def test_huddinges_exit_decision_is_recorded_as_in_the_minutes(demo):
    membership = Membership.objects.get(organisation__code="0126")
    assert membership.join_decision.date == date(2008, 10, 20)
    exit_decision = membership.exit_decision
    assert exit_decision.date == date(2023, 4, 26)
    assert exit_decision.paragraph == "§ 9"
    assert exit_decision.registry_number == "KS-2022/2516.10"
    # The minutes do not say the day the membership ended: stored as approximate.
    assert membership.end_precision == DatePrecision.YEAR


def test_the_members_during_2024_are_the_annual_reports_list(demo):
    rows = members_during(2024)
    assert len(rows) == 20
    norrbotten = next(row for row in rows if row.code == "25")
    assert norrbotten.since == date(2024, 6, 1)
    assert norrbotten.since_precision == DatePrecision.MONTH


def test_start_dates_the_sources_do_not_give_are_approximate_not_invented(demo):
    malmo = Membership.objects.get(organisation__code="1280")
    assert malmo.start_precision == DatePrecision.ON_OR_BEFORE
    assert malmo.is_approximate


def test_demo_contacts_use_example_org_addresses_only(demo):
    emails = set(ContactPerson.objects.values_list("email", flat=True))
    assert emails and all(email.endswith("@example.org") for email in emails)
    assert not ContactPerson.objects.exclude(phone="").exists()


def test_load_demo_twice_changes_nothing(db):
    call_command("load_demo", verbosity=0)
    counts = (Membership.objects.count(), ContactPerson.objects.count(), AuditEntry.objects.count())
    call_command("load_demo", verbosity=0)
    assert (
        Membership.objects.count(),
        ContactPerson.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
