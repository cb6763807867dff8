"""Writes: criteria per year, the secretariat's assessments, and reminders to members.

Every function validates fully before it writes and writes in one transaction with its audit
entry; a refused write raises ValidationError and changes nothing."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, diff, save_audited, snapshot
from hcs.contacts.models import ContactRole
from hcs.criteria.models import Assessment, Criterion, Reminder, Status
from hcs.criteria.queries import ComplianceRow, compliance
from hcs.lib.gdpr import ERASED, PersonMatch
from hcs.lib.periods import in_effect
from hcs.mail.services import email_queue
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation

CRITERION_FIELDS = [
    "year",
    "key",
    "position",
    "name",
    "name_en",
    "description",
    "method",
    "threshold",
    "evidence_url_required",
]
ASSESSMENT_FIELDS = ["status", "evidence_url", "note", "assessed_on"]


def criterion_save(*, criterion: Criterion, actor) -> Criterion:
    with transaction.atomic():
        if criterion.method != Criterion.Method.EVENTS:
            criterion.threshold = None
        save_audited(
            obj=criterion,
            actor=actor,
            fields=CRITERION_FIELDS,
            conflict_message=_("The year already has a criterion with this key."),
        )
    return criterion


def criteria_copy(*, from_year: int, to_year: int, actor) -> list[Criterion]:
    """Start a year's criteria as a copy of an earlier year's (the coordinator then edits them).
    Refused if `to_year` already has criteria or `from_year` has none."""
    with transaction.atomic():
        source = list(Criterion.objects.filter(year=from_year).order_by("position", "key"))
        if not source:
            raise ValidationError(
                _("There are no criteria for %(year)d to copy.") % {"year": from_year},
                code="invalid",
            )
        if Criterion.objects.filter(year=to_year).exists():
            raise ValidationError(
                _("%(year)d already has criteria.") % {"year": to_year}, code="conflict"
            )
        copies = []
        for criterion in source:
            criterion.pk = None
            criterion.year = to_year
            copies.append(criterion_save(criterion=criterion, actor=actor))
    return copies


def _check_assessment(assessment: Assessment) -> None:
    criterion = assessment.criterion
    if criterion.is_automatic:
        raise ValidationError(
            _("“%(name)s” is assessed automatically from the records, not by hand.")
            % {"name": criterion.name},
            code="invalid",
        )
    needs_url = criterion.evidence_url_required and assessment.status == Status.MET
    if needs_url and not assessment.evidence_url:
        raise ValidationError(
            {"evidence_url": _("Give the web address that shows the criterion is met.")},
            code="invalid",
        )
    if assessment.assessed_on and assessment.assessed_on > timezone.localdate():
        raise ValidationError(
            {"assessed_on": _("The assessment cannot be dated in the future.")}, code="invalid"
        )
    year = criterion.year
    member = Membership.objects.filter(
        in_effect(date(year, 1, 1), date(year, 12, 31)), organisation=assessment.organisation
    ).exists()
    if not member:
        raise ValidationError(
            _("%(member)s was not a member during %(year)d.")
            % {"member": assessment.organisation.name, "year": year},
            code="invalid",
        )


def assessment_save(
    *,
    criterion: Criterion,
    organisation: Organisation,
    status: str,
    assessed_on: date,
    actor,
    evidence_url: str = "",
    note: str = "",
) -> Assessment:
    """Record (or change) the secretariat's verdict on a staff-assessed criterion."""
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update()
            .filter(criterion=criterion, organisation=organisation)
            .first()
        )
        assessment = assessment or Assessment(criterion=criterion, organisation=organisation)
        assessment.status = status
        assessment.assessed_on = assessed_on
        assessment.evidence_url = evidence_url.strip()
        assessment.note = note.strip()
        assessment.assessed_by = actor if getattr(actor, "pk", None) else None
        assessment.full_clean()
        _check_assessment(assessment)
        save_audited(
            obj=assessment,
            actor=actor,
            fields=ASSESSMENT_FIELDS,
            conflict_message=_("Someone else assessed this at the same moment. Try again."),
        )
    return assessment


def assessment_delete(*, assessment: Assessment, actor) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=assessment,
            changes=diff(snapshot(assessment, ASSESSMENT_FIELDS), {}),
        )
        assessment.delete()


# Reminders ---------------------------------------------------------------------------------

PURPOSE_REMINDER = "criteria_reminder"


@dataclass(frozen=True)
class ReminderDraft:
    row: ComplianceRow
    recipients: list[str]
    subject: str
    body: str

    @property
    def unmet(self):
        return [cell for cell in self.row.cells if cell.status == Status.NOT_MET]


