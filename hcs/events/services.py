"""Registrations: confirmed while there are seats, then the waiting list, which moves up when
someone cancels. The event's row is locked while seats are counted, so registrations arriving
at the same moment never take more seats than there are."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.events.models import Event, Registration
from hcs.organisations.models import Organisation


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    position: int | None  # on the waiting list, 1 first; None when confirmed


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    earlier = Registration.objects.filter(
        event_id=registration.event_id,
        status=Registration.Status.WAITLISTED,
        id__lt=registration.id,
    ).count()
    return earlier + 1


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    now: datetime | None = None,
) -> RegistrationResult:
    """Register one person. Refused (ValidationError, code "conflict") after the deadline, after
    the event, or when the e-mail address is already registered for the event."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        deadline = event.registration_deadline or event.ends
        if now > deadline:
            raise ValidationError(
                _("Registration for %(event)s has closed.") % {"event": event.title},
                code="conflict",
            )
        email = email.strip().lower()
        taken = event.registrations.exclude(status=Registration.Status.CANCELLED)
        if taken.filter(email=email).exists():
            raise ValidationError(
                _("%(email)s is already registered for this event.") % {"email": email},
                code="conflict",
            )
        confirmed = taken.filter(status=Registration.Status.CONFIRMED).count()
        full = event.capacity is not None and confirmed >= event.capacity
        registration = Registration(
            event=event,
            name=name.strip(),
            email=email,
            role=role,
            organisation=organisation,
            organisation_name=organisation_name.strip(),
            status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
        )
        registration.full_clean()
        registration.save()
        audit_record(
            actor=email,
            action=AuditEntry.Action.CREATE,
            obj=registration,
            changes={"status": [None, registration.status]},
        )
        position = waiting_position(registration)
        transaction.on_commit(lambda: _send_confirmation(registration.pk))
    return RegistrationResult(registration, position)


def _send_confirmation(registration_id: int) -> None:
    from hcs.events.emails import send_registration_confirmation

    send_registration_confirmation(
        Registration.objects.select_related("event").get(pk=registration_id)
    )


def registration_cancel(*, registration: Registration, actor) -> Registration | None:
    """Cancel a registration; the first on the waiting list takes a freed seat. Returns the
    registration that moved up, if any."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("The registration is already cancelled."), code="conflict")
        freed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=registration,
            changes={"status": ["confirmed" if freed else "waitlisted", "cancelled"]},
        )
        if not freed:
            return None
        moved = (
            event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("id").first()
        )
        if moved is not None:
            moved.status = Registration.Status.CONFIRMED
            moved.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=moved,
                changes={"status": ["waitlisted", "confirmed"]},
                message="Moved up from the waiting list",
            )
    return moved


def event_save(*, event: Event, actor, partners=None) -> Event:
    with transaction.atomic():
        created = event.pk is None
        event.full_clean()
        event.save()
        if partners is not None:
            event.partners.set(partners)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            obj=event,
            changes={"title": [None, event.title], "starts": [None, event.starts.isoformat()]},
        )
    return event
