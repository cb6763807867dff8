"""The e-mails of events. Each is three templates (subject, text, HTML) and one function that
queues it (hcs.mail): the action stands whether or not the mail server answers.

Every e-mail to a registrant who holds a seat or a place in line carries the signed link that
cancels the registration without logging in (`cancel_url`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from hcs.events.ical import calendar
from hcs.events.models import Event, Registration
from hcs.mail.models import OutgoingEmail
from hcs.mail.services import email_queue, email_render

PURPOSE_REGISTRATION = "event_registration"
PURPOSE_PROMOTED = "event_promoted"
PURPOSE_REMINDER = "event_reminder"
PURPOSE_CANCELLED = "event_cancelled"

CANCEL_SALT = "hcs.events.registration-cancel"


def cancel_token(registration: Registration) -> str:
    """A token naming one registration, signed with the platform's secret key: whoever holds
    it (the registrant, from their e-mail) may cancel that registration."""
    return signing.Signer(salt=CANCEL_SALT).sign_object(registration.pk)


def registration_of_token(token: str) -> Registration | None:
    """The registration a cancel token names, or None for a token that is not ours."""
    try:
        pk = signing.Signer(salt=CANCEL_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


def cancel_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("events:cancel", args=[cancel_token(registration)])


def _ics(event: Event, links: bool) -> dict:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    content = calendar(
        [event], host=host, name=event.title, now=timezone.now(), links=links
    ).decode()
    return {"filename": "inbjudan.ics", "content_type": "text/calendar", "content": content}


def _queue(
    template: str, registration: Registration, purpose: str, *, ics: bool = False, **extra
) -> OutgoingEmail:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "cancel_url": cancel_url(registration),
        **extra,
    }
    subject, body, html = email_render(f"events/email/{template}", context)
    return email_queue(
        to=[registration.email],
        subject=subject,
        body=body,
        html=html,
        purpose=purpose,
        attachments=[_ics(event, registration.status == Registration.Status.CONFIRMED)]
        if ics
        else [],
    )


def registration_confirmation_queue(
    registration: Registration, position: int | None
) -> OutgoingEmail:
    """Confirm a registration (or its place on the waiting list), with the event as .ics and
    its online link, in the language the person registered in."""
    return _queue("registration", registration, PURPOSE_REGISTRATION, ics=True, position=position)


def promotion_queue(registration: Registration) -> OutgoingEmail:
    """Tell someone on the waiting list that a seat is theirs now."""
    return _queue("promoted", registration, PURPOSE_PROMOTED, ics=True)


def reminder_queue(registration: Registration) -> OutgoingEmail:
    """The reminder the day before, with the place or the online link."""
    return _queue("reminder", registration, PURPOSE_REMINDER)


def event_cancelled_queue(registration: Registration, message: str) -> OutgoingEmail:
    """Tell a registrant that the event is cancelled."""
    return _queue("event_cancelled", registration, PURPOSE_CANCELLED, message=message)
