"""Events in the API. Every caller gets the events they may see (hcs.accounts.access): the
public's for everyone, members' events for member contacts, all of them – board meetings
included – for the secretariat (a staff token or session). Times are Swedish local time with
their offset: an all-day event on 14 March starts at 2024-03-14T00:00:00+01:00."""

from datetime import datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from hcs.accounts.auth import caller
from hcs.events.ical import calendar
from hcs.events.models import Event, Registration
from hcs.events.queries import events_visible_to, participants, public_events, with_participants
from hcs.events.services import registration_create
from hcs.lib import ratelimit
from hcs.lib.api import Id, Line, Year, errors, file_response, line
from hcs.organisations.models import Organisation

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    kind: Event.Kind
    title: str
    starts: datetime
    ends: datetime
    all_day: bool
    audience: Event.Audience
    place: str
    participants: int


class RegistrationIn(Schema):
    name: line(120)
    email: line(254)  # checked by the model (a Swedish message on 422)
    organisation_code: Line | None = None
    role: Registration.Role


class RegistrationOut(Schema):
    id: int
    status: str
    position: int | None


@router.get("/events", response={200: list[EventOut], **errors(401, 422)}, auth=caller)
def list_events(
    request,
    year: Annotated[Year | None, Query(description="Only events starting this year")] = None,
    kind: Event.Kind | None = None,
):
    """The events the caller may see, by year and kind."""
    events = with_participants(events_visible_to(request.auth))
    if year is not None:
        events = events.filter(starts__year=year)
    if kind is not None:
        events = events.filter(kind=kind)
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "title": e.title,
            "starts": timezone.localtime(e.starts),
            "ends": timezone.localtime(e.ends),
            "all_day": e.all_day,
            "audience": e.audience,
            "place": e.place or e.online_url,
            "participants": participants(e),
        }
        for e in events.order_by("starts")
    ]


@router.get(
    "/events.ics",
    response=errors(401),
    auth=caller,
    openapi_extra=file_response("text/calendar", "The calendar as iCalendar (RFC 5545)"),
)
def events_feed(request):
    """The calendar the caller may see, as iCalendar."""
    content = calendar(
        events_visible_to(request.auth).order_by("starts"),
        host=request.get_host().split(":")[0],
        name="Healthy Cities Sverige",
        now=timezone.now(),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, **errors(400, 404, 409, 413, 422, 429)},
)
def register(request, event_id: Id, payload: RegistrationIn):
    """Register for a public event: confirmed while there are seats, then the waiting list."""
    ratelimit.enforce(ratelimit.hit_client(request, "registration"))
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
