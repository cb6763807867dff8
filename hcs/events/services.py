"""Registrations: confirmed while there are seats, then the waiting list, which moves up when
someone cancels. The event's row is locked while seats are counted, so registrations arriving
at the same moment never take more seats than there are."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, audit_redact
from hcs.events.emails import (
    event_cancelled_queue,
    promotion_queue,
    registration_confirmation_queue,
    reminder_queue,
)
from hcs.events.models import Event, EventQuestion, Registration
from hcs.lib.dates import local_day_bounds
from hcs.lib.gdpr import ERASED, PersonMatch, erased_address
from hcs.lib.text import forbidden_character
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
    answers: dict[int, str] | None = None,
    now: datetime | None = None,
    actor=None,
) -> RegistrationResult:
    """Register one person. Refused (ValidationError, code "conflict") after the deadline, after
    the event, for a cancelled event, or when the e-mail address is already registered for the
    event; refused (code "invalid") without an answer to a required question."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.cancelled:
            raise ValidationError(
                _("%(event)s is cancelled.") % {"event": event.title}, code="conflict"
            )
        if not event.is_open_for_registration(now):
            raise ValidationError(
                _("Registration for %(event)s has closed.") % {"event": event.title},
                code="conflict",
            )
        checked_answers = answers_check(event, answers or {})
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
            answers=checked_answers,
        )
        # The event is locked and the duplicate checked above; the database backs the
        # constraint. Skipping those checks here saves a query per check.
        registration.full_clean(exclude=["event", "organisation"], validate_constraints=False)
        registration.save()
        audit_record(
            actor=actor or email,
            action=AuditEntry.Action.CREATE,
            obj=registration,
            changes={"status": [None, registration.status]},
        )
        position = waiting_position(registration)
        # Queued with the registration, sent after the commit by the worker: a mail server
        # that is down never fails the registration (the secretariat sees the failure).
        registration_confirmation_queue(registration, position)
    return RegistrationResult(registration, position)


MAX_ANSWER = 1000


def answers_check(event: Event, answers: dict[int, str]) -> dict[str, str]:
    """The answers to the event's questions as stored ({question id: answer}), or a
    ValidationError naming each problem: a required question unanswered, a question the event
    does not ask, an answer too long or with a character that cannot be used."""
    questions = {q.pk: q for q in event.questions.all()}
    problems = []
    unknown = set(answers) - set(questions)
    if unknown:
        problems.append(_("The event does not ask some of the questions answered."))
    stored = {}
    for pk, question in questions.items():
        answer = (answers.get(pk) or "").strip()
        if question.required and not answer:
            problems.append(_("Answer the question “%(question)s”.") % {"question": question.text})
        elif len(answer) > MAX_ANSWER:
            problems.append(
                _("The answer to “%(question)s” is longer than %(max)d characters.")
                % {"question": question.text, "max": MAX_ANSWER}
            )
        elif forbidden_character(answer, multiline=True):
            problems.append(
                _("The answer to “%(question)s” contains a character that cannot be used.")
                % {"question": question.text}
            )
        elif answer:
            stored[str(pk)] = answer
    if problems:
        raise ValidationError(problems, code="invalid")
    return stored


def _promote(moved: Registration, actor, message: str) -> None:
    moved.status = Registration.Status.CONFIRMED
    moved.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=moved,
        changes={"status": ["waitlisted", "confirmed"]},
        message=message,
    )
    promotion_queue(moved)


def registration_cancel(*, registration: Registration, actor) -> Registration | None:
    """Cancel a registration; the first on the waiting list takes a freed seat and is told by
    e-mail. Returns the registration that moved up, if any."""
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
        if event.cancelled or (
            event.capacity is not None
            and event.registrations.filter(status=Registration.Status.CONFIRMED).count()
            >= event.capacity
        ):
            # Someone moved up by hand took the seat already (or the event is off).
            return None
        moved = (
            event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("id").first()
        )
        if moved is not None:
            _promote(moved, actor, "Moved up from the waiting list")
    return moved


def _fill_free_seats(event: Event, actor) -> int:
    """After a change of capacity, the first on the waiting list take the seats that are free
    now, and are told; returns how many moved up."""
    if event.cancelled:
        return 0
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("id")
    if event.capacity is not None:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        waiting = waiting[: max(0, event.capacity - confirmed)]
    moved = list(waiting)
    for registration in moved:
        _promote(registration, actor, "Moved up: the event has more seats")
    return len(moved)


