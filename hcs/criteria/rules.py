"""The automatic criteria: one pure function each, from facts already read to a verdict with its
reason. The reason is what the coordinator (and the member) reads, so it names the figures.

The facts are gathered by `queries.compliance` in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hcs.criteria.models import Status
from hcs.invoices.rules import Status as InvoiceStatus
from hcs.lib.dates import format_date
from hcs.lib.money import format_sek


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


def contacts_verdict(*, political: bool, administrative: bool, on: date) -> Verdict:
    """A current political and a current administrative contact person."""
    missing = []
    if not political:
        missing.append(_("a political contact person"))
    if not administrative:
        missing.append(_("an administrative contact person"))
    if not missing:
        return Verdict(
            Status.MET,
            _("Has a political and an administrative contact person on %(day)s.")
            % {"day": format_date(on)},
        )
    return Verdict(
        Status.NOT_MET,
        _("Has no %(missing)s on %(day)s.")
        % {"missing": _(" and no ").join(missing), "day": format_date(on)},
    )


@dataclass(frozen=True)
class FeeFacts:
    number: int
    status: str
    outstanding: Decimal
    due_date: date


def fee_verdict(*, year: int, invoice: FeeFacts | None) -> Verdict:
    """The year's fee invoice is paid. Before it is due, an unpaid invoice is not yet a breach."""
    if invoice is None:
        return Verdict(
            Status.NOT_ASSESSED,
            _("No fee invoice for %(year)d has been issued.") % {"year": year},
        )
    values = {
        "number": invoice.number,
        "due": format_date(invoice.due_date),
        "outstanding": format_sek(invoice.outstanding),
    }
    if invoice.status == InvoiceStatus.PAID:
        return Verdict(Status.MET, _("Invoice %(number)d is paid.") % values)
    if invoice.status == InvoiceStatus.CREDITED:
        return Verdict(
            Status.NOT_ASSESSED,
            _("Invoice %(number)d was credited in full: assess by hand.") % values,
        )
    if invoice.status == InvoiceStatus.OVERDUE:
        return Verdict(
            Status.NOT_MET,
            _("Invoice %(number)d was due on %(due)s; %(outstanding)s is unpaid.") % values,
        )
    return Verdict(
        Status.NOT_ASSESSED,
        _("Invoice %(number)d is due on %(due)s; %(outstanding)s is unpaid so far.") % values,
    )


@dataclass(frozen=True)
class AnnualMeetingFacts:
    day: date
    attendance_marked: bool
    today: date


def annual_meeting_verdict(
    *,
    year: int,
    meeting: AnnualMeetingFacts | None,
    member_that_day: bool,
    politicians: int,
    officials: int,
) -> Verdict:
    """At least one politician and one official of the member attended the annual meeting."""
    if meeting is None:
        return Verdict(
            Status.NOT_ASSESSED, _("No annual meeting is recorded for %(year)d.") % {"year": year}
        )
    day = format_date(meeting.day)
    if not member_that_day:
        return Verdict(
            Status.NOT_ASSESSED,
            _("Was not a member on the day of the annual meeting (%(day)s).") % {"day": day},
        )
    if meeting.day > meeting.today:
        return Verdict(Status.NOT_ASSESSED, _("The annual meeting is on %(day)s.") % {"day": day})
    if not meeting.attendance_marked:
        return Verdict(
            Status.NOT_ASSESSED,
            _("Attendance at the annual meeting on %(day)s has not been marked.") % {"day": day},
        )
    counts = _("%(politicians)s and %(officials)s") % {
        "politicians": ngettext("%(n)d politician", "%(n)d politicians", politicians)
        % {"n": politicians},
        "officials": ngettext("%(n)d official", "%(n)d officials", officials) % {"n": officials},
    }
    status = Status.MET if politicians >= 1 and officials >= 1 else Status.NOT_MET
    return Verdict(
        status,
        _("At the annual meeting on %(day)s: %(counts)s.") % {"day": day, "counts": counts},
    )


def events_verdict(*, attended: int, threshold: int, year_over: bool) -> Verdict:
    """Took part in at least `threshold` of the year's network events."""
    values = {"attended": attended, "threshold": threshold}
    took_part = (
        ngettext(
            "Took part in %(attended)d network event",
            "Took part in %(attended)d network events",
            attended,
        )
        % values
    )
    required = _("at least %(threshold)d required") % values
    if attended >= threshold:
        return Verdict(Status.MET, f"{took_part} ({required}).")
    if not year_over:
        return Verdict(Status.NOT_MET, f"{took_part} {_('so far')} ({required}).")
    return Verdict(Status.NOT_MET, f"{took_part} ({required}).")


def follow_up_report_verdict(
    *, has_form: bool, submitted: date | None, deadline: date | None, today: date
) -> Verdict:
    """Met once the member has submitted the year's follow-up in the portal; not assessed while
    the year has no form; not met once the deadline has passed without it."""
    if not has_form:
        return Verdict(
            Status.NOT_ASSESSED, _("The secretariat has not yet published the year's form.")
        )
    if submitted is not None:
        return Verdict(
            Status.MET,
            _("Submitted the follow-up on %(day)s.") % {"day": format_date(submitted)},
        )
    if deadline is not None and today > deadline:
        return Verdict(
            Status.NOT_MET,
            _("No follow-up submitted by the deadline, %(day)s.") % {"day": format_date(deadline)},
        )
    return Verdict(
        Status.NOT_ASSESSED,
        _("The follow-up is not submitted yet (last day %(day)s).")
        % {"day": format_date(deadline) if deadline else "–"},
    )


@dataclass(frozen=True)
class AssessmentFacts:
    status: str
    assessed_on: date
    evidence_url: str
    note: str


def staff_verdict(*, assessment: AssessmentFacts | None) -> Verdict:
    if assessment is None:
        return Verdict(Status.NOT_ASSESSED, _("Not yet assessed by the secretariat."))
    parts = [_("Assessed on %(day)s.") % {"day": format_date(assessment.assessed_on)}]
    if assessment.note:
        parts.append(assessment.note.strip())
    if assessment.evidence_url:
        parts.append(_("Evidence: %(url)s") % {"url": assessment.evidence_url})
    return Verdict(assessment.status, " ".join(parts))


def advice(criterion) -> str:
    """What a member does to meet `criterion`: its own description when the secretariat wrote
    one, else the advice of its method (the member portal shows it under each unmet one)."""
    from hcs.criteria.models import Criterion

    if criterion.description.strip():
        return criterion.description.strip()
    method = Criterion.Method
    if criterion.method == method.CONTACTS:
        return _(
            "Name a political and an administrative contact person: propose them under Contact "
            "persons."
        )
    if criterion.method == method.FEE_PAID:
        return _(
            "Pay the year's invoice (under Invoices); write to the secretariat if it is wrong."
        )
    if criterion.method == method.ANNUAL_MEETING:
        return _(
            "Send at least one politician and one official to the annual meeting: register them "
            "under Our people at events."
        )
    if criterion.method == method.EVENTS:
        return ngettext(
            "Take part in at least %(n)d of the network's events this year: register colleagues "
            "under Our people at events.",
            "Take part in at least %(n)d of the network's events this year: register colleagues "
            "under Our people at events.",
            criterion.threshold or 1,
        ) % {"n": criterion.threshold or 1}
    if criterion.method == method.FOLLOW_UP_REPORT:
        return _("Submit the year's follow-up report to the secretariat.")
    if criterion.evidence_url_required:
        return _("Send the secretariat a link that shows it; they assess it.")
    return _("Tell the secretariat how you meet it; they assess it.")
