"""An organisation on one page, for the secretariat (`/kansli/organisationer/<code>/`):
memberships and their decisions, contact persons and their roles, invoices, registrations and
attendance, groups, the criteria of the year and Platskompassen places; and the writes that
belong there (record a joining or exit decision, add, end or replace a contact). Also the list
of organisations and the search across organisations, people and events."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import secretariat_may, secretariat_must, secretariat_required
from hcs.accounts.queries import account_states
from hcs.accounts.services import invitation_send
from hcs.backoffice.forms import ContactForm, DecisionForm, ExitForm, JoinForm, RoleEndForm
from hcs.contacts.models import ContactPerson, ContactProposal, ContactRole
from hcs.contacts.services import (
    contact_appoint,
    contact_proposal_apply,
    contact_proposal_decline,
    contact_role_update,
)
from hcs.criteria.queries import compliance
from hcs.events.models import Event, Registration
from hcs.groups.models import GroupParticipant
from hcs.invoices.models import Invoice
from hcs.invoices.queries import invoice_rows
from hcs.lib.errors import add_to_form, form_problems, messages_of
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
from hcs.memberships.services import membership_decision_record, membership_end, membership_start
from hcs.organisations.models import Organisation
from hcs.platskompassen.models import Place

REGISTRATIONS_SHOWN = 50
SEARCH_LIMIT = 20


@secretariat_required("organisations.view_organisation")
@require_GET
def organisation_list(request):
    """All 311 organisations, members first, with a filter by name or code."""
    today = timezone.localdate()
    query = (request.GET.get("q") or "")[:100].strip()
    organisations = Organisation.objects.order_by("name")
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(code=query))
    members = set(
        Membership.objects.filter(in_effect(today)).values_list("organisation_id", flat=True)
    )
    rows = [(o, o.pk in members) for o in organisations]
    rows.sort(key=lambda row: (not row[1], row[0].name))
    return render(
        request,
        "backoffice/organisations.html",
        {"rows": rows, "query": query, "members": len(members)},
    )


def _forms(request, name: str, form_class):
    """The form `name` of the page: bound to the POST if it was the one sent."""
    bound = request.method == "POST" and request.POST.get("form") == name
    return form_class(
        request.POST if bound else None, request.FILES if bound else None, prefix=name
    )


@secretariat_required("organisations.view_organisation")
@require_http_methods(["GET", "POST"])
def organisation_page(request, code: str):
    organisation = get_object_or_404(Organisation, code=code)
    today = timezone.localdate()
    user = request.user
    join_form = _forms(request, "join", JoinForm)
    action = request.POST.get("form", "") if request.method == "POST" else ""
    contact_prefix = action if action.startswith("replace-") else "contact"
    contact_form = _forms(request, contact_prefix, ContactForm)
    if request.method == "POST":
        done = _post(request, organisation, join_form, contact_form)
        if done:
            return redirect("backoffice:organisation", code)
    memberships = list(Membership.objects.filter(organisation=organisation).order_by("-start_date"))
    context = {
        "organisation": organisation,
        "today": today,
        "memberships": memberships,
        "is_member": any(
            m.start_date <= today and (m.end_date is None or m.end_date >= today)
            for m in memberships
        ),
        "join_form": join_form,
        "contact_form": contact_form
        if contact_prefix == "contact"
        else ContactForm(prefix="contact"),
    }
    for membership in memberships:
        membership.decision_form = DecisionForm(prefix=f"decision-{membership.pk}")
        membership.exit_form = (ExitForm if membership.end_date is None else DecisionForm)(
            prefix=f"exit-{membership.pk}"
        )
    if secretariat_may(user, "contacts.view_contactperson"):
        roles = list(
            ContactRole.objects.filter(person__organisation=organisation)
            .select_related("person__account__user")
            .order_by("-end_date", "kind", "-start_date")
        )
        states = account_states(organisation, timezone.now())
        context["proposals"] = list(
            ContactProposal.objects.filter(
                organisation=organisation, status=ContactProposal.Status.PENDING
            ).select_related("replaces__person", "proposed_by")
        )
        for role in roles:
            role.account_state = states.get(role.person_id)
            role.end_form = RoleEndForm(prefix=f"end-{role.pk}")
            prefix = f"replace-{role.pk}"
            role.replace_form = (
                contact_form
                if contact_prefix == prefix
                else ContactForm(prefix=prefix, initial={"kind": role.kind})
            )
        context["current_roles"] = [r for r in roles if r.end_date is None or r.end_date >= today]
        context["past_roles"] = [r for r in roles if r.end_date is not None and r.end_date < today]
    if secretariat_may(user, "invoices.view_invoice"):
        context["invoices"] = invoice_rows(
            Invoice.objects.filter(organisation=organisation).order_by("-issue_date", "-number"),
            today,
        )
    if secretariat_may(user, "events.view_registration"):
        registrations = (
            Registration.objects.filter(organisation=organisation)
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("event")
            .order_by("-event__starts", "name")
        )
        context["registrations"] = list(registrations[:REGISTRATIONS_SHOWN])
        context["registrations_total"] = registrations.count()
    if secretariat_may(user, "groups.view_group"):
        context["groups"] = list(
            GroupParticipant.objects.filter(organisation=organisation)
            .select_related("group")
            .order_by("group__name", "-start_date")
        )
    if secretariat_may(user, "criteria.view_criterion"):
        table = compliance(today.year, today=today, organisation_ids=[organisation.pk])
        context["criteria_year"] = today.year
        context["criteria"] = table.rows[0].cells if table.rows else []
    if secretariat_may(user, "platskompassen.view_place"):
        context["places"] = list(Place.objects.filter(organisation=organisation).order_by("name"))
    return render(
        request,
        "backoffice/organisation.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _post(request, organisation, join_form, contact_form) -> bool:
    """The page's writes; True when one succeeded."""
    action = request.POST.get("form", "")
    try:
        if action == "join":
            secretariat_must(request.user, "memberships.add_membership")
            if join_form.is_valid():
                membership_start(
                    organisation=organisation,
                    start_date=join_form.cleaned_data["start_date"],
                    decision=join_form.decision(),
                    actor=request.user,
                )
                messages.success(request, _("The membership is recorded."))
                return True
        elif action == "contact" or action.startswith("replace-"):
            secretariat_must(request.user, "contacts.add_contactperson")
            if contact_form.is_valid():
                data = contact_form.cleaned_data
                replaces = None
                if action.startswith("replace-"):
                    pk = action.removeprefix("replace-")
                    replaces = get_object_or_404(
                        ContactRole.objects.select_related("person"),
                        pk=int(pk) if pk.isdigit() else 0,
                        person__organisation=organisation,
                    )
                contact_appoint(
                    organisation=organisation,
                    kind=data["kind"],
                    start_date=data["start_date"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    title=data["title"],
                    party=data["party"],
                    replaces=replaces,
                    actor=request.user,
                )
                messages.success(request, _("%(name)s is added.") % {"name": data["name"]})
                return True
        else:
            messages.error(request, _("The form could not be sent."))
    except ValidationError as error:
        add_to_form(join_form if action == "join" else contact_form, error)
    return False


@secretariat_required("memberships.change_membership")
@require_http_methods(["POST"])
def membership_decision(request, pk: int, kind: str):
    """Record the joining decision (kind "join") or end the membership with its exit decision
    ("exit") — or record an ended membership's exit decision afterwards."""
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    code = membership.organisation.code
    form_class = ExitForm if kind == "exit" and membership.end_date is None else DecisionForm
    prefix = f"{'exit' if kind == 'exit' else 'decision'}-{membership.pk}"
    form = form_class(request.POST, request.FILES, prefix=prefix)
    if not form.is_valid():
        for problem in form_problems(form):
            messages.error(request, problem)
        return redirect("backoffice:organisation", code)
    try:
        if kind == "exit" and membership.end_date is None:
            membership_end(
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                decision=form.decision(),
                actor=request.user,
            )
            messages.success(request, _("The membership is ended, with its exit decision."))
        else:
            membership_decision_record(
                membership=membership, kind=kind, decision=form.decision(), actor=request.user
            )
            messages.success(request, _("The decision is recorded."))
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    return redirect("backoffice:organisation", code)


@secretariat_required("contacts.change_contactperson")
@require_http_methods(["POST"])
def invite(request, pk: int):
    """Send a contact person an invitation to their own account (hcs.accounts.services)."""
    person = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    planner = request.POST.get("planner") == "on"
    try:
        invitation = invitation_send(person=person, actor=request.user, planner=planner)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("An invitation is on its way to %(email)s, valid until %(until)s.")
            % {
                "email": invitation.sent_to,
                "until": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
            },
        )
    return redirect("backoffice:organisation", person.organisation.code)


