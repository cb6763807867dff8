"""The public calendar: events, registration, and the iCalendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import (
    member_contact_required,
    member_organisation,
    secretariat_must,
    secretariat_required,
)
from hcs.content.markdown import plain
from hcs.events.emails import registration_of_token
from hcs.events.forms import AttendeeForm, ParticipantFormSet, RegistrationForm
from hcs.events.ical import calendar
from hcs.events.models import Event, Registration
from hcs.events.queries import (
    attendance_by_organisation,
    events_visible_to,
    participants,
    with_participants,
)
from hcs.events.services import (
    Person,
    attendance_mark,
    attendee_add,
    registration_cancel,
    registration_create,
    registrations_create_many,
)
from hcs.lib import ratelimit
from hcs.lib.dates import format_date
from hcs.lib.errors import messages_of
from hcs.lib.forms import WholeNumberField

PAST_SHOWN = 30
# A participant count above this is a typing mistake (the biggest event had about 100).
MAX_PARTICIPANTS = 100_000


@login_not_required
@require_GET
def calendar_page(request):
    now = timezone.now()
    # Ordered here: a query that counts (GROUP BY) does not keep the model's ordering.
    events = (
        with_participants(events_visible_to(request.user))
        .prefetch_related("partners")
        .order_by("starts", "pk")
    )
    upcoming = [e for e in events if e.ends >= now]
    past = [e for e in events if e.ends < now][::-1][:PAST_SHOWN]
    return render(
        request,
        "events/calendar.html",
        {
            "upcoming": upcoming,
            "past": past,
            "meta_title": _("Calendar"),
            "meta_description": _(
                "The network's events: conferences, network meetings, seminars and webinars, "
                "with registration for those open to it."
            ),
        },
    )


@login_not_required
@require_GET
def calendar_feed(request):
    content = calendar(
        events_visible_to(request.user).order_by("starts"),
        host=request.get_host().split(":")[0],
        name="Healthy Cities Sverige",
        now=timezone.now(),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="healthy-cities-sverige.ics"'
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def event_page(request, pk: int):
    event = with_participants(events_visible_to(request.user)).filter(pk=pk).first()
    if event is None:
        raise Http404(_("There is no such public event."))
    open_for_registration = event.is_open_for_registration(timezone.now())
    questions = list(event.questions.all())
    form = RegistrationForm(request.POST or None, questions=questions)
    if request.method == "POST" and open_for_registration:
        ratelimit.enforce(ratelimit.hit_client(request, "registration"))
    if request.method == "POST" and open_for_registration and form.is_valid():
        try:
            result = registration_create(event=event, **form.registration())
        except ValidationError as error:
            for message in messages_of(error):
                form.add_error(None, message)
        else:
            if result.position:
                messages.info(
                    request,
                    _("The event is full: you are number %(position)d on the waiting list.")
                    % {"position": result.position},
                )
            else:
                messages.success(request, _("You are registered. A confirmation is on its way."))
            return redirect("events:event", pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "form": form,
            "open": open_for_registration,
            "meta_title": event.title,
            "meta_description": plain(event.description)
            or f"{event.get_kind_display()}, {format_date(timezone.localdate(event.starts))}",
            "participants": participants(event),
            "member_organisation": member_organisation(request.user),
            "seats_left": None
            if event.capacity is None
            else max(0, event.capacity - event.confirmed),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@member_contact_required
def register_several(request, pk: int, organisation):
    """A member's contact registers several people of their organisation at once."""
    event = get_object_or_404(events_visible_to(request.user), pk=pk)
    formset = ParticipantFormSet(request.POST or None)
    if request.method == "POST" and formset.is_valid():
        people = [
            Person(name=f["name"], email=f["email"], role=f["role"])
            for f in formset.cleaned_data
            if f and not f.get("DELETE")
        ]
        try:
            results = registrations_create_many(
                event=event,
                people=people,
                organisation=organisation,
                registered_by=request.user.get_username(),
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            waiting = sum(1 for result in results if result.position)
            messages.success(
                request,
                ngettext(
                    "%(count)d person registered.", "%(count)d people registered.", len(results)
                )
                % {"count": len(results)},
            )
            if waiting:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d of them is on the waiting list.",
                        "%(count)d of them are on the waiting list.",
                        waiting,
                    )
                    % {"count": waiting},
                )
            return redirect("events:event", pk)
    return render(
        request,
        "events/register_several.html",
        {"event": event, "formset": formset, "organisation": organisation},
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("events.view_event")
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    """After an event: mark who took part, add those who came unregistered, and record a
    participant count for events without names."""
    event = get_object_or_404(Event, pk=pk)
    registrations = list(
        event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
            "organisation"
        )
    )
    add_form = AttendeeForm(request.POST if request.POST.get("action") == "add" else None)
    count_error = None
    if request.method == "POST":
        secretariat_must(request.user, "events.change_registration")
        try:
            if request.POST.get("action") == "add":
                if add_form.is_valid():
                    data = add_form.cleaned_data
                    attendee_add(
                        event=event,
                        person=Person(name=data["name"], email=data["email"], role=data["role"]),
                        organisation=data["organisation"],
                        organisation_name=data["organisation_name"],
                        actor=request.user,
                    )
                    messages.success(request, _("The participant was added."))
                    return redirect("kansli_events:attendance", pk)
            else:
                marks = {r.pk: _mark(request.POST.get(f"attended-{r.pk}")) for r in registrations}
                count_field = WholeNumberField(required=False, max_value=MAX_PARTICIPANTS)
                try:
                    count = count_field.clean(request.POST.get("participant_count", ""))
                except ValidationError:
                    count_error = _(
                        "The number of participants must be a whole number from 0 to %(max)d."
                    ) % {"max": MAX_PARTICIPANTS}
                else:
                    changed = attendance_mark(
                        event=event,
                        attended=marks,
                        participant_count=count,
                        actor=request.user,
                    )
                    messages.success(
                        request,
                        _("Attendance saved (%(count)d changed).") % {"count": changed},
                    )
                    return redirect("kansli_events:attendance", pk)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "registrations": registrations,
            "add_form": add_form,
            "count_error": count_error,
            "started": event.starts <= timezone.now(),
            "per_member": _per_member(event, registrations),
        },
        status=400 if request.method == "POST" else 200,
    )


