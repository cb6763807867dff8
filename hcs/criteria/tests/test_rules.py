"""The automatic criteria, one rule at a time, as the coordinator would read them."""

from datetime import date
from decimal import Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from hcs.criteria import rules
from hcs.criteria.models import Status
from hcs.invoices.rules import Status as InvoiceStatus


def test_both_contact_persons_meet_the_criterion():
    verdict = rules.contacts_verdict(political=True, administrative=True, on=date(2024, 12, 31))
    assert verdict.status == Status.MET


def test_a_missing_contact_person_is_named_in_the_reason():
    with translation.override("sv"):
        verdict = rules.contacts_verdict(
            political=False, administrative=True, on=date(2024, 12, 31)
        )
    assert verdict.status == Status.NOT_MET
    assert "politisk kontaktperson" in verdict.reason
    assert "31 december 2024" in verdict.reason


def _invoice(status, outstanding="0"):
    return rules.FeeFacts(
        number=7, status=status, outstanding=Decimal(outstanding), due_date=date(2024, 3, 31)
    )


def test_a_paid_invoice_meets_the_fee_criterion():
    assert rules.fee_verdict(year=2024, invoice=_invoice(InvoiceStatus.PAID)).status == "met"


def test_an_overdue_invoice_does_not_and_says_how_much_is_unpaid():
    with translation.override("sv"):
        verdict = rules.fee_verdict(year=2024, invoice=_invoice(InvoiceStatus.OVERDUE, "29250"))
    assert verdict.status == Status.NOT_MET
    assert "29\u00a0250\u00a0kr" in verdict.reason  # with non-breaking spaces
    assert "31 mars 2024" in verdict.reason


def test_an_invoice_not_yet_due_is_not_held_against_the_member():
    for status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID):
        verdict = rules.fee_verdict(year=2024, invoice=_invoice(status, "100"))
        assert verdict.status == Status.NOT_ASSESSED


def test_no_invoice_means_not_assessed():
    assert rules.fee_verdict(year=2024, invoice=None).status == Status.NOT_ASSESSED


MEETING = rules.AnnualMeetingFacts(
    day=date(2024, 3, 14), attendance_marked=True, today=date(2024, 12, 31)
)


def test_a_politician_and_an_official_at_the_annual_meeting_meet_the_criterion():
    verdict = rules.annual_meeting_verdict(
        year=2024, meeting=MEETING, member_that_day=True, politicians=1, officials=2
    )
    assert verdict.status == Status.MET


@given(politicians=st.integers(0, 5), officials=st.integers(0, 5))
def test_the_annual_meeting_needs_both_a_politician_and_an_official(politicians, officials):
    verdict = rules.annual_meeting_verdict(
        year=2024,
        meeting=MEETING,
        member_that_day=True,
        politicians=politicians,
        officials=officials,
    )
    expected = Status.MET if politicians and officials else Status.NOT_MET
    assert verdict.status == expected
    assert str(politicians) in verdict.reason and str(officials) in verdict.reason


def test_a_member_that_joined_after_the_annual_meeting_is_not_assessed_on_it():
    with translation.override("sv"):
        verdict = rules.annual_meeting_verdict(
            year=2024, meeting=MEETING, member_that_day=False, politicians=0, officials=0
        )
    assert verdict.status == Status.NOT_ASSESSED
    assert "14 mars 2024" in verdict.reason


def test_unmarked_attendance_and_a_future_meeting_are_not_assessed():
    unmarked = rules.AnnualMeetingFacts(
        day=date(2024, 3, 14), attendance_marked=False, today=date(2024, 12, 31)
    )
    future = rules.AnnualMeetingFacts(
        day=date(2024, 3, 14), attendance_marked=False, today=date(2024, 1, 10)
    )
    for meeting in (unmarked, future, None):
        verdict = rules.annual_meeting_verdict(
            year=2024, meeting=meeting, member_that_day=True, politicians=0, officials=0
        )
        assert verdict.status == Status.NOT_ASSESSED


@given(attended=st.integers(0, 30), threshold=st.integers(1, 12), year_over=st.booleans())
def test_events_are_met_exactly_at_the_threshold(attended, threshold, year_over):
    verdict = rules.events_verdict(attended=attended, threshold=threshold, year_over=year_over)
    assert (verdict.status == Status.MET) == (attended >= threshold)


def test_a_staff_verdict_shows_its_date_note_and_evidence():
    with translation.override("sv"):
        verdict = rules.staff_verdict(
            assessment=rules.AssessmentFacts(
                status=Status.MET,
                assessed_on=date(2024, 12, 10),
                evidence_url="https://www.lulea.se/healthy-cities",
                note="Egen sida om nätverket.",
            )
        )
    assert verdict.status == Status.MET
    assert "10 december 2024" in verdict.reason
    assert "https://www.lulea.se/healthy-cities" in verdict.reason
    assert rules.staff_verdict(assessment=None).status == Status.NOT_ASSESSED