def registration_promote(*, registration: Registration, actor) -> Registration:
    """The secretariat moves someone up from the waiting list by hand (an extra chair, a
    speaker's colleague): confirmed even when the event is full, and told by e-mail."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Registration.Status.WAITLISTED:
            raise ValidationError(
                _("Only someone on the waiting list can be moved up."), code="conflict"
            )
        if event.cancelled:
            raise ValidationError(
                _("%(event)s is cancelled.") % {"event": event.title}, code="conflict"
            )
        _promote(registration, actor, "Moved up from the waiting list by the secretariat")
    return registration


def event_cancel(*, event: Event, actor, message: str = "", now: datetime | None = None) -> int:
    """Cancel an event: it stays in the records, marked cancelled; its registrations are
    cancelled and each registrant is told by e-mail (with `message`, if any). Returns how many
    were told."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.cancelled:
            raise ValidationError(_("The event is already cancelled."), code="conflict")
        if event.ends < now:
            raise ValidationError(
                _("The event is over; a past event cannot be cancelled."), code="conflict"
            )
        event.cancelled_at = now
        event.save(update_fields=["cancelled_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=event,
            changes={"cancelled_at": [None, now.isoformat()]},
            message="Event cancelled",
        )
        active = list(event.registrations.exclude(status=Registration.Status.CANCELLED))
        for registration in active:
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_at"])
            event_cancelled_queue(registration, message)
    return len(active)


COPIED_FIELDS = (
    "title",
    "kind",
    "audience",
    "description",
    "all_day",
    "date_precision",
    "place",
    "online_url",
    "organiser",
    "group",
    "series",
    "capacity",
)


def event_copy(*, event: Event, starts: datetime, actor) -> Event:
    """A new event like `event` starting at `starts` (the same length, the deadline as long
    before it), with its questions and partners; no registrations, attendance or count."""
    shift = starts - event.starts
    copy = Event(
        **{name: getattr(event, name) for name in COPIED_FIELDS},
        starts=starts,
        ends=event.ends + shift,
        registration_deadline=event.registration_deadline + shift
        if event.registration_deadline
        else None,
    )
    with transaction.atomic():
        event_save(event=copy, actor=actor, partners=list(event.partners.all()))
        EventQuestion.objects.bulk_create(
            EventQuestion(event=copy, text=q.text, required=q.required, position=q.position)
            for q in event.questions.all()
        )
    return copy


def event_questions_set(*, event: Event, questions: list[tuple[str, bool]], actor) -> None:
    """The event's questions, in order ((text, required) each). A question kept in the same
    place keeps its id, so the answers already given stay with it."""
    questions = [(text.strip(), required) for text, required in questions]
    for text, _required in questions:
        if not text or forbidden_character(text):
            raise ValidationError(
                _("A question must have a text without characters that cannot be used."),
                code="invalid",
            )
    with transaction.atomic():
        existing = list(event.questions.all())
        before = [(q.text, q.required) for q in existing]
        if before == questions:
            return
        for position, (text, required) in enumerate(questions):
            if position < len(existing):
                question = existing[position]
                question.text, question.required, question.position = text, required, position
                question.full_clean(exclude=["event"])
                question.save()
            else:
                question = EventQuestion(
                    event=event, text=text, required=required, position=position
                )
                question.full_clean(exclude=["event"])
                question.save()
        for question in existing[len(questions) :]:
            question.delete()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=event,
            changes={"questions": [[t for t, _r in before], [t for t, _r in questions]]},
        )


def registrations_message(
    *, event: Event, statuses: list[str], subject: str, message: str, actor
) -> int:
    """E-mail the event's registrants of the given statuses: a member notice (hcs.mailings) to
    the event's registrants, sent in the background, each message with the registrant's own
    cancel link. Returns how many it goes to."""
    from hcs.mailings.models import Mailing
    from hcs.mailings.services import mailing_save, mailing_send, recipient_count

    if not subject.strip() or not message.strip():
        raise ValidationError(_("Write a subject and a message."), code="invalid")
    with transaction.atomic():
        mailing = mailing_save(
            actor=actor,
            kind=Mailing.Kind.MEMBER_NOTICE,
            subject=subject,
            body_markdown=message,
            audience={"event_ids": [event.pk], "event_statuses": statuses},
        )
        count = recipient_count(mailing)
        if count:
            mailing_send(mailing=mailing, actor=actor)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=event,
            changes={"message": [None, subject.strip()], "recipients": [None, count]},
            message="E-mail to registrants",
        )
    return count


