"""Writes to memberships: starting, ending, correcting and removing a period.

Every function validates fully before writing and runs in one transaction with its audit entry:
a refused write raises ValidationError and changes nothing. Codes "overlap", "conflict" and
"already_ended" mean a conflict with stored data (HTTP 409 in the API).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, diff, save_audited, snapshot
from hcs.lib.dates import DatePrecision, format_date
from hcs.lib.periods import periods_overlap
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation

AUDITED_FIELDS = [
    f.name
    for f in Membership._meta.concrete_fields
    if f.name not in {"id", "created_at", "updated_at"}
]


@dataclass(frozen=True)
class DecisionData:
    """A member's political decision as entered: body, date, paragraph and registry number."""

    body: str
    date: date
    paragraph: str = ""
    registry_number: str = ""
    document: object = None  # an uploaded PDF, optional

    def apply_to(self, membership: Membership, kind: str) -> None:
        setattr(membership, f"{kind}_decision_body", self.body.strip())
        setattr(membership, f"{kind}_decision_date", self.date)
        setattr(membership, f"{kind}_decision_paragraph", self.paragraph.strip())
        setattr(membership, f"{kind}_decision_registry_number", self.registry_number.strip())
        if self.document is not None:
            setattr(membership, f"{kind}_decision_document", self.document)


def _overlap_error(membership: Membership) -> ValidationError | None:
    others = Membership.objects.filter(organisation_id=membership.organisation_id).exclude(
        pk=membership.pk
    )
    for other in others:
        if periods_overlap(
            membership.start_date, membership.end_date, other.start_date, other.end_date
        ):
            return ValidationError(
                _(
                    "%(organisation)s is already a member from %(start)s to %(end)s; "
                    "membership periods cannot overlap."
                ),
                code="overlap",
                params={
                    "organisation": membership.organisation.name,
                    "start": format_date(other.start_date, other.start_precision),
                    "end": format_date(other.end_date, other.end_precision) or _("today"),
                },
            )
    return None


def _decision_errors(membership: Membership) -> dict[str, ValidationError]:
    errors = {}
    for kind, effective, label in (
        ("join", membership.start_date, _("starts")),
        ("exit", membership.end_date, _("ends")),
    ):
        decided = getattr(membership, f"{kind}_decision_date")
        body = getattr(membership, f"{kind}_decision_body").strip()
        details = any(
            getattr(membership, f"{kind}_decision_{name}")
            for name in ("paragraph", "registry_number", "document")
        )
        if decided is None:
            if body or details:
                errors[f"{kind}_decision_date"] = ValidationError(
                    _("Give the date of the decision."), code="required"
                )
            continue
        if not body:
            errors[f"{kind}_decision_body"] = ValidationError(
                _("Say which body made the decision, e.g. Kommunstyrelsen."), code="required"
            )
        if effective is None:
            errors["end_date"] = ValidationError(
                _("An exit decision needs the date the membership ends."), code="required"
            )
        elif decided > effective:
            errors[f"{kind}_decision_date"] = ValidationError(
                _(
                    "The decision (%(decided)s) must be dated on or before the membership "
                    "%(effect_label)s (%(effect)s)."
                ),
                code="decision_after_effect",
                params={
                    "decided": format_date(decided),
                    "effect_label": label,
                    "effect": format_date(effective),
                },
            )
    return errors


def membership_check(membership: Membership) -> None:
    """Raise ValidationError if `membership` (saved or not) breaks a rule of the registry."""
    errors = _decision_errors(membership)
    if membership.end_date is not None and membership.end_date < membership.start_date:
        errors["end_date"] = ValidationError(
            _("The membership cannot end before it starts."), code="end_before_start"
        )
    if errors:
        raise ValidationError(errors)
    overlap = _overlap_error(membership)
    if overlap is not None:
        raise overlap


def membership_save(*, membership: Membership, actor, message: str = "") -> Membership:
    """Create or correct a period given as an instance (the admin's forms, the demo loader)."""
    with transaction.atomic():
        # One organisation's periods are written one transaction at a time, so the overlap
        # check cannot race with another write (PostgreSQL row lock; SQLite locks the file).
        Organisation.objects.select_for_update().get(pk=membership.organisation_id)
        membership_check(membership)
        save_audited(
            obj=membership,
            actor=actor,
            fields=AUDITED_FIELDS,
            message=message,
            # A concurrent write got there first and the database's constraints caught it.
            conflict_message=_(
                "The membership conflicts with another period of the same organisation."
            ),
        )
    return membership


def membership_start(
    *,
    organisation: Organisation,
    start_date: date,
    decision: DecisionData | None,
    actor,
    start_precision: str = DatePrecision.DAY,
    note: str = "",
) -> Membership:
    """Record that `organisation` is a member from `start_date`, backed by its joining decision."""
    membership = Membership(
        organisation=organisation,
        start_date=start_date,
        start_precision=start_precision,
        note=note,
    )
    if decision is not None:
        decision.apply_to(membership, "join")
    return membership_save(membership=membership, actor=actor, message="Membership started")


def membership_end(
    *,
    membership: Membership,
    end_date: date,
    decision: DecisionData | None,
    actor,
    end_precision: str = DatePrecision.DAY,
) -> Membership:
    """End an open membership on `end_date` (its last day), backed by the exit decision."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("organisation")
            .get(pk=membership.pk)
        )
        if membership.end_date is not None:
            raise ValidationError(
                _("This membership already ended on %(date)s."),
                code="already_ended",
                params={"date": format_date(membership.end_date, membership.end_precision)},
            )
        membership.end_date = end_date
        membership.end_precision = end_precision
        if decision is not None:
            decision.apply_to(membership, "exit")
        return membership_save(membership=membership, actor=actor, message="Membership ended")


def membership_decision_record(
    *, membership: Membership, kind: str, decision: DecisionData, actor
) -> Membership:
    """Record the joining ("join") or exit ("exit") decision of a membership afterwards (one
    recorded without it, as many of the network's early members were)."""
    if kind not in ("join", "exit"):
        raise ValueError(kind)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if kind == "exit" and membership.end_date is None:
            raise ValidationError(
                _("An exit decision belongs to a membership that has ended."), code="invalid"
            )
        decision.apply_to(membership, kind)
        return membership_save(
            membership=membership, actor=actor, message=f"{kind.capitalize()} decision recorded"
        )


def membership_delete(*, membership: Membership, actor) -> None:
    """Remove a period entered by mistake (a real exit is recorded with membership_end)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=membership,
            changes=diff(snapshot(membership, AUDITED_FIELDS), {}),
        )
        membership.delete()
