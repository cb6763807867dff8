"""The secretariat's own pages: what needs attention, population figures, GDPR requests."""

import json

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hcs.audit.models import AuditEntry
from hcs.backoffice.forms import PopulationUploadForm
from hcs.contacts.models import ContactPerson
from hcs.contacts.queries import members_missing_contacts
from hcs.contacts.services import contact_person_erase, contact_person_export
from hcs.lib.errors import messages_of
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
from hcs.memberships.queries import count_members, members_on
from hcs.organisations.services import population_import


@staff_member_required
def dashboard(request):
    today = timezone.localdate()
    can_see_contacts = request.user.has_perm("contacts.view_contactperson")
    current = Membership.objects.filter(in_effect(today))
    context = {
        "today": today,
        "count": count_members(members_on(today)),
        "contact_gaps": members_missing_contacts(today) if can_see_contacts else None,
        "without_decision": current.filter(join_decision_date__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name"),
        "recent": AuditEntry.objects.select_related("content_type")[:15]
        if request.user.has_perm("audit.view_auditentry")
        else None,
    }
    return render(request, "backoffice/dashboard.html", context)


@staff_member_required
@permission_required("organisations.add_population", raise_exception=True)
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


@staff_member_required
@permission_required("contacts.view_contactperson", raise_exception=True)
@require_http_methods(["GET"])
def contact_export(request, pk: int):
    person = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    data = contact_person_export(person=person, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="kontaktperson-{pk}.json"'
    return response


@staff_member_required
@permission_required("contacts.change_contactperson", raise_exception=True)
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
