"""Events in the API. Every caller gets the events they may see (hcs.accounts.access): the
public's for everyone, members' events for member contacts, all of them – board meetings
included – for the secretariat (a staff token or session). Times are Swedish local time with
their offset: an all-day event on 14 March starts at 2024-03-14T00:00:00+01:00."""

from datetime import datetime
from enum import Enum
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from hcs.accounts.access import secretariat_must
from hcs.accounts.auth import StaffToken, caller
from hcs.events.ical import calendar
from hcs.events.models import Event, Registration
from hcs.events.queries import (
    events_visible_to,
    participants,
    public_events,
    registrations_of,
    with_participants,
)
from hcs.events.services import event_save, registration_cancel, registration_create
from hcs.groups.models import Group
from hcs.lib import ratelimit
from hcs.lib.api import Id, Line, Moment, Year, errors, file_response, line, text
from hcs.lib.text import LINE_PATTERN
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


# The secretariat's writes (a staff token) ------------------------------------------------------

Capacity = Annotated[int, Field(ge=1, le=100_000)]
Title = Annotated[str, Field(min_length=1, max_length=200, pattern=LINE_PATTERN)]


class EventIn(Schema):
    kind: Event.Kind
    title: Title
    starts: Moment
    ends: Moment
    all_day: bool = False
    place: line(200) = ""
    online_url: line(200) = ""
    audience: Event.Audience = Event.Audience.MEMBERS
    capacity: Capacity | None = None
    registration_deadline: Moment | None = None
    description: text(5000) = ""
    group_id: Id | None = None


class EventPatch(Schema):
    kind: Event.Kind | None = None
    title: Title | None = None
    starts: Moment | None = None
    ends: Moment | None = None
    all_day: bool | None = None
    place: line(200) | None = None
    online_url: line(200) | None = None
    audience: Event.Audience | None = None
    capacity: Capacity | None = None
    registration_deadline: Moment | None = None
    description: text(5000) | None = None
    group_id: Id | None = None


class EventCreated(Schema):
    id: int


# Fields that cannot be null: a null in a PATCH for them is refused, not stored.
NOT_NULL = (
    "kind",
    "title",
    "starts",
    "ends",
    "all_day",
    "place",
    "online_url",
    "audience",
    "description",
)


def _local(value):
    """A time without an offset is Swedish time."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _apply(event: Event, fields: dict) -> None:
    nulls = [name for name in NOT_NULL if name in fields and fields[name] is None]
    if nulls:
        raise ValidationError(
            [_("%(field)s cannot be null.") % {"field": name} for name in nulls], code="invalid"
        )
    if "group_id" in fields:
        group_id = fields.pop("group_id")
        event.group = None if group_id is None else Group.objects.filter(pk=group_id).first()
        if group_id is not None and event.group is None:
            raise ValidationError(
                {"group_id": _("There is no group with the id %(id)s.") % {"id": group_id}}
            )
    for name in ("starts", "ends", "registration_deadline"):
        if name in fields:
            fields[name] = _local(fields[name])
    for name, value in fields.items():
        setattr(event, name, value)


@router.post(
    "/events",
    response={201: EventCreated, **errors(400, 401, 403, 404, 413, 422)},
    auth=StaffToken(),
)
def create_event(request, payload: EventIn):
    """Create an event of any kind (`audience`: public, members, group (with `group_id`) or
    board). Times without an offset are Swedish time. 422 names every problem."""
    secretariat_must(request.user, "events.add_event")
    event = Event()
    _apply(event, payload.dict())
    event_save(event=event, actor=request.user)
    return Status(201, {"id": event.pk})


@router.patch(
    "/events/{event_id}",
    response={200: EventCreated, **errors(400, 401, 403, 404, 409, 413, 422)},
    auth=StaffToken(),
)
def update_event(request, event_id: Id, payload: EventPatch):
    """Change any of the event's fields; those not given stay as they are."""
    secretariat_must(request.user, "events.change_event")
    event = _event(event_id)
    _apply(event, payload.dict(exclude_unset=True))
    event_save(event=event, actor=request.user)
    return {"id": event.pk}


def _event(event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise Http404(_("There is no event with the id %(id)s.") % {"id": event_id})
    return event


# A name of its own in the OpenAPI schema: the compliance view's `Status` is another enum.
RegistrationStatus = Enum(  # type: ignore[misc]
    "RegistrationStatus", {value: value for value in Registration.Status.values}, type=str
)


class RegistrantOut(Schema):
    id: int
    name: str
    email: str
    organisation_code: str | None
    organisation_name: str
    role: Registration.Role
    status: RegistrationStatus
    position: int | None
    attended: bool | None
    answers: dict[str, str]


@router.get(
    "/events/{event_id}/registrations",
    response={200: list[RegistrantOut], **errors(401, 403, 404, 422)},
    auth=StaffToken(),
)
def event_registrations(request, event_id: Id):
    """Everyone who registered, in the order they came: `status` confirmed, waitlisted or
    cancelled, `position` on the waiting list (1 first), the answers to the event's questions
    by question text."""
    secretariat_must(request.user, "events.view_registration")
    event = _event(event_id)
    questions = {str(q.pk): q.text for q in event.questions.all()}
    return [
        {
            "id": r.pk,
            "name": r.name,
            "email": r.email,
            "organisation_code": r.organisation.code if r.organisation else None,
            "organisation_name": r.organisation.name if r.organisation else r.organisation_name,
            "role": r.role,
            "status": r.status,
            "position": r.position,
            "attended": r.attended,
            "answers": {questions[k]: v for k, v in r.answers.items() if k in questions},
        }
        for r in registrations_of(event)
    ]


class CancelOut(Schema):
    promoted: int | None


@router.post(
    "/registrations/{registration_id}/cancel",
    response={200: CancelOut, **errors(401, 403, 404, 409, 422)},
    auth=StaffToken(),
)
def cancel_registration(request, registration_id: Id):
    """Cancel a registration; `promoted` is the registration moved up from the waiting list
    (its person is e-mailed), or null. 409 if it is already cancelled."""
    secretariat_must(request.user, "events.change_registration")
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        raise Http404(_("There is no registration with the id %(id)s.") % {"id": registration_id})
    moved = registration_cancel(registration=registration, actor=request.user)
    return {"promoted": moved.pk if moved else None}