def _mark(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@login_not_required
@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    """The signed link in a registrant's e-mail: cancel the registration without logging in.
    GET asks to confirm (a link checker opening it must not cancel anything); POST cancels,
    and the first on the waiting list takes the seat."""
    registration = registration_of_token(token)
    if registration is None:
        raise Http404(_("This cancel link is not valid. Use the link in your latest e-mail."))
    event = registration.event
    started = event.starts <= timezone.now()
    status = 200
    if request.method == "POST":
        ratelimit.enforce(ratelimit.hit_client(request, "registration_cancel"))
        if registration.status == Registration.Status.CANCELLED:
            messages.info(request, _("Your registration is already cancelled."))
            return redirect("events:cancel", token)
        if started:
            messages.error(
                request,
                _("The event has begun; write to the secretariat if you could not come."),
            )
            status = 409
        else:
            try:
                registration_cancel(registration=registration, actor=registration.email)
            except ValidationError as error:
                for message in messages_of(error):
                    messages.error(request, message)
                status = 409
            else:
                messages.success(
                    request, _("Your registration is cancelled. Thank you for telling us.")
                )
                return redirect("events:cancel", token)
    return render(
        request,
        "events/cancel.html",
        {"registration": registration, "event": event, "started": started},
        status=status,
    )


def _per_member(event: Event, registrations) -> list[dict]:
    """Who took part, per organisation: politicians and officials (the criteria count them)."""
    names = {r.organisation_id: r.organisation.name for r in registrations if r.organisation}
    return sorted(
        (
            {
                "name": names[organisation_id],
                "politicians": counts[Registration.Role.POLITICIAN],
                "officials": counts[Registration.Role.OFFICIAL],
            }
            for organisation_id, counts in attendance_by_organisation(event.pk).items()
        ),
        key=lambda row: row["name"],
    )