@secretariat_required("contacts.change_contactperson")
@require_http_methods(["POST"])
def proposal_handle(request, pk: int, verdict: str):
    """Apply a member's proposed contact person, or decline it with a reason."""
    proposal = get_object_or_404(ContactProposal.objects.select_related("organisation"), pk=pk)
    try:
        if verdict == "apply":
            role = contact_proposal_apply(proposal=proposal, actor=request.user)
            messages.success(
                request,
                _("%(name)s is now %(role)s from %(day)s.")
                % {
                    "name": role.person.name,
                    "role": role.get_kind_display().lower(),
                    "day": date_format(role.start_date, "j F Y"),
                },
            )
        else:
            contact_proposal_decline(
                proposal=proposal, reason=request.POST.get("reason", ""), actor=request.user
            )
            messages.success(request, _("The proposal is declined."))
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    return redirect("backoffice:organisation", proposal.organisation.code)


@secretariat_required("contacts.change_contactperson")
@require_http_methods(["POST"])
def role_end(request, pk: int):
    role = get_object_or_404(ContactRole.objects.select_related("person__organisation"), pk=pk)
    form = RoleEndForm(request.POST, prefix=f"end-{role.pk}")
    if form.is_valid():
        try:
            contact_role_update(
                role=role, actor=request.user, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(
                request, _("%(name)s's role ends on the day given.") % {"name": role.person.name}
            )
    else:
        messages.error(request, _("Give the last day in the role."))
    return redirect("backoffice:organisation", role.person.organisation.code)


@secretariat_required()
@require_GET
def search(request):
    """Organisations, people and events whose name (or code, e-mail, title) holds the words."""
    query = (request.GET.get("q") or "")[:100].strip()
    user = request.user
    results: dict[str, list] = {"organisations": [], "people": [], "events": []}
    if len(query) >= 2:
        results["organisations"] = list(
            Organisation.objects.filter(Q(name__icontains=query) | Q(code=query)).order_by("name")[
                :SEARCH_LIMIT
            ]
        )
        if secretariat_may(user, "contacts.view_contactperson"):
            results["people"] = list(
                ContactPerson.objects.filter(erased_at__isnull=True)
                .filter(Q(name__icontains=query) | Q(email__icontains=query))
                .select_related("organisation")
                .order_by("name")[:SEARCH_LIMIT]
            )
        if secretariat_may(user, "events.view_event"):
            results["events"] = list(
                Event.objects.filter(title__icontains=query).order_by("-starts")[:SEARCH_LIMIT]
            )
    return render(
        request,
        "backoffice/search.html",
        {"query": query, "results": results, "limit": SEARCH_LIMIT},
    )
