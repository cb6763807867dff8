"""The e-mails of events. Each is three templates (subject, text, HTML) and one function that
queues it (hcs.mail): the registration stands whether or not the mail server answers."""

from django.conf import settings
from django.utils import timezone

from hcs.events.ical import calendar
from hcs.events.models import Registration
from hcs.mail.models import OutgoingEmail
from hcs.mail.services import email_queue, email_render

PURPOSE_REGISTRATION = "event_registration"


def registration_confirmation_queue(
    registration: Registration, position: int | None
) -> OutgoingEmail:
    """Confirm a registration (or its place on the waiting list), with the event as .ics, in
    the language the person registered in."""
    event = registration.event
    context = {"registration": registration, "event": event, "position": position}
    subject, body, html = email_render("events/email/registration", context)
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
    ics = calendar([event], host=host, name=event.title, now=timezone.now())
    return email_queue(
        to=[registration.email],
        subject=subject,
        body=body,
        html=html,
        purpose=PURPOSE_REGISTRATION,
        attachments=[
            {"filename": "inbjudan.ics", "content_type": "text/calendar", "content": ics.decode()}
        ],
    )
