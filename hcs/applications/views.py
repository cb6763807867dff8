"""'Bli medlem' (public) and the secretariat's pipeline of applications (/kansli/ansokningar/)."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import secretariat_must, secretariat_required
from hcs.applications import queries
from hcs.applications.forms import ApplicationForm, FeeQueryForm, MemberForm
from hcs.applications.models import Application
from hcs.applications.services import (
    application_membership,
    application_move,
    application_note,
    application_submit,
)
from hcs.criteria.models import Criterion
from hcs.criteria.queries import newest_year
from hcs.fees.queries import current_schedule, tier_ranges
from hcs.lib import ratelimit
from hcs.lib.errors import add_to_form, messages_of
from hcs.lib.spreadsheets import safe_row
from hcs.memberships.services import DecisionData
from hcs.organisations.models import Organisation

CSV_TYPE = "text/csv; charset=utf-8"


def _criteria(today):
    """The names of the criteria applicants are shown, and their year."""
    year = newest_year(today)
    language = get_language()
    criteria = Criterion.objects.filter(year=year).order_by("position") if year else []
    return year, [c.display_name(language) for c in criteria]


@login_not_required
@require_http_methods(["GET", "POST"])
def become_member(request):
    """What membership gives, the criteria, the fees and this organisation's, and the
    application form."""
    today = timezone.localdate()
    schedule = current_schedule(today)
    quote_form = FeeQueryForm(request.GET if "organisation" in request.GET else None)
    quote, quote_error = None, ""
    if quote_form.is_bound and quote_form.is_valid() and schedule:
        organisation = queries.organisation_typed(quote_form.cleaned_data["organisation"])
        if organisation is None:
            quote_error = _("Choose a municipality or region from the list.")
        else:
            quote = queries.fee_quote(organisation, schedule)
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ratelimit.enforce(ratelimit.hit_client(request, "application"))
        if form.is_valid() and form.cleaned_data["website"]:
            # A robot filled in the hidden field: thanked, nothing stored.
            return redirect(reverse("public:fee_table") + "?tack=1#ansokan")
        if form.is_valid():
            data = form.cleaned_data
            organisation = queries.organisation_typed(data["organisation"])
            try:
                application_submit(
                    organisation_code=organisation.code if organisation else "",
                    name=data["name"],
                    title=data["title"],
                    email=data["email"],
                    phone=data["phone"],
                    message=data["message"],
                    consent=data["consent"],
                )
            except ValidationError as error:
                renamed = {
                    ("organisation" if field == "organisation_code" else field): texts
                    for field, texts in error.message_dict.items()
                }
                add_to_form(form, ValidationError(renamed))
            else:
                return redirect(reverse("public:fee_table") + "?tack=1#ansokan")
        status = 400
    year, criteria = _criteria(today)
    return render(
        request,
        "applications/become_member.html",
        {
            "schedule": schedule,
            "ranges": tier_ranges(schedule) if schedule else [],
            "quote_form": quote_form,
            "quote": quote,
            "quote_error": quote_error,
            "choices": queries.organisation_choices(),
            "criteria_year": year,
            "criteria": criteria,
            "form": form,
            "thanked": request.GET.get("tack") == "1",
            "meta_title": _("Become a member"),
            "meta_description": _(
                "What membership of Healthy Cities Sverige gives, the criteria, the fees, "
                "and the application."
            ),
        },
        status=status,
    )


# The secretariat's pipeline ------------------------------------------------------------------


@secretariat_required("applications.view_application")
@require_GET
def pipeline(request):
    applications = list(Application.objects.select_related("organisation"))
    columns = [
        (value, label, [a for a in applications if a.status == value])
        for value, label in Application.Status.choices
    ]
    return render(request, "applications/pipeline.html", {"columns": columns})


@secretariat_required("applications.view_application")
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    application = get_object_or_404(
        Application.objects.select_related("organisation", "membership"), pk=pk
    )
    if request.method == "POST":
        secretariat_must(request.user, "applications.change_application")
        action = request.POST.get("action", "")
        try:
            if action == "move":
                application_move(
                    application=application,
                    to=request.POST.get("to", ""),
                    actor=request.user,
                    note=request.POST.get("note", ""),
                )
            elif action == "note":
                next_on = request.POST.get("next_step_on") or None
                application_note(
                    application=application,
                    actor=request.user,
                    note=request.POST.get("note", ""),
                    next_step=request.POST.get("next_step", ""),
                    next_on=next_on,
                )
            elif action == "member":
                form = MemberForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise ValidationError(
                        [
                            f"{form[name].label}: {' '.join(errs)}"
                            for name, errs in form.errors.items()
                        ]
                    )
                data = form.cleaned_data
                made = application_membership(
                    application=application,
                    start_date=data["start_date"],
                    decision=DecisionData(
                        body=data["body"],
                        date=data["decision_date"],
                        paragraph=data["paragraph"],
                        registry_number=data["registry_number"],
                        document=data["document"],
                    ),
                    actor=request.user,
                    contacts=form.contacts(),
                )
                if made.invited:
                    messages.info(
                        request,
                        _("Invited to an account: %(addresses)s.")
                        % {"addresses": ", ".join(made.invited)},
                    )
                for problem in made.not_invited:
                    messages.warning(
                        request,
                        _("Not invited yet (invite from the organisation's page): %(why)s")
                        % {"why": problem},
                    )
            else:
                raise ValidationError(_("Choose what to do."))
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
        return redirect("applications:detail", pk)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "steps": application.steps.all(),
            "member_form": MemberForm(),
            "moves": [
                (value, label)
                for value, label in Application.Status.choices
                if value not in (application.status, Application.Status.MEMBER)
            ],
        },
    )


SORTS = {
    "population": lambda p: -(p.population or 0),
    "name": lambda p: p.organisation.name,
    "events": lambda p: -p.events_attended,
    "fee": lambda p: -(p.fee or 0),
}


def _prospects(request):
    """The prospects filtered by county and kind, sorted as asked."""
    rows = queries.prospects(timezone.localdate(), timezone.now())
    county = request.GET.get("lan", "")
    kind = request.GET.get("typ", "")
    if county:
        rows = [p for p in rows if p.organisation.county_code == county]
    if kind in ("municipality", "region"):
        rows = [p for p in rows if p.organisation.kind == kind]
    sort = request.GET.get("sortera", "population")
    rows.sort(key=SORTS.get(sort, SORTS["population"]))
    return rows, county, kind, sort


@secretariat_required("applications.view_application")
@require_GET
def recruitment(request):
    rows, county, kind, sort = _prospects(request)
    counties = sorted(
        {(p.organisation.county_code, p.organisation.county_name) for p in rows}
        | set(Organisation.objects.filter(kind="region").values_list("county_code", "county_name"))
    )
    return render(
        request,
        "applications/recruitment.html",
        {
            "rows": rows,
            "counties": counties,
            "county": county,
            "kind": kind,
            "sort": sort,
            "query": request.GET.urlencode(),
        },
    )


@secretariat_required("applications.view_application")
@require_GET
def recruitment_csv(request):
    rows, _county, _kind, _sort = _prospects(request)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Code"),
            _("Name"),
            _("Kind"),
            _("County"),
            _("Population"),
            _("Fee (kr)"),
            _("Member before"),
            _("People at public events"),
            _("Application"),
            _("Next step"),
        ]
    )
    for p in rows:
        writer.writerow(
            safe_row(
                [
                    p.organisation.code,
                    p.organisation.name,
                    p.organisation.get_kind_display(),
                    p.organisation.county_name,
                    p.population or "",
                    p.fee if p.fee is not None else "",
                    _("Yes") if p.former_member else "",
                    p.events_attended,
                    p.application.get_status_display() if p.application else "",
                    p.application.next_step if p.application else "",
                ]
            )
        )
    response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type=CSV_TYPE)
    response["Content-Disposition"] = 'attachment; filename="rekrytering.csv"'
    return response
