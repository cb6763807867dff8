"""The secretariat's own pages: what needs attention, population figures, GDPR requests."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts.access import secretariat_may, secretariat_must, secretariat_required
from hcs.audit.models import AuditEntry
from hcs.backoffice.forms import DataRequestForm, DataRequestHandledForm, PopulationUploadForm
from hcs.backoffice.queries import todo
from hcs.contacts.gdpr import contact_person_erase, contact_person_export
from hcs.contacts.models import ContactPerson, DataRequest
from hcs.contacts.services import data_request_handle, data_request_record
from hcs.lib.errors import add_to_form, messages_of
from hcs.mail.models import OutgoingEmail
from hcs.mail.services import email_retry
from hcs.memberships.queries import count_members, members_on
from hcs.organisations.services import population_import


@secretariat_required()
@require_GET
def dashboard(request):
    """Att göra: what needs attention across the network, each with a count and a link."""
    today, now = timezone.localdate(), timezone.now()
    user = request.user
    items = {item.key: item for item in todo(user, today, now)}
    context = {
        "today": today,
        "count": count_members(members_on(today)),
        "items": items,
        "recent": AuditEntry.objects.select_related("content_type")[:15]
        if secretariat_may(user, "audit.view_auditentry")
        else None,
    }
    return render(request, "backoffice/dashboard.html", context)


MAIL_SHOWN = 200


@secretariat_required("mail.view_outgoingemail")
@require_GET
def mail_log(request):
    """The e-mails the platform has sent or tried to: failures with the mail server's answer,
    and the way to send one again."""
    state = request.GET.get("status", "")
    emails = OutgoingEmail.objects.all()
    if state in OutgoingEmail.State.values:
        emails = emails.filter(state=state)
    counts = {
        row["state"]: row["n"]
        for row in OutgoingEmail.objects.values("state").annotate(n=Count("id")).order_by()
    }
    now = timezone.now()
    shown = list(emails[:MAIL_SHOWN])
    for email in shown:
        email.may_retry = email.may_send_again(now)
    return render(
        request,
        "backoffice/mail_log.html",
        {
            "emails": shown,
            "state": state,
            "states": [
                (value, label, counts.get(value, 0)) for value, label in OutgoingEmail.State.choices
            ],
            "shown": MAIL_SHOWN,
        },
    )


@secretariat_required("mail.change_outgoingemail")
@require_POST
def mail_retry(request, pk: int):
    email = get_object_or_404(OutgoingEmail, pk=pk)
    try:
        email_retry(email=email, actor=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The e-mail is queued to be sent again."))
    return redirect("backoffice:mail_log")


@secretariat_required("organisations.add_population")
@require_http_methods(["GET", "POST"])
def population_upload(request):
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"]
        report = population_import(
            year=form.cleaned_data["year"],
            figures=form.figures,
            actor=request.user,
            source=form.cleaned_data["source"],
            dry_run=dry_run,
        )
        if not dry_run:
            messages.success(
                request,
                _("Population figures for %(year)d saved: %(new)d new, %(changed)d changed.")
                % {
                    "year": form.cleaned_data["year"],
                    "new": len(report.created),
                    "changed": len(report.updated),
                },
            )
            return redirect("backoffice:population_upload")
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(
        request,
        "backoffice/population_upload.html",
        {"form": form, "report": report},
        status=status,
    )


@secretariat_required("contacts.view_contactperson")
@require_http_methods(["GET"])
def contact_export(request, pk: int):
    person = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    data = contact_person_export(person=person, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="kontaktperson-{pk}.json"'
    return response


@secretariat_required("contacts.change_contactperson")
@require_http_methods(["GET", "POST"])
def contact_erase(request, pk: int):
    person = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    if request.method == "POST":
        try:
            contact_person_erase(person=person, actor=request.user)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The person's personal data has been erased."))
        return redirect("admin:contacts_contactperson_change", pk)
    preview = None
    if not person.erased_at:
        preview = contact_person_erase(person=person, actor=request.user, dry_run=True)
    return render(request, "backoffice/contact_erase.html", {"person": person, "preview": preview})


@secretariat_required("contacts.view_contactperson")
@require_http_methods(["GET", "POST"])
def data_requests(request):
    """People's requests about their personal data: open ones first, each with the way to
    export or erase the person's data, and when and how it was handled."""
    form = DataRequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST":
        secretariat_must(request.user, "contacts.change_contactperson")
        if form.is_valid():
            try:
                data_request_record(request=form.save(commit=False), actor=request.user)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The request is recorded."))
                return redirect("backoffice:data_requests")
    requests = list(DataRequest.objects.select_related("person__organisation"))
    for item in requests:
        item.handled_form = DataRequestHandledForm(
            prefix=f"handled-{item.pk}", initial={"handled_on": timezone.localdate()}
        )
    return render(
        request,
        "backoffice/data_requests.html",
        {
            "open": [r for r in requests if r.handled_on is None],
            "handled": [r for r in requests if r.handled_on is not None][:100],
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required("contacts.change_contactperson")
@require_POST
def data_request_handled(request, pk: int):
    item = get_object_or_404(DataRequest, pk=pk)
    form = DataRequestHandledForm(request.POST, prefix=f"handled-{pk}")
    if form.is_valid():
        try:
            data_request_handle(
                request=item,
                handled_on=form.cleaned_data["handled_on"],
                outcome=form.cleaned_data["outcome"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The request is marked as handled."))
    else:
        messages.error(request, _("Give the day it was handled and what was done."))
    return redirect("backoffice:data_requests")