def event_reminders_send(now: datetime | None = None) -> int:
    """Queue the reminder for every confirmed registration of the events that begin tomorrow
    (Swedish time) and are not cancelled, once per registration. Safe to run as often as one
    likes (the worker's schedule, cron, by hand). Returns how many were queued."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start, end = local_day_bounds(tomorrow)
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update()
            .filter(
                status=Registration.Status.CONFIRMED,
                reminded_at__isnull=True,
                event__cancelled_at__isnull=True,
                event__starts__gte=start,
                event__starts__lt=end,
            )
            .select_related("event")
        )
        for registration in due:
            reminder_queue(registration)
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            sent += 1
    return sent


def event_save(*, event: Event, actor, partners=None) -> Event:
    """Create or change an event (validated, audited); its reminders are scheduled for the
    morning before it begins."""
    from hcs.events.tasks import reminders_schedule

    with transaction.atomic():
        created = event.pk is None
        if not created:
            # Registrations count seats under this lock; so does moving the waiting up.
            Event.objects.select_for_update().filter(pk=event.pk).first()
        event.full_clean()
        event.save()
        if not created:
            _fill_free_seats(event, actor)
        starts = event.starts
        transaction.on_commit(lambda: reminders_schedule(starts), robust=True)
        if partners is not None:
            event.partners.set(partners)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            obj=event,
            changes={"title": [None, event.title], "starts": [None, event.starts.isoformat()]},
        )
    return event


@dataclass(frozen=True)
class Person:
    """One participant in a registration for several people, or in recorded attendance."""

    name: str
    email: str
    role: str


def registrations_create_many(
    *,
    event: Event,
    people: list[Person],
    organisation: Organisation,
    registered_by: str,
    now: datetime | None = None,
) -> list[RegistrationResult]:
    """A member's contact registers several people of their organisation at once. All or
    nothing: if one cannot be registered (a duplicate, the deadline), none is."""
    if not people:
        raise ValidationError(_("Add at least one participant."), code="invalid")
    emails = [person.email.strip().lower() for person in people]
    repeated = sorted({email for email in emails if emails.count(email) > 1})
    if repeated:
        raise ValidationError(
            _("The same e-mail address is given twice: %(emails)s.")
            % {"emails": ", ".join(repeated)},
            code="invalid",
        )
    with transaction.atomic():
        results = [
            registration_create(
                event=event,
                name=person.name,
                email=person.email,
                role=person.role,
                organisation=organisation,
                now=now,
            )
            for person in people
        ]
        audit_record(
            actor=registered_by,
            action=AuditEntry.Action.CREATE,
            obj=event,
            changes={"registrations": [None, len(results)]},
            message=f"Registered {len(results)} people of {organisation.code}",
        )
    return results


class _Keep(Enum):
    KEEP = "keep"


# Leave the participant count as it is.
KEEP = _Keep.KEEP


def _check_event_started(event: Event, now: datetime) -> None:
    if event.starts > now:
        raise ValidationError(
            _("Attendance can be recorded once the event has begun."), code="invalid"
        )


def attendee_add(
    *,
    event: Event,
    person: Person,
    organisation: Organisation | None,
    actor,
    organisation_name: str = "",
    now: datetime | None = None,
) -> Registration:
    """Record after the event that someone took part who had not registered (a digital
    meeting without registration, say). Capacity and deadline no longer apply: they took part."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _check_event_started(event, now)
        email = person.email.strip().lower()
        existing = event.registrations.exclude(status=Registration.Status.CANCELLED)
        if existing.filter(email=email).exists():
            raise ValidationError(
                _("%(email)s is already registered for this event.") % {"email": email},
                code="conflict",
            )
        registration = Registration(
            event=event,
            name=person.name.strip(),
            email=email,
            role=person.role,
            organisation=organisation,
            organisation_name=organisation_name.strip(),
            status=Registration.Status.CONFIRMED,
            attended=True,
        )
        # The event is locked and the duplicate checked above; the database backs the
        # constraint. Skipping those checks here saves a query per check.
        registration.full_clean(exclude=["event", "organisation"], validate_constraints=False)
        registration.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=registration,
            changes={"attended": [None, True]},
            message="Attendance recorded after the event",
        )
    return registration


