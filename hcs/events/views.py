"""The public calendar: events, registration, and the iCalendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.events.forms import RegistrationForm
from hcs.events.ical import calendar
from hcs.events.queries import participants, public_events, with_participants
from hcs.events.services import registration_create
from hcs.lib.errors import messages_of

PAST_SHOWN = 30


@login_not_required
@require_GET
def calendar_page(request):
    now = timezone.now()
    events = with_participants(public_events()).prefetch_related("partners")
    upcoming = [e for e in events if e.ends >= now]
    past = [e for e in events if e.ends < now][::-1][:PAST_SHOWN]
    return render(request, "events/calendar.html", {"upcoming": upcoming, "past": past})


@login_not_required
@require_GET
def calendar_feed(request):
    content = calendar(
        public_events().order_by("starts"),
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
    event = with_participants(public_events()).filter(pk=pk).first()
    if event is None:
        raise Http404(_("There is no such public event."))
    now = timezone.now()
    deadline = event.registration_deadline or event.ends
    open_for_registration = now <= deadline
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and open_for_registration and form.is_valid():
        data = form.cleaned_data
        try:
            result = registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                role=data["role"],
                organisation=data["organisation"],
                organisation_name=data["organisation_name"],
            )
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
            "participants": participants(event),
            "seats_left": None
            if event.capacity is None
            else max(0, event.capacity - event.confirmed),
        },
        status=status,
    )
