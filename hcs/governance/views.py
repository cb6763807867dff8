"""The board and the meetings: the secretariat's pages (`/kansli/styrelsen/`) – terms over
time, the board on any date, board meetings with agenda, minutes (PDF), numbered decisions and
attendance, annual meetings with agenda, attendance per member and elections – and the public
page `/styrelsen/` (the board on a date, as the annual report shows it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts.access import secretariat_required
from hcs.governance.forms import (
    AnnualDecisionForm,
    AnnualMeetingForm,
    BoardMeetingForm,
    DecisionForm,
    MeetingForm,
    TermEndForm,
    TermForm,
)
from hcs.governance.models import AnnualMeeting, BoardMeeting, BoardTerm
from hcs.governance.queries import annual_meeting_attendance, board_on
from hcs.governance.services import (
    annual_meeting_create,
    annual_meeting_decision_add,
    annual_meeting_save,
    board_decision_add,
    board_meeting_create,
    board_meeting_save,
    board_term_end,
    board_term_save,
)
from hcs.lib.errors import add_to_form, messages_of
from hcs.lib.pagecache import cache_public_page
from hcs.lib.params import date_param
from hcs.memberships.queries import members_on
from hcs.organisations.models import Organisation


def _day(request):
    """The day asked for (?datum=YYYY-MM-DD), else today; an unreadable one is 400."""
    return date_param(request, "datum", timezone.localdate())


@login_not_required
@require_GET
@cache_public_page
def board_public(request):
    day = _day(request)
    return render(
        request,
        "governance/board_public.html",
        {
            "day": day,
            "board": board_on(day),
            "meta_title": _("The board"),
            "meta_description": _(
                "The network's political board, elected at the annual meeting: the chair, the "
                "vice chair and the members, with their party and organisation."
            ),
        },
    )


@secretariat_required("governance.view_boardterm")
@require_http_methods(["GET", "POST"])
def board(request):
    """The board on a date, every term over time, and the meetings."""
    day = _day(request)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board_term_save(term=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The term is recorded."))
            return redirect("kansli_board:board")
    terms = list(
        BoardTerm.objects.select_related("organisation", "elected_at").order_by(
            "-start_date", "role", "person_name"
        )
    )
    for term in terms:
        term.end_form = TermEndForm(prefix=f"end-{term.pk}")
    return render(
        request,
        "governance/board.html",
        {
            "day": day,
            "board": board_on(day),
            "terms": terms,
            "form": form,
            "meetings": BoardMeeting.objects.select_related("event").order_by("-date")[:50],
            "annual_meetings": AnnualMeeting.objects.select_related("event").order_by("-date"),
        },
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("governance.change_boardterm")
@require_POST
def term_end(request, pk: int):
    term = get_object_or_404(BoardTerm, pk=pk)
    form = TermEndForm(request.POST, prefix=f"end-{pk}")
    if form.is_valid():
        try:
            board_term_end(term=term, end_date=form.cleaned_data["end_date"], actor=request.user)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("%(name)s's term ends.") % {"name": term.person_name})
    else:
        messages.error(request, _("Give the last day on the board."))
    return redirect("kansli_board:board")


@secretariat_required("governance.add_boardmeeting")
@require_http_methods(["GET", "POST"])
def meeting_create(request, kind: str):
    """A new board meeting or annual meeting, with its event in the calendar."""
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "board":
                meeting = board_meeting_create(
                    starts=data["starts"],
                    ends=data["ends"],
                    place=data["place"],
                    online_url=data["online_url"],
                    agenda=data["agenda"],
                    actor=request.user,
                )
                messages.success(request, _("The board meeting is in the calendar."))
                return redirect("kansli_board:meeting", meeting.pk)
            annual = annual_meeting_create(
                starts=data["starts"],
                ends=data["ends"],
                place=data["place"],
                agenda=data["agenda"],
                actor=request.user,
            )
            messages.success(request, _("The annual meeting is in the calendar."))
            return redirect("kansli_board:annual_meeting", annual.pk)
        except ValidationError as error:
            add_to_form(form, error)
    return render(
        request,
        "governance/meeting_create.html",
        {"form": form, "kind": kind},
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("governance.view_boardmeeting")
@require_http_methods(["GET", "POST"])
def meeting(request, pk: int):
    """A board meeting: agenda, minutes and their PDF, numbered decisions, attendance."""
    meeting = get_object_or_404(BoardMeeting.objects.select_related("event"), pk=pk)
    action = request.POST.get("form") if request.method == "POST" else None
    form = BoardMeetingForm(
        request.POST if action == "meeting" else None,
        request.FILES if action == "meeting" else None,
        instance=meeting,
    )
    decision_form = DecisionForm(request.POST if action == "decision" else None, prefix="decision")
    if action == "meeting" and form.is_valid():
        try:
            board_meeting_save(meeting=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("kansli_board:meeting", pk)
    if action == "decision" and decision_form.is_valid():
        try:
            decision = board_decision_add(
                meeting=meeting,
                title=decision_form.cleaned_data["title"],
                text=decision_form.cleaned_data["text"],
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(decision_form, error)
        else:
            messages.success(request, _("§ %(number)d is recorded.") % {"number": decision.number})
            return redirect("kansli_board:meeting", pk)
    return render(
        request,
        "governance/meeting.html",
        {
            "meeting": meeting,
            "form": form,
            "decision_form": decision_form,
            "decisions": meeting.decisions.order_by("number"),
            "board": board_on(meeting.date),
        },
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("governance.view_annualmeeting")
@require_http_methods(["GET", "POST"])
def annual_meeting(request, pk: int):
    """An annual meeting: agenda, attendance per member (at least one politician and one
    official: a criterion), and its numbered decisions, the elections among them."""
    meeting = get_object_or_404(AnnualMeeting.objects.select_related("event"), pk=pk)
    action = request.POST.get("form") if request.method == "POST" else None
    form = AnnualMeetingForm(request.POST if action == "meeting" else None, instance=meeting)
    decision_form = AnnualDecisionForm(
        request.POST if action == "decision" else None, prefix="decision"
    )
    if action == "meeting" and form.is_valid():
        try:
            annual_meeting_save(meeting=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("kansli_board:annual_meeting", pk)
    if action == "decision" and decision_form.is_valid():
        data = decision_form.cleaned_data
        try:
            decision = annual_meeting_decision_add(
                meeting=meeting,
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(decision_form, error)
        else:
            messages.success(request, _("§ %(number)d is recorded.") % {"number": decision.number})
            return redirect("kansli_board:annual_meeting", pk)
    attendance = annual_meeting_attendance(meeting)
    members = members_on(meeting.date)
    names = Organisation.objects.in_bulk([row.code for row in members], field_name="code")
    per_member = []
    for row in members:
        organisation = names[row.code]
        counts = attendance.get(organisation.pk, {"politician": 0, "official": 0})
        per_member.append(
            {
                "organisation": organisation,
                "politicians": counts["politician"],
                "officials": counts["official"],
                "met": counts["politician"] > 0 and counts["official"] > 0,
            }
        )
    return render(
        request,
        "governance/annual_meeting.html",
        {
            "meeting": meeting,
            "form": form,
            "decision_form": decision_form,
            "decisions": meeting.decisions.order_by("number"),
            "elected": meeting.elected_terms.select_related("organisation").order_by("role"),
            "per_member": per_member,
            "met": sum(1 for row in per_member if row["met"]),
        },
        status=400 if request.method == "POST" else 200,
    )
