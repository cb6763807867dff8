"""The compliance view for the secretariat (with assessments, exports and reminders) and a
member's own row for its contact persons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts.access import (
    member_contact_required,
    secretariat_must,
    secretariat_required,
)
from hcs.criteria.exports import CSV_TYPE, XLSX_TYPE, compliance_csv, compliance_xlsx
from hcs.criteria.forms import AssessmentForm, ComplianceFilter
from hcs.criteria.models import Assessment, Criterion, Reminder, Status
from hcs.criteria.queries import ComplianceTable, compliance
from hcs.criteria.services import (
    assessment_delete,
    assessment_save,
    criteria_copy,
    reminder_drafts,
    reminders_queue,
)
from hcs.lib.errors import add_to_form, messages_of
from hcs.lib.params import parse_int, parse_year, year_param
from hcs.organisations.models import Organisation

VIEW = "criteria.view_criterion"


def default_year() -> int:
    """This year if it has criteria, else the latest year that has."""
    this_year = timezone.localdate().year
    if Criterion.objects.filter(year=this_year).exists():
        return this_year
    latest = Criterion.objects.filter(year__lt=this_year).aggregate(y=Max("year"))["y"]
    return latest or this_year


def _filtered(request) -> tuple[ComplianceFilter, ComplianceTable]:
    form = ComplianceFilter(request.GET or None, initial={"ar": default_year()})
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("ar") or default_year()
    table = compliance(year)
    rows = table.rows
    if data.get("typ"):
        rows = [row for row in rows if row.kind == data["typ"]]
    if data.get("status"):
        key = data.get("kriterium")
        rows = [
            row
            for row in rows
            if any(
                cell.status == data["status"] and (not key or cell.criterion.key == key)
                for cell in row.cells
            )
        ]
    return form, ComplianceTable(table.year, table.criteria, rows)


@secretariat_required(VIEW)
@require_GET
def compliance_page(request):
    form, table = _filtered(request)
    language = get_language()
    earlier = (
        Criterion.objects.filter(year__lt=table.year).aggregate(y=Max("year"))["y"]
        if not table.criteria
        else None
    )
    return render(
        request,
        "criteria/compliance.html",
        {
            "form": form,
            "table": table,
            "headers": [
                (criterion, criterion.display_name(language), totals)
                for criterion, totals in zip(table.criteria, table.totals(), strict=True)
            ],
            "query": request.GET.urlencode(),
            "copy_from": earlier,
            "statuses": Status,
        },
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )


def _to_table(year: int):
    return redirect(f"{reverse('criteria:compliance')}?ar={year}")


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@secretariat_required(VIEW)
@require_GET
def compliance_export(request, fmt: str):
    _form, table = _filtered(request)
    name = f"medlemskriterier-{table.year}"
    if fmt == "csv":
        return _download(compliance_csv(table, get_language()), CSV_TYPE, f"{name}.csv")
    return _download(compliance_xlsx(table, get_language()), XLSX_TYPE, f"{name}.xlsx")


@secretariat_required("criteria.add_criterion")
@require_POST
def copy_criteria(request, year: int):
    try:
        source = parse_year(request.POST.get("from_year", ""))
    except ValidationError:
        messages.error(request, _("Choose a year to copy from."))
        return _to_table(year)
    try:
        copies = criteria_copy(from_year=source, to_year=year, actor=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(count)d criteria copied to %(year)d. Check them in the admin.")
            % {"count": len(copies), "year": year},
        )
    return _to_table(year)


@secretariat_required(VIEW)
@require_http_methods(["GET", "POST"])
def assess(request, year: int, key: str, code: str):
    criterion = get_object_or_404(Criterion, year=year, key=key)
    organisation = get_object_or_404(Organisation, code=code)
    if criterion.is_automatic:
        raise Http404(_("This criterion is assessed automatically."))
    row = next(iter(compliance(year, organisation_ids=[organisation.pk]).rows), None)
    if row is None:
        raise Http404(_("%(member)s was not a member that year.") % {"member": organisation.name})
    existing = Assessment.objects.filter(criterion=criterion, organisation=organisation).first()
    form = AssessmentForm(
        request.POST or None,
        instance=existing,
        initial={"assessed_on": timezone.localdate()},
    )
    if request.method == "POST":
        secretariat_must(request.user, "criteria.change_assessment")
        if request.POST.get("delete") and existing:
            assessment_delete(assessment=existing, actor=request.user)
            messages.success(request, _("The assessment was removed."))
            return _to_table(year)
        if form.is_valid():
            try:
                assessment_save(
                    criterion=criterion,
                    organisation=organisation,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Saved: %(member)s, %(criterion)s.")
                    % {"member": organisation.name, "criterion": criterion.name},
                )
                return _to_table(year)
    return render(
        request,
        "criteria/assess.html",
        {
            "criterion": criterion,
            "criterion_name": criterion.display_name(get_language()),
            "organisation": organisation,
            "form": form,
            "existing": existing,
        },
        status=400 if request.method == "POST" else 200,
    )


@secretariat_required(VIEW)
@require_http_methods(["GET", "POST"])
def reminders(request, year: int):
    if request.method == "POST":
        secretariat_must(request.user, "criteria.add_reminder")
        try:
            ids = [parse_int(value) for value in request.POST.getlist("organisation")]
        except ValidationError:
            ids = []
        try:
            queued = reminders_queue(year=year, organisation_ids=ids, actor=request.user)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(count)d reminders are being sent. Their state is shown below.")
                % {"count": len(queued)},
            )
            return redirect("criteria:reminders", year)
    return render(
        request,
        "criteria/reminders.html",
        {
            "year": year,
            "drafts": reminder_drafts(year),
            "log": Reminder.objects.filter(year=year).select_related(
                "organisation", "queued_by", "email"
            )[:200],
        },
    )


@require_GET
@member_contact_required
def own_row(request, organisation):
    """A member's contact person sees their own organisation's row."""
    year = year_param(request) or default_year()
    row = next(iter(compliance(year, organisation_ids=[organisation.pk]).rows), None)
    language = get_language()
    return render(
        request,
        "criteria/own_row.html",
        {
            "organisation": organisation,
            "year": year,
            "cells": [(c.criterion.display_name(language), c) for c in row.cells] if row else [],
            "years": sorted(
                set(Criterion.objects.values_list("year", flat=True).distinct()), reverse=True
            ),
        },
    )
