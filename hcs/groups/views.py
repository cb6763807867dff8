"""The groups in the secretariat's workspace (`/kansli/grupper/`): the strategic group, theme
and working groups, their purpose, who takes part over time (added from the members' contact
persons), and their meetings, which are events of the group."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hcs.accounts.access import secretariat_required
from hcs.events.models import Event
from hcs.groups.forms import GroupForm, LeaveForm, ParticipantForm
from hcs.groups.models import Group, GroupParticipant
from hcs.groups.services import group_create, participant_add, participant_leave
from hcs.lib.errors import add_to_form, messages_of


@secretariat_required("groups.view_group")
@require_http_methods(["GET", "POST"])
def group_list(request):
    today = timezone.localdate()
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The group is created."))
            return redirect("kansli_groups:group", group.pk)
    groups = list(Group.objects.order_by("kind", "name"))
    return render(
        request,
        "groups/list.html",
        {
            "current": [g for g in groups if g.end_date is None or g.end_date >= today],
            "closed": [g for g in groups if g.end_date is not None and g.end_date < today],
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("groups.view_group")
@require_http_methods(["GET", "POST"])
def group_page(request, pk: int):
    group = get_object_or_404(Group, pk=pk)
    today = timezone.localdate()
    form = ParticipantForm(request.POST or None, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            participant_add(
                group=group,
                person_name=person.name,
                email=person.email,
                organisation=person.organisation,
                role=form.cleaned_data["role"],
                start_date=form.cleaned_data["start_date"],
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("%(name)s takes part.") % {"name": person.name})
            return redirect("kansli_groups:group", pk)
    participants = list(
        group.participants.select_related("organisation").order_by("-end_date", "person_name")
    )
    for participant in participants:
        participant.leave_form = LeaveForm(prefix=f"leave-{participant.pk}")
    return render(
        request,
        "groups/group.html",
        {
            "group": group,
            "form": form,
            "current": [p for p in participants if p.end_date is None or p.end_date >= today],
            "past": [p for p in participants if p.end_date is not None and p.end_date < today],
            "events": Event.objects.filter(group=group).order_by("-starts")[:50],
        },
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("groups.change_groupparticipant")
@require_POST
def participant_leave_view(request, pk: int):
    participant = get_object_or_404(GroupParticipant, pk=pk)
    form = LeaveForm(request.POST, prefix=f"leave-{pk}")
    if form.is_valid():
        try:
            participant_leave(
                participant=participant, on=form.cleaned_data["end_date"], actor=request.user
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(
                request, _("%(name)s leaves the group.") % {"name": participant.person_name}
            )
    else:
        messages.error(request, _("Give the last day in the group."))
    return redirect("kansli_groups:group", participant.group_id)
