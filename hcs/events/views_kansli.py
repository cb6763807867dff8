"""The secretariat's events (`/kansli/evenemang/`): the list with filters; create, edit, copy and
cancel; an event's registrations with their status and place in line, registering someone on
their behalf, cancelling, moving up, the venue's list (XLSX, CSV) and e-mail to registrants.
Thin: every change is a service of hcs.events.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts.access import secretariat_required
from hcs.events.exports import registrations_csv, registrations_xlsx
from hcs.events.forms import (
    EventCancelForm,
    EventCopyForm,
    EventFilterForm,
    EventForm,
    MessageForm,
    RegistrationForm,
)
from hcs.events.models import Event, EventSeries, Registration
from hcs.events.queries import (
    participants,
    registrations_of,
    with_participants,
    with_registration_counts,
)
from hcs.events.services import (
    event_cancel,
    event_copy,
    event_questions_set,
    event_save,
    registration_cancel,
    registration_create,
    registration_promote,
    registrations_message,
)
from hcs.groups.models import Group
from hcs.lib.errors import add_to_form, messages_of

LIST_LIMIT = 300


@secretariat_required("events.view_event")
@require_GET
def event_list(request):
    """Every event, by year (this year unless chosen), kind, audience, group and title."""
    form = EventFilterForm(request.GET or None, label_suffix="")
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("ar") or timezone.localdate().year
    events = Event.objects.filter(starts__year=year)
    if filters.get("typ"):
        events = events.filter(kind=filters["typ"])
    if filters.get("publik"):
        events = events.filter(audience=filters["publik"])
    if filters.get("grupp"):
        events = events.filter(group=filters["grupp"])
    if filters.get("q"):
        events = events.filter(title__icontains=filters["q"])
    events = list(
        with_registration_counts(events)
        .select_related("group", "series")
        .order_by("starts", "pk")[:LIST_LIMIT]
    )
    now = timezone.now()
    series_totals = _series_totals({e.series_id for e in events if e.series_id})
    # The labels once, not per row (a model's get_FOO_display rebuilds its choices each call).
    kinds, audiences = dict(Event.Kind.choices), dict(Event.Audience.choices)
    for event in events:
        event.series_total = series_totals.get(event.series_id, 0)
        event.kind_label, event.audience_label = kinds[event.kind], audiences[event.audience]
    return render(
        request,
        "events/kansli/list.html",
        {
            "form": form,
            "year": year,
            "events": events,
            "now": now,
            "limited": len(events) == LIST_LIMIT,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 6, -1),
        },
    )


def _series_totals(series_ids) -> dict[int, int]:
    """The participants of each series over all its occasions, in one query."""
    totals: dict[int, int] = {}
    for event in with_participants(Event.objects.filter(series_id__in=series_ids)):
        totals[event.series_id] = totals.get(event.series_id, 0) + participants(event)
    return totals


def _save_event_form(request, form: EventForm) -> Event:
    """Save the form's event, its new series and its questions, all or nothing."""
    with transaction.atomic():
        event = form.save(commit=False)
        name = form.cleaned_data.get("new_series", "").strip()
        if name:
            event.series = EventSeries.objects.create(title=name)
        event_save(event=event, actor=request.user, partners=form.cleaned_data["partners"])
        event_questions_set(event=event, questions=form.question_list(), actor=request.user)
    return event


