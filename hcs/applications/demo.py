"""An open application for the demo, as the issue asks: from a municipality that took part in
one of the 2024 regional recruitment webinars.

Illustrative, not a fact: the annual report counts the webinars' participants (about 75) but
names no municipality, and no application is in the seeds. The demo picks Uddevalla (not a
member) for the western webinar, with a fictional official (example.org), so that the
recruitment page shows how attendance and an application meet.
"""

from datetime import timedelta

from django.utils import timezone

from hcs.applications.models import Application
from hcs.applications.services import application_note, application_submit
from hcs.events.models import Event
from hcs.events.services import Person, attendee_add
from hcs.organisations.models import Organisation

CODE = "1485"  # Uddevalla
WEBINAR = "Regionalt webbinarium om medlemskap: Väst"
APPLICANT = {
    "name": "Elin Exempel",
    "title": "Folkhälsostrateg",
    "email": "elin.exempel@example.org",
    "phone": "",
    "message": (
        "Vi deltog i det regionala webbinariet i våras och vill veta mer om vad ett medlemskap "
        "innebär inför ett politiskt beslut i kommunstyrelsen."
    ),
}


def load_applications_demo(actor) -> int:
    """The webinar attendance and the open application. Idempotent."""
    organisation = Organisation.objects.filter(code=CODE).first()
    webinar = Event.objects.filter(title=WEBINAR).first()
    if organisation is None or webinar is None:
        return 0
    if Application.objects.filter(organisation=organisation).exists():
        return 0
    if not webinar.registrations.filter(email=APPLICANT["email"]).exists():
        attendee_add(
            event=webinar,
            person=Person(name=APPLICANT["name"], email=APPLICANT["email"], role="official"),
            organisation=organisation,
            actor=actor,
        )
    application = application_submit(organisation_code=CODE, consent=True, **APPLICANT)
    application_note(
        application=application,
        actor=actor,
        note="Demo: ett inledande samtal om medlemskapet.",
        next_step="Ringa och boka ett digitalt möte med folkhälsostrategen",
        next_on=timezone.localdate() + timedelta(days=14),
    )
    return 1
