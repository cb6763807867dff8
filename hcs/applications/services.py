"""Writes to membership applications: a submission from "Bli medlem" (or the API), the
secretariat's moves through the pipeline and notes, and the membership that ends it."""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.accounts.services import secretariat_tell
from hcs.applications.models import MESSAGE_MAX_LENGTH, Application, ApplicationStep
from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.lib.senders import sender_problems
from hcs.mail.services import email_queue, email_render
from hcs.memberships.models import Membership
from hcs.memberships.services import DecisionData, membership_start
from hcs.organisations.models import Organisation

PURPOSE_RECEIVED = "application_received"
S = Application.Status


def _problems(*, organisation, consent, **values) -> dict[str, str]:
    """Every problem of a submission at once, each naming its field."""
    problems = sender_problems(
        values,
        limits={"name": 120, "title": 120, "phone": 30, "message": MESSAGE_MAX_LENGTH},
        message_required=False,
    )
    if organisation is None:
        problems["organisation_code"] = _(
            "Organisation: choose one of Sweden's municipalities or regions."
        )
    if not consent:
        problems["consent"] = _("Consent: we may store the application only with your consent.")
    return problems


def application_submit(
    *,
    organisation_code: str,
    name: str,
    email: str,
    title: str = "",
    phone: str = "",
    message: str = "",
    consent: bool = True,
) -> Application:
    """Store an application with its first step, confirm it to the applicant and tell the
    secretariat; or, with any problem, store nothing and name every problem."""
    code = (organisation_code or "").strip()
    organisation = Organisation.objects.filter(code=code).first() if code else None
    values = {
        "name": (name or "").strip(),
        "title": (title or "").strip(),
        "email": (email or "").strip(),
        "phone": (phone or "").strip(),
        "message": (message or "").strip(),
    }
    problems = _problems(organisation=organisation, consent=consent, **values)
    if problems or organisation is None:
        raise ValidationError({field: [text] for field, text in problems.items()})
    with transaction.atomic():
        application = Application.objects.create(
            organisation=organisation, consent_at=timezone.now(), **values
        )
        ApplicationStep.objects.create(
            application=application, by=values["name"], to_status=S.INQUIRY
        )
        audit_record(
            actor=values["name"],
            action=AuditEntry.Action.CREATE,
            obj=application,
            changes={"organisation": [None, organisation.code], "status": [None, S.INQUIRY]},
        )
        subject, body, html = email_render(
            "applications/email/received", {"application": application}
        )
        email_queue(
            to=[application.email],
            subject=subject,
            body=body,
            html=html,
            purpose=PURPOSE_RECEIVED,
        )
        secretariat_tell(template="applications/email/new", context={"application": application})
    return application


def _locked_open(application: Application) -> Application:
    """The application, locked, if it is still open (not a member, not closed)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status in (S.MEMBER, S.CLOSED):
        raise ValidationError(
            _("The application is %(status)s: it cannot be moved.")
            % {"status": application.get_status_display().lower()},
            code="conflict",
        )
    return application


def _log(application, actor, *, from_status="", to_status="", note="") -> None:
    ApplicationStep.objects.create(
        application=application,
        by=str(actor)[:150],
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def application_move(*, application: Application, to: str, actor, note: str = "") -> Application:
    """Move an open application to another step of the pipeline (inquiry, dialogue, political
    decision) or close it, with a reason. A member is made by `application_membership`."""
    note = note.strip()
    with transaction.atomic():
        application = _locked_open(application)
        if to not in (S.INQUIRY, S.DIALOGUE, S.DECISION, S.CLOSED):
            raise ValidationError(
                _("A member is made by recording the decision and the start date."),
                code="invalid",
            )
        if to == application.status:
            raise ValidationError(_("The application is already at that step."), code="conflict")
        if to == S.CLOSED and not note:
            raise ValidationError({"note": _("Give the reason for closing the application.")})
        before = application.status
        application.status = to
        if to == S.CLOSED:
            application.closed_reason = note
        application.save(update_fields=["status", "closed_reason", "updated_at"])
        _log(application, actor, from_status=before, to_status=to, note=note)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=application,
            changes={"status": [before, to]},
        )
    return application


def application_note(
    *, application: Application, actor, note: str = "", next_step: str = "", next_on=None
) -> Application:
    """A note in the log, and the next step with its date."""
    note, next_step = note.strip(), next_step.strip()
    if not note and not next_step:
        raise ValidationError({"note": _("Write a note or the next step.")})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        before = (application.next_step, application.next_step_on)
        application.next_step, application.next_step_on = next_step, next_on
        others = [f.name for f in Application._meta.fields]
        application.full_clean(
            exclude=[n for n in others if n not in ("next_step", "next_step_on")]
        )
        application.save(update_fields=["next_step", "next_step_on", "updated_at"])
        _log(application, actor, note=note)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=application,
            changes={
                "next_step": [before[0], next_step],
                "next_step_on": [str(before[1] or ""), str(next_on or "")],
            },
        )
    return application


@dataclass(frozen=True)
class AppointedContact:
    """A contact person the new member appointed in its decision (DOMAIN: one political and
    one administrative at least)."""

    kind: str  # contacts.ContactRole.Kind
    name: str
    email: str = ""
    title: str = ""
    phone: str = ""
    party: str = ""


@dataclass
class MembershipMade:
    membership: Membership
    invited: list[str] = dataclasses.field(default_factory=list)  # the addresses invited
    not_invited: list[str] = dataclasses.field(default_factory=list)  # "Name: why", one each


def application_membership(
    *,
    application: Application,
    start_date: date,
    decision: DecisionData,
    actor,
    contacts: Sequence[AppointedContact] = (),
) -> MembershipMade:
    """The political decision is made: the organisation is a member from `start_date`, backed by
    the decision, with the contact persons it appointed (from the same day), and the application
    is done. All or nothing; refused (409) when the organisation is already a member on that
    date. Each contact with an address is then invited to an account (accounts.services); an
    invitation that cannot be sent yet (the membership starts later, the address is another
    login's) is reported, and does not undo the membership."""
    from hcs.accounts.services import invitation_send
    from hcs.contacts.services import contact_appoint

    with transaction.atomic():
        application = _locked_open(application)
        membership = membership_start(
            organisation=application.organisation,
            start_date=start_date,
            decision=decision,
            actor=actor,
        )
        appointed = []
        for contact in contacts:
            role = contact_appoint(
                organisation=application.organisation,
                kind=contact.kind,
                start_date=start_date,
                actor=actor,
                name=contact.name,
                email=contact.email,
                phone=contact.phone,
                title=contact.title,
                party=contact.party,
            )
            appointed.append(role.person)
        before = application.status
        application.status = S.MEMBER
        application.membership = membership
        application.save(update_fields=["status", "membership", "updated_at"])
        _log(
            application,
            actor,
            from_status=before,
            to_status=S.MEMBER,
            note=f"{decision.body} {decision.date.isoformat()} {decision.paragraph}".strip(),
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=application,
            changes={"status": [before, S.MEMBER], "membership": [None, membership.pk]},
        )
        made = MembershipMade(membership=membership)
        for person in appointed:
            if not person.email:
                made.not_invited.append(_("%(name)s: no e-mail address.") % {"name": person.name})
                continue
            try:
                invitation_send(person=person, actor=actor)
            except ValidationError as error:
                made.not_invited.append(f"{person.name}: {' '.join(error.messages)}")
            else:
                made.invited.append(person.email)
    return made
