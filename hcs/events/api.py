from datetime import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from hcs.events.ical import calendar
from hcs.events.models import Event, Registration
from hcs.events.queries import participants, public_events, with_participants
from hcs.events.services import registration_create
from hcs.organisations.models import Organisation

router = Router(tags=["events"])


class ErrorOut(Schema):
    detail: str


class EventOut(Schema):
    id: int
    kind: Event.Kind
    title: str
    starts: datetime
    ends: datetime
    place: str
    participants: int


class RegistrationIn(Schema):
    name: str
    email: str  # checked by the model (a Swedish message on 422)
    organisation_code: str | None = None
    role: Registration.Role


class RegistrationOut(Schema):
    id: int
    status: str
    position: int | None


@router.get("/events", response=list[EventOut])
def list_events(request, year: int | None = None, kind: Event.Kind | None = None):
    """The public events, by year and kind."""
    events = with_participants(public_events())
    if year is not None:
        events = events.filter(starts__year=year)
    if kind is not None:
        events = events.filter(kind=kind)
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "title": e.title,
            "starts": e.starts,
            "ends": e.ends,
            "place": e.place or e.online_url,
            "participants": participants(e),
        }
        for e in events
    ]


@router.get("/events.ics")
def events_feed(request):
    """The public calendar as iCalendar."""
    content = calendar(
        public_events().order_by("starts"),
        host=request.get_host().split(":")[0],
        name="Healthy Cities Sverige",
        now=timezone.now(),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def register(request, event_id: int, payload: RegistrationIn):
    """Register for a public event: confirmed while there are seats, then the waiting list."""
    event = public_events().filter(pk=event_id).first()
    if event is None:
        raise Http404(_("There is no such public event."))
    organisation = None
    if payload.organisation_code:
        organisation = Organisation.objects.filter(code=payload.organisation_code).first()
        if organisation is None:
            raise Http404(
                _("There is no municipality or region with the code %(code)s.")
                % {"code": payload.organisation_code}
            )
    result = registration_create(
        event=event,
        name=payload.name,
        email=payload.email,
        role=payload.role,
        organisation=organisation,
    )
    return Status(
        201,
        {
            "id": result.registration.pk,
            "status": result.registration.status,
            "position": result.position,
        },
    )
