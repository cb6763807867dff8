"""The member portal (/medlem/): a member's own people see their organisation's membership,
invoices, contact persons, registrations, groups and documents, and their own data. Thin:
the reads are in hcs.portal.queries, the writes in the services."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts import access, two_factor
from hcs.accounts.access import (
    account_required,
    member_contact_required,
    rule_required,
)
from hcs.accounts.services import (
    email_change_request,
    personal_token_create,
    personal_token_revoke,
    secretariat_tell,
)
from hcs.contacts.gdpr import account_export
from hcs.contacts.models import ContactProposal, DataRequest
from hcs.contacts.services import contact_proposal_submit, data_request_record
from hcs.criteria.queries import newest_year
from hcs.criteria.rules import advice
from hcs.events.models import Registration
from hcs.events.queries import events_visible_to
from hcs.events.services import registration_cancel
from hcs.lib import ratelimit
from hcs.lib.errors import add_to_form, messages_of
from hcs.portal import queries
from hcs.portal.forms import EmailChangeForm, ErasureRequestForm, ProposalForm, TokenForm


def _limited(request) -> None:
    """Members' writes: at most `portal_write` an hour per login."""
    ratelimit.enforce(ratelimit.hit("portal_write", f"user:{request.user.pk}"))


@require_GET
@member_contact_required
def home(request, organisation):
    """Our membership: since when, the decisions, the year's criteria with what to do for each
    one not met, and the coordinator's contact."""
    today = timezone.localdate()
    memberships = queries.memberships_of(organisation)
    year = newest_year(today)
    language = get_language()
    criteria = [
        (criterion.display_name(language), cell, advice(criterion))
        for criterion, cell in (queries.criteria_of(organisation, year) if year else [])
    ]
    return render(
        request,
        "portal/home.html",
        {
            "organisation": organisation,
            "since": queries.member_since(memberships, today),
            "memberships": memberships,
            "year": year,
            "criteria": criteria,
            "unmet": sum(1 for _name, cell, _todo in criteria if cell.status != "met"),
            "secretariat": settings.SECRETARIAT,
        },
    )


@require_GET
@member_contact_required
def invoices(request, organisation):
    return render(
        request,
        "portal/invoices.html",
        {
            "organisation": organisation,
            "rows": queries.invoices_of(organisation, timezone.localdate()),
        },
    )


@require_http_methods(["GET", "POST"])
@member_contact_required
def contacts(request, organisation):
    """Who represents the organisation; a proposal of a new contact person."""
    today = timezone.localdate()
    current = queries.current_contacts(organisation, today)
    form = ProposalForm(request.POST or None, current=current)
    if request.method == "POST":
        _limited(request)
        if form.is_valid():
            proposal = form.save(commit=False)
            proposal.organisation = organisation
            proposal.proposed_by = request.user.member_account.person
            try:
                contact_proposal_submit(proposal=proposal, actor=request.user)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. The secretariat has been told and will make the change; "
                        "you see here when it is done."
                    ),
                )
                return redirect("portal:contacts")
    return render(
        request,
        "portal/contacts.html",
        {
            "organisation": organisation,
            "current": current,
            "proposals": queries.proposals_of(organisation),
            "form": form,
            "pending": ContactProposal.Status.PENDING,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@member_contact_required
def events(request, organisation):
    now = timezone.now()
    ours = queries.registrations_of_organisation(organisation, now)
    return render(
        request,
        "portal/events.html",
        {
            "organisation": organisation,
            "upcoming": ours.upcoming,
            "past": ours.past,
            "open_events": queries.open_events(events_visible_to(request.user), now),
            "now": now,
        },
    )


@require_POST
@member_contact_required
def registration_cancel_view(request, pk: int, organisation):
    """Cancel a colleague's registration: one of the organisation's, for an event not begun."""
    _limited(request)
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=pk, organisation=organisation
    )
    if registration.event.starts <= timezone.now():
        messages.error(request, _("The event has begun; the registration cannot be cancelled."))
        return redirect("portal:events")
    try:
        registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s's registration for %(event)s is cancelled.")
            % {"name": registration.name, "event": registration.event.title},
        )
    return redirect("portal:events")


@require_GET
@member_contact_required
def groups(request, organisation):
    return render(
        request,
        "portal/groups.html",
        {
            "organisation": organisation,
            "groups": queries.groups_of(
                organisation, timezone.localdate(), timezone.now(), events_visible_to(request.user)
            ),
        },
    )


