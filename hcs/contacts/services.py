"""Writes to contact persons. A person's GDPR export and erasure: hcs.contacts.gdpr."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, diff, snapshot
from hcs.contacts.models import ContactPerson, ContactProposal, ContactRole, DataRequest
from hcs.lib.periods import periods_overlap
from hcs.organisations.models import Organisation

PERSONAL_FIELDS = ("name", "email", "phone", "title", "party")
ROLE_FIELDS = ("kind", "start_date", "end_date")


def _check_role_fits_person(person: ContactPerson, kind: str) -> None:
    if kind == ContactRole.Kind.POLITICAL and not person.party.strip():
        raise ValidationError(
            {"party": ValidationError(_("A political contact needs a party."), code="required")}
        )
    if kind == ContactRole.Kind.ADMINISTRATIVE and not person.title.strip():
        raise ValidationError(
            {
                "title": ValidationError(
                    _("An administrative contact needs a title."), code="required"
                )
            }
        )


def _check_role_periods(role: ContactRole) -> None:
    others = ContactRole.objects.filter(person_id=role.person_id, kind=role.kind).exclude(
        pk=role.pk
    )
    for other in others:
        if periods_overlap(role.start_date, role.end_date, other.start_date, other.end_date):
            raise ValidationError(
                _("%(person)s already has this role from %(start)s; the periods cannot overlap."),
                code="overlap",
                params={"person": role.person.name, "start": other.start_date.isoformat()},
            )


def contact_person_create(
    *,
    organisation: Organisation,
    name: str,
    actor,
    email: str = "",
    phone: str = "",
    title: str = "",
    party: str = "",
) -> ContactPerson:
    person = ContactPerson(
        organisation=organisation,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        title=title.strip(),
        party=party.strip(),
    )
    with transaction.atomic():
        person.full_clean()
        person.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=person,
            changes=diff({}, snapshot(person, ("organisation", *PERSONAL_FIELDS))),
        )
    return person


def contact_person_update(*, person: ContactPerson, actor, **values) -> ContactPerson:
    allowed = {"organisation", *PERSONAL_FIELDS}
    if set(values) - allowed:
        raise TypeError(f"contact_person_update cannot change {sorted(set(values) - allowed)}")
    with transaction.atomic():
        person = ContactPerson.objects.select_for_update().get(pk=person.pk)
        if person.erased_at:
            raise ValidationError(_("This person's data has been erased."), code="erased")
        before = snapshot(person, values)
        for name, value in values.items():
            setattr(person, name, value.strip() if isinstance(value, str) else value)
        person.full_clean()
        for role in person.roles.all():
            _check_role_fits_person(person, role.kind)
        changes = diff(before, snapshot(person, values))
        if changes:
            person.save()
            audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=person, changes=changes)
    return person


def contact_role_add(
    *, person: ContactPerson, kind: str, start_date: date, actor, end_date: date | None = None
) -> ContactRole:
    role = ContactRole(person=person, kind=kind, start_date=start_date, end_date=end_date)
    with transaction.atomic():
        ContactPerson.objects.select_for_update().get(pk=person.pk)
        _check_role_fits_person(person, kind)
        role.full_clean()
        _check_role_periods(role)
        role.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=person,
            changes={f"role:{kind}": [None, f"{start_date.isoformat()}–{_iso(end_date)}"]},
            message="Role added",
        )
    return role


def contact_role_update(*, role: ContactRole, actor, **values) -> ContactRole:
    if set(values) - set(ROLE_FIELDS):
        raise TypeError(
            f"contact_role_update cannot change {sorted(set(values) - set(ROLE_FIELDS))}"
        )
    with transaction.atomic():
        ContactPerson.objects.select_for_update().get(pk=role.person_id)
        role = ContactRole.objects.select_related("person").get(pk=role.pk)
        before = snapshot(role, ROLE_FIELDS)
        for name, value in values.items():
            setattr(role, name, value)
        _check_role_fits_person(role.person, role.kind)
        role.full_clean()
        _check_role_periods(role)
        changes = diff(before, snapshot(role, ROLE_FIELDS))
        if changes:
            role.save()
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=role.person,
                changes={f"role:{name}": pair for name, pair in changes.items()},
                message="Role changed",
            )
    return role


def contact_role_delete(*, role: ContactRole, actor) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=role.person,
            changes={f"role:{role.kind}": [f"{role.start_date}–{_iso(role.end_date)}", None]},
            message="Role removed",
        )
        role.delete()


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def contact_appoint(
    *,
    organisation: Organisation,
    kind: str,
    start_date: date,
    actor,
    name: str,
    email: str = "",
    phone: str = "",
    title: str = "",
    party: str = "",
    replaces: ContactRole | None = None,
) -> ContactRole:
    """A new contact person in `kind`'s role from `start_date`; with `replaces`, the role they
    take over ends the day before. All or nothing."""
    with transaction.atomic():
        if replaces is not None:
            if replaces.person.organisation_id != organisation.pk or replaces.kind != kind:
                raise ValidationError(
                    _("The role replaced must be the same role of the same organisation."),
                    code="invalid",
                )
            last_day = start_date - timedelta(days=1)
            if replaces.end_date is None or replaces.end_date > last_day:
                contact_role_update(role=replaces, actor=actor, end_date=last_day)
        person = contact_person_create(
            organisation=organisation,
            name=name,
            email=email,
            phone=phone,
            title=title,
            party=party,
            actor=actor,
        )
        return contact_role_add(person=person, kind=kind, start_date=start_date, actor=actor)


def data_request_record(*, request: DataRequest, actor) -> DataRequest:
    """Record a person's request about their data, received by e-mail, phone or letter."""
    request.name = request.name.strip()
    with transaction.atomic():
        request.full_clean()
        request.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=request,
            changes={"kind": [None, request.kind], "received_on": [None, str(request.received_on)]},
        )
    return request