def attendance_mark(
    *,
    event: Event,
    attended: dict[int, bool | None],
    actor,
    participant_count: int | Literal[_Keep.KEEP] | None = KEEP,
    now: datetime | None = None,
) -> int:
    """Mark who took part (registration id → True / False / None for unknown), and optionally
    the number of participants without names. Returns how many registrations changed."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _check_event_started(event, now)
        registrations = {
            r.pk: r
            for r in event.registrations.exclude(status=Registration.Status.CANCELLED).filter(
                pk__in=attended
            )
        }
        unknown = set(attended) - set(registrations)
        if unknown:
            raise ValidationError(
                _("Some registrations do not belong to this event or are cancelled."),
                code="invalid",
            )
        changed = 0
        for pk, value in attended.items():
            registration = registrations[pk]
            if registration.attended == value:
                continue
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=registration,
                changes={"attended": [registration.attended, value]},
            )
            registration.attended = value
            registration.save(update_fields=["attended"])
            changed += 1
        if participant_count is not KEEP and participant_count != event.participant_count:
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=event,
                changes={"participant_count": [event.participant_count, participant_count]},
            )
            event.participant_count = participant_count
            event.save(update_fields=["participant_count", "updated_at"])
    return changed


def event_delete(*, event: Event, actor) -> None:
    """Delete an event nobody has registered for; one with registrations is history to keep
    (attendance counts towards the membership criteria)."""
    with transaction.atomic():
        if event.registrations.exists():
            raise ValidationError(
                _("The event has registrations and cannot be deleted."), code="conflict"
            )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=event,
            changes={"title": [event.title, None]},
        )
        event.delete()


# Personal data (GDPR) ------------------------------------------------------------------------


def _registrations_of(match: PersonMatch):
    return Registration.objects.filter(
        match.q(email="email", name="name", organisation="organisation_id")
    )


def registration_addresses(match: PersonMatch) -> list[str]:
    """The addresses one person's registrations were made under (one may be another than
    theirs: found by name within their organisation)."""
    return list(_registrations_of(match).values_list("email", flat=True).distinct())


def registrations_export(match: PersonMatch) -> list[dict]:
    """Every registration of one person (by address, or by name in their organisation), for a
    person's data export."""
    return [
        {
            "event": r.event.title,
            "starts": r.event.starts.isoformat(),
            "name": r.name,
            "email": r.email,
            "organisation": r.organisation.name if r.organisation else r.organisation_name,
            "role": r.role,
            "status": r.status,
            "attended": r.attended,
            "answers": {
                question: r.answers[str(pk)]
                for pk, question in r.event.questions.values_list("pk", "text")
                if str(pk) in r.answers
            },
            "registered": r.created_at.isoformat(),
        }
        for r in _registrations_of(match)
        .select_related("event", "organisation")
        .order_by("created_at")
    ]


def registrations_erase(match: PersonMatch, actor, dry_run: bool = False) -> int:
    """Remove the name and e-mail address from one person's registrations. The registrations
    stay, with organisation, role and attendance, so past events keep their counts."""
    with transaction.atomic():
        registrations = list(_registrations_of(match).select_for_update())
        if dry_run:
            return len(registrations)
        for registration in registrations:
            registration.name = ERASED
            # Unique per event among active registrations, so each gets its own placeholder.
            registration.email = erased_address(registration.pk)
            # Answers may say more about a person than their name (allergies, say).
            registration.answers = {}
            registration.save(update_fields=["name", "email", "answers"])
            audit_redact(obj=registration, fields=("name", "email"), new_repr=str(registration))
            audit_record(
                actor=actor,
                action=AuditEntry.Action.ERASE,
                obj=registration,
                changes={"name": [ERASED, ERASED], "email": [ERASED, ERASED]},
            )
    return len(registrations)