@require_GET
@rule_required(access.may_see_members_documents)
def documents(request):
    board = access.may_see_board_papers(request.user)
    return render(
        request,
        "portal/documents.html",
        {
            "annual_meetings": queries.annual_meetings(),
            "board_meetings": queries.board_meetings() if board else [],
            "board": board,
        },
    )


@require_GET
@rule_required(access.may_see_members_documents)
def annual_meeting(request, pk: int):
    meeting = get_object_or_404(queries.annual_meetings(), pk=pk)
    return render(request, "portal/annual_meeting.html", {"meeting": meeting})


@require_GET
@rule_required(access.may_see_board_papers)
def board_meeting(request, pk: int):
    meeting = get_object_or_404(queries.board_meetings(), pk=pk)
    return render(request, "portal/board_meeting.html", {"meeting": meeting})


@require_GET
@rule_required(access.may_see_board_papers)
def board_minutes(request, pk: int):
    meeting = get_object_or_404(queries.board_meetings(), pk=pk)
    if not meeting.minutes_document:
        raise Http404(_("These minutes have no PDF."))
    return FileResponse(
        meeting.minutes_document.open("rb"),
        content_type="application/pdf",
        filename=f"protokoll-{meeting.date.isoformat()}.pdf",
    )


# My data ---------------------------------------------------------------------------------------


ROLE_LABELS = {
    "administrator": _lazy("administrator"),
    "secretariat": _lazy("secretariat"),
    "political_contact": _lazy("political contact"),
    "administrative_contact": _lazy("administrative contact"),
    "planner": _lazy("planner (Platskompassen)"),
    "board_member": _lazy("board member"),
}


def _my_data(request, account, status=200, **forms):
    context = {
        "account": account,
        "roles_today": [ROLE_LABELS[name] for name in access.roles(request.user)],
        "email_form": EmailChangeForm(),
        "erasure_form": ErasureRequestForm(),
        "token_form": TokenForm(),
        "two_factor_on": two_factor.enabled_for(request.user),
        "keys": request.user.api_tokens.filter(personal=True).order_by("created_at"),
        "open_erasure": account.person is not None
        and DataRequest.objects.filter(
            person=account.person, kind=DataRequest.Kind.ERASURE, handled_on=None
        ).exists(),
        **forms,
    }
    return render(request, "portal/my_data.html", context, status=status)


@require_GET
@account_required
def my_data(request, account):
    """Who I am here, my roles, and what I may do with my data."""
    return _my_data(request, account)


@require_GET
@account_required
def my_data_export(request, account):
    """Everything held about me, as JSON."""
    data = account_export(user=request.user, account=account, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


@require_POST
@account_required
def email_change(request, account):
    _limited(request)
    form = EmailChangeForm(request.POST)
    if form.is_valid():
        try:
            email_change_request(user=request.user, new_address=form.cleaned_data["new_address"])
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("We have sent a link to %(email)s. Your address changes when you follow it.")
                % {"email": form.cleaned_data["new_address"]},
            )
            return redirect("portal:my_data")
    return _my_data(request, account, status=400, email_form=form)


@require_POST
@account_required
def erasure_request(request, account):
    """A request to be erased, to the secretariat (who erases with hcs.contacts.gdpr)."""
    _limited(request)
    form = ErasureRequestForm(request.POST)
    if not form.is_valid():
        return _my_data(request, account, status=400, erasure_form=form)
    person = account.person
    data_request = DataRequest(
        kind=DataRequest.Kind.ERASURE,
        person=person,
        name=(person.name if person else request.user.get_full_name() or request.user.username)[
            :120
        ],
        email=request.user.email,
        received_on=timezone.localdate(),
        details=form.cleaned_data["details"],
    )
    with transaction.atomic():
        data_request_record(request=data_request, actor=request.user)
        secretariat_tell(template="portal/email/erasure_request", context={"request": data_request})
    messages.success(
        request,
        _(
            "Your request has reached the secretariat. It is handled within a month, and you "
            "are told by e-mail."
        ),
    )
    return redirect("portal:my_data")


@require_POST
@account_required
def token_create(request, account):
    _limited(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _my_data(request, account, status=400, token_form=form)
    raw = personal_token_create(user=request.user, label=form.cleaned_data["label"])
    return render(request, "portal/token.html", {"token": raw})


@require_POST
@account_required
def token_revoke(request, pk: int, account):
    if personal_token_revoke(user=request.user, pk=pk):
        messages.success(request, _("The key is revoked: it opens nothing any more."))
    else:
        messages.error(request, _("There is no such key."))
    return redirect(reverse("portal:my_data") + "#api")