def data_request_handle(
    *, request: DataRequest, handled_on: date, outcome: str, actor
) -> DataRequest:
    """Close a request: when, and what was done (a copy sent, the data erased, …)."""
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        if request.handled_on is not None:
            raise ValidationError(_("The request is already handled."), code="conflict")
        if handled_on < request.received_on:
            raise ValidationError(
                {"handled_on": _("A request cannot be handled before it was received.")}
            )
        request.handled_on = handled_on
        request.outcome = outcome.strip()
        request.full_clean()
        request.save(update_fields=["handled_on", "outcome"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=request,
            changes={"handled_on": [None, str(handled_on)]},
        )
    return request


# Members' proposals of a new contact person ------------------------------------------------


def contact_proposal_submit(*, proposal: ContactProposal, actor) -> ContactProposal:
    """A member's contact proposes a new contact person for their own organisation. Checked as
    an appointment would be (a party for a political contact, a title for an administrative
    one; the role replaced is the organisation's, in the same role and current); the
    secretariat is told."""
    from hcs.accounts.services import secretariat_tell

    for name in ("name", "email", "phone", "title", "party", "message"):
        setattr(proposal, name, getattr(proposal, name).strip())
    with transaction.atomic():
        proposal.status = ContactProposal.Status.PENDING
        proposal.full_clean()
        _check_role_fits_person(
            ContactPerson(title=proposal.title, party=proposal.party), proposal.kind
        )
        replaced = proposal.replaces
        if replaced is not None and (
            replaced.person.organisation_id != proposal.organisation_id
            or replaced.kind != proposal.kind
        ):
            raise ValidationError(
                {"replaces": _("The role replaced must be the same role of your organisation.")}
            )
        if replaced is not None and replaced.start_date >= proposal.start_date:
            raise ValidationError(
                {"start_date": _("The new contact must start after the one replaced started.")}
            )
        proposal.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=proposal,
            changes={
                "kind": [None, proposal.kind],
                "start_date": [None, proposal.start_date.isoformat()],
                "replaces": [None, proposal.replaces_id],
            },
        )
        secretariat_tell(template="contacts/email/proposal", context={"proposal": proposal})
    return proposal


def _pending(proposal: ContactProposal) -> ContactProposal:
    proposal = (
        ContactProposal.objects.select_for_update(of=("self",))
        .select_related("organisation", "replaces__person")
        .get(pk=proposal.pk)
    )
    if proposal.status != ContactProposal.Status.PENDING:
        raise ValidationError(_("The proposal has already been handled."), code="conflict")
    return proposal


def contact_proposal_apply(*, proposal: ContactProposal, actor, now=None) -> ContactRole:
    """Appoint the proposed person (hcs.contacts.services.contact_appoint: the role replaced
    ends the day before), all or nothing, with an audit entry for each change."""
    from django.utils import timezone

    with transaction.atomic():
        proposal = _pending(proposal)
        role = contact_appoint(
            organisation=proposal.organisation,
            kind=proposal.kind,
            start_date=proposal.start_date,
            actor=actor,
            name=proposal.name,
            email=proposal.email,
            phone=proposal.phone,
            title=proposal.title,
            party=proposal.party,
            replaces=proposal.replaces,
        )
        proposal.status = ContactProposal.Status.APPLIED
        proposal.handled_at = now or timezone.now()
        proposal.handled_by = str(actor)[:150]
        proposal.role = role
        proposal.save(update_fields=["status", "handled_at", "handled_by", "role"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=proposal,
            changes={"status": ["pending", "applied"], "role": [None, role.pk]},
        )
    return role


def contact_proposal_decline(*, proposal: ContactProposal, reason: str, actor, now=None) -> None:
    from django.utils import timezone

    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for the member's contact.")})
    with transaction.atomic():
        proposal = _pending(proposal)
        proposal.status = ContactProposal.Status.DECLINED
        proposal.handled_at = now or timezone.now()
        proposal.handled_by = str(actor)[:150]
        proposal.reason = reason
        proposal.save(update_fields=["status", "handled_at", "handled_by", "reason"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=proposal,
            changes={"status": ["pending", "declined"], "reason": [None, reason]},
        )
