"""The secretariat's fee pages and the public fee table."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.fees.forms import IndexForm
from hcs.fees.models import FeeSchedule
from hcs.fees.queries import current_schedule, fee_summary, schedule_for, tier_ranges
from hcs.fees.services import fee_schedule_index
from hcs.lib.errors import messages_of
from hcs.lib.pagecache import cache_public_page


@staff_member_required
@permission_required("fees.view_feeschedule", raise_exception=True)
@require_GET
def schedules(request):
    return render(
        request,
        "fees/schedules.html",
        {"schedules": FeeSchedule.objects.prefetch_related("tiers")},
    )


@staff_member_required
@permission_required("fees.view_feeschedule", raise_exception=True)
@require_http_methods(["GET", "POST"])
def year_summary(request, year: int):
    schedule = schedule_for(year)
    form = IndexForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("fees.add_feeschedule"):
            messages.error(request, _("You are not allowed to do this."))
            return redirect("fees:year", year)
        if form.is_valid():
            try:
                fee_schedule_index(
                    source=schedule,
                    index_percent=form.cleaned_data["index_percent"],
                    rounding=form.cleaned_data["rounding"],
                    actor=request.user,
                )
            except ValidationError as error:
                for message in messages_of(error):
                    form.add_error("index_percent", message)
            else:
                messages.success(
                    request, _("The fees for %(year)d were created.") % {"year": year + 1}
                )
                return redirect("fees:year", year + 1)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "fees/year.html",
        {"summary": fee_summary(year), "form": form, "next_exists": _exists(year + 1)},
        status=status,
    )


def _exists(year: int) -> bool:
    return FeeSchedule.objects.filter(year=year).exists()


@login_not_required
@require_GET
@cache_public_page
def fee_table(request):
    """The public fee table on "Bli medlem": the current year's schedule."""
    schedule = current_schedule(timezone.localdate())
    ranges = tier_ranges(schedule) if schedule else []
    return render(request, "fees/fee_table.html", {"schedule": schedule, "ranges": ranges})