def _recipients(organisation_ids: list[int], on: date) -> dict[int, list[str]]:
    """The e-mail addresses of each member's current contact persons (political first)."""
    found: dict[int, list[str]] = {}
    for org_id, email in (
        ContactRole.objects.filter(
            in_effect(on), person__organisation_id__in=organisation_ids, person__erased_at=None
        )
        .exclude(person__email="")
        .order_by("person__organisation_id", "-kind", "person__name")
        .values_list("person__organisation_id", "person__email")
    ):
        addresses = found.setdefault(org_id, [])
        if email not in addresses:
            addresses.append(email)
    return found


def reminder_drafts(year: int, *, today: date | None = None) -> list[ReminderDraft]:
    """One draft e-mail per member with at least one unmet criterion in `year`.

    Written in Swedish whatever the coordinator's language: it goes to Swedish members."""
    today = today or timezone.localdate()
    table = compliance(year, today=today)
    rows = [row for row in table.rows if row.count(Status.NOT_MET)]
    recipients = _recipients([row.organisation_id for row in rows], today)
    drafts = []
    with translation.override("sv"):
        for row in rows:
            unmet = [cell for cell in row.cells if cell.status == Status.NOT_MET]
            subject = _("Healthy Cities Sverige: membership criteria %(year)d for %(member)s") % {
                "year": year,
                "member": row.name,
            }
            body = render_to_string(
                "criteria/reminder_email.txt", {"year": year, "row": row, "unmet": unmet}
            )
            drafts.append(
                ReminderDraft(row, recipients.get(row.organisation_id, []), subject, body)
            )
    return drafts


def reminders_queue(*, year: int, organisation_ids: list[int], actor) -> list[Reminder]:
    """Queue a reminder for each chosen member that has unmet criteria and an e-mail address;
    the background worker sends them (through the e-mail queue, hcs.mail). Drafts are
    recomputed here, so what is sent is what the records say now. Replies go to the
    coordinator who sent them, not to the no-reply sender."""

    chosen = set(organisation_ids)
    drafts = [d for d in reminder_drafts(year) if d.row.organisation_id in chosen]
    if not drafts:
        raise ValidationError(
            _("None of the chosen members has unmet criteria for %(year)d.") % {"year": year},
            code="invalid",
        )
    sendable = [d for d in drafts if d.recipients]
    if not sendable:
        raise ValidationError(
            _("None of the chosen members has a contact person with an e-mail address."),
            code="invalid",
        )
    reminders = []
    with transaction.atomic():
        for draft in sendable:
            email = email_queue(
                to=draft.recipients,
                subject=draft.subject,
                body=draft.body,
                purpose=PURPOSE_REMINDER,
                reply_to=getattr(actor, "email", "") or "",
            )
            reminder = Reminder.objects.create(
                year=year,
                organisation_id=draft.row.organisation_id,
                recipients=draft.recipients,
                subject=draft.subject,
                body=draft.body,
                email=email,
                queued_by=actor if getattr(actor, "pk", None) else None,
            )
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=reminder,
                changes={"recipients": [None, len(draft.recipients)]},
                message=f"Reminder of unmet criteria {year}",
            )
            reminders.append(reminder)
    return reminders


# Personal data (GDPR) ------------------------------------------------------------------------


def _reminders_to(match: PersonMatch) -> list[Reminder]:
    # Reminders go to one member's contact persons, so the member's reminders are few.
    wanted = match.email.strip().lower()
    if not wanted or match.organisation_id is None:
        return []
    return [
        reminder
        for reminder in Reminder.objects.filter(
            organisation_id=match.organisation_id
        ).select_related("email")
        if wanted in (address.lower() for address in reminder.recipients)
    ]


def reminders_export(match: PersonMatch) -> list[dict]:
    return [
        {
            "year": r.year,
            "subject": r.subject,
            "state": r.email.state if r.email else None,
            "queued": r.queued_at.isoformat(),
            "sent": r.email.sent_at.isoformat() if r.email and r.email.sent_at else None,
        }
        for r in _reminders_to(match)
    ]


def reminders_erase(match: PersonMatch, dry_run: bool = False) -> int:
    """Replace a person's address among the recipients of the reminders sent to them."""
    reminders = _reminders_to(match)
    if not dry_run:
        wanted = match.email.strip().lower()
        for reminder in reminders:
            reminder.recipients = [
                ERASED if address.lower() == wanted else address for address in reminder.recipients
            ]
            reminder.save(update_fields=["recipients"])
    return len(reminders)