@secretariat_required("events.add_event")
@require_http_methods(["GET", "POST"])
def event_create(request):
    form = EventForm(request.POST or None, initial=_group_initial(request.GET.get("grupp")))
    if request.method == "POST" and form.is_valid():
        try:
            event = _save_event_form(request, form)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The event was created."))
            return redirect("kansli_events:detail", event.pk)
    return render(
        request,
        "events/kansli/form.html",
        {"form": form, "event": None},
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("events.change_event")
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            _save_event_form(request, form)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("kansli_events:detail", pk)
    return render(
        request,
        "events/kansli/form.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


GROUP_MEETING_KINDS = {
    "strategic": Event.Kind.STRATEGIC_GROUP,
    "theme": Event.Kind.THEME_GROUP_MEETING,
    "working": Event.Kind.WORKING_GROUP_MEETING,
}


def _group_initial(group_id: str | None) -> dict:
    """A group's meeting (?grupp=<id>): the group, its audience and the kind of its meetings."""
    group = Group.objects.filter(pk=group_id).first() if (group_id or "").isdigit() else None
    if group is None:
        return {}
    return {
        "group": group,
        "audience": Event.Audience.GROUP,
        "kind": GROUP_MEETING_KINDS.get(group.kind, Event.Kind.WORKING_GROUP_MEETING),
        "organiser": group.name,
    }


@secretariat_required("events.add_event")
@require_http_methods(["GET", "POST"])
def event_copy_view(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    form = EventCopyForm(request.POST or None, initial={"starts": event.starts})
    if request.method == "POST" and form.is_valid():
        try:
            copy = event_copy(event=event, starts=form.cleaned_data["starts"], actor=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The copy was created. Check it, and change what differs."))
            return redirect("kansli_events:edit", copy.pk)
    return render(
        request,
        "events/kansli/copy.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("events.change_event")
@require_http_methods(["GET", "POST"])
def event_cancel_view(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    active = event.registrations.exclude(status=Registration.Status.CANCELLED).count()
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = event_cancel(
                event=event, actor=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The event is cancelled; %(count)d registrant is told by e-mail.",
                    "The event is cancelled; %(count)d registrants are told by e-mail.",
                    told,
                )
                % {"count": told},
            )
            return redirect("kansli_events:detail", pk)
    return render(
        request,
        "events/kansli/cancel.html",
        {"form": form, "event": event, "active": active},
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("events.view_registration")
@require_GET
def event_detail(request, pk: int):
    """The event and its registrations: status, place in line, answers; the actions."""
    event = get_object_or_404(
        Event.objects.select_related("group", "series").prefetch_related("partners"), pk=pk
    )
    registrations = registrations_of(event)
    questions = list(event.questions.all())
    for registration in registrations:
        registration.answer_list = [
            (question.text, registration.answers.get(str(question.pk), ""))
            for question in questions
        ]
    counts = {status: 0 for status in Registration.Status.values}
    for registration in registrations:
        counts[registration.status] += 1
    show = request.GET.get("visa", "active")
    shown = [
        r
        for r in registrations
        if show == "all" or (show == "active" and r.status != "cancelled") or r.status == show
    ]
    return render(
        request,
        "events/kansli/detail.html",
        {
            "event": event,
            "registrations": shown,
            "counts": counts,
            "questions": questions,
            "show": show,
            "now": timezone.now(),
            "seats_left": None
            if event.capacity is None
            else max(0, event.capacity - counts["confirmed"]),
        },
    )


@secretariat_required("events.add_registration")
@require_http_methods(["GET", "POST"])
def register_on_behalf(request, pk: int):
    """Register someone who asked by phone or e-mail. Closed registration does not stop the
    secretariat; capacity does (they go on the waiting list)."""
    event = get_object_or_404(Event, pk=pk)
    questions = list(event.questions.all())
    form = RegistrationForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            result = registration_create(
                event=event,
                **form.registration(),
                # The secretariat may register after the deadline, until the event ends.
                now=_on_behalf_moment(event),
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            if result.position:
                messages.info(
                    request,
                    _("%(name)s is number %(position)d on the waiting list.")
                    % {"name": result.registration.name, "position": result.position},
                )
            else:
                messages.success(
                    request, _("%(name)s is registered.") % {"name": result.registration.name}
                )
            return redirect("kansli_events:detail", pk)
    return render(
        request,
        "events/kansli/register.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


def _on_behalf_moment(event: Event):
    """The moment a registration by the secretariat counts as made: before the deadline while
    the event has not ended (the deadline binds the public, not the secretariat); after the
    end, now (refused: attendance is recorded instead)."""
    now = timezone.now()
    return now if event.ends < now else min(now, event.registration_closes)


@secretariat_required("events.change_registration")
@require_POST
def registration_cancel_view(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    try:
        moved = registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(name)s's registration is cancelled.") % {"name": registration.name}
        )
        if moved is not None:
            messages.info(
                request,
                _("%(name)s moved up from the waiting list and is told by e-mail.")
                % {"name": moved.name},
            )
    return redirect("kansli_events:detail", registration.event_id)


@secretariat_required("events.change_registration")
@require_POST
def registration_promote_view(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    try:
        registration_promote(registration=registration, actor=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s is confirmed and told by e-mail.") % {"name": registration.name},
        )
    return redirect("kansli_events:detail", registration.event_id)


def _filename(event: Event, suffix: str) -> str:
    return f"anmalningar-{event.pk}-{timezone.localtime(event.starts):%Y-%m-%d}.{suffix}"


@secretariat_required("events.view_registration")
@require_GET
def registrations_xlsx_view(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    response = HttpResponse(
        registrations_xlsx(event),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(event, "xlsx")}"'
    return response


@secretariat_required("events.view_registration")
@require_GET
def registrations_csv_view(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    response = HttpResponse(registrations_csv(event), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(event, "csv")}"'
    return response


@secretariat_required("events.change_registration")
@require_http_methods(["GET", "POST"])
def message_view(request, pk: int):
    """E-mail the event's registrants (all, the confirmed or the waiting), through the queue."""
    event = get_object_or_404(Event, pk=pk)
    form = MessageForm(request.POST or None, initial={"recipients": request.GET.get("till")})
    if request.method == "POST" and form.is_valid():
        try:
            sent = registrations_message(
                event=event,
                statuses=form.statuses(),
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The message is on its way to %(count)d person.",
                    "The message is on its way to %(count)d people.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect("kansli_events:detail", pk)
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).order_by())
    return render(
        request,
        "events/kansli/message.html",
        {"form": form, "event": event, "counts": counts},
        status=400 if request.method == "POST" else 200,
    )
