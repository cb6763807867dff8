"""The public website: who the members are. Open to everyone, no login."""

from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hcs.lib.pagecache import cache_public_page
from hcs.memberships.queries import (
    count_members,
    ever_members,
    members_during,
    members_on,
    organisation_periods,
)
from hcs.organisations.queries import with_latest_population
from hcs.public.forms import MembersFilterForm


@login_not_required
@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
@cache_public_page
def home(request):
    rows = members_on(timezone.localdate())
    return render(request, "public/home.html", {"count": count_members(rows)})


@login_not_required
@require_GET
@cache_public_page
def members(request):
    form = MembersFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    today = timezone.localdate()
    year = day = None
    if valid and form.cleaned_data["ar"]:
        year = form.cleaned_data["ar"]
        rows = members_during(year)
        first, last = date(year, 1, 1), date(year, 12, 31)
        # Only those who joined or left during the year get a note, as in the annual report.
        notes = {row.code: (row.joined_after(first), row.left_before(last)) for row in rows}
    else:
        day = (form.cleaned_data["datum"] if valid else None) or today
        rows = members_on(day)
        notes = {}
    context = {
        "form": form,
        "rows": [(row, *notes.get(row.code, (False, False))) for row in rows],
        "count": count_members(rows),
        "day": day,
        "year": year,
        "today": today,
    }
    if request.htmx:
        # htmx swaps only successful responses: the fragment carries the error itself.
        return render(request, "public/_member_list.html", context)
    status = 400 if form.is_bound and not valid else 200
    return render(request, "public/members.html", context, status=status)


@login_not_required
@require_GET
@cache_public_page
def member_detail(request, code: str):
    organisation = with_latest_population(ever_members().filter(code=code)).first()
    if organisation is None:
        raise Http404(_("No member with that code."))
    periods = organisation_periods(organisation)
    today = timezone.localdate()
    current = next((p for p in periods if p.is_active_on(today)), None)
    return render(
        request,
        "public/member_detail.html",
        {
            "organisation": organisation,
            "periods": periods,
            "current": current,
            "earlier": [p for p in periods if p is not current],
        },
    )
