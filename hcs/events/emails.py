"""The e-mails of events. Each is three templates (subject, text, HTML) and one function."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from hcs.events.ical import calendar
from hcs.events.models import Registration


def send_registration_confirmation(registration: Registration) -> None:
    """Confirm a registration (or its place on the waiting list), with the event as .ics."""
    from hcs.events.services import waiting_position

    context = {
        "registration": registration,
        "event": registration.event,
        "position": waiting_position(registration),
    }
    subject = render_to_string("events/email/registration_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("events/email/registration.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(
        render_to_string("events/email/registration.html", context), "text/html"
    )
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
    ics = calendar(
        [registration.event], host=host, name=registration.event.title, now=timezone.now()
    )
    message.attach("inbjudan.ics", ics, "text/calendar")
    message.send()
