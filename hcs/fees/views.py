"""The secretariat's fee pages (schedules, fee models and their comparison) and the public fee
table."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import secretariat_may, secretariat_required
from hcs.fees.exports import CONTENT_TYPE, comparison_xlsx
from hcs.fees.forms import AdoptForm, IndexForm
from hcs.fees.models import FeeModel, FeeSchedule
from hcs.fees.queries import (
    comparison_year,
    fee_model_comparison,
    fee_model_get,
    fee_models,
    fee_summary,
    schedule_before,
    schedule_for,
)
from hcs.fees.services import check_fee_model_adoptable, fee_model_adopt, fee_schedule_index
from hcs.lib.errors import messages_of
from hcs.lib.params import year_param


@secretariat_required("fees.view_feeschedule")
@require_GET
def schedules(request):
    return render(
        request,
        "fees/schedules.html",
        {"schedules": FeeSchedule.objects.prefetch_related("tiers")},
    )


@secretariat_required("fees.view_feeschedule")
@require_http_methods(["GET", "POST"])
def year_summary(request, year: int):
    schedule = schedule_for(year)
    form = IndexForm(request.POST or None)
    if request.method == "POST":
        if not secretariat_may(request.user, "fees.add_feeschedule"):
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


@secretariat_required("fees.view_feemodel")
@require_GET
def fee_model_list(request):
    return render(request, "fees/models.html", {"models": fee_models()})


def _compared_year(request, model: FeeModel) -> int:
    """`?ar=2024`, or by default the newest schedule before the model's year."""
    return year_param(request) or comparison_year(model)


def _adoption_refusal(model: FeeModel) -> list[str]:
    """Why the model cannot become a fee schedule; empty when it can."""
    try:
        check_fee_model_adoptable(model)
    except ValidationError as error:
        return messages_of(error)
    return []


@secretariat_required("fees.view_feemodel")
@require_GET
def fee_model_compare(request, pk: int):
    model = fee_model_get(pk)
    comparison = fee_model_comparison(model, _compared_year(request, model))
    return render(
        request,
        "fees/model_compare.html",
        {
            "comparison": comparison,
            "model": model,
            "years": FeeSchedule.objects.values_list("year", flat=True),
            "refusal": _adoption_refusal(model),
        },
    )


@secretariat_required("fees.view_feemodel")
@require_GET
def fee_model_export(request, pk: int):
    model = fee_model_get(pk)
    comparison = fee_model_comparison(model, _compared_year(request, model))
    response = HttpResponse(comparison_xlsx(comparison), content_type=CONTENT_TYPE)
    name = slugify(model.name) or str(model.pk)
    response["Content-Disposition"] = (
        f'attachment; filename="avgiftsmodell-{name}-{comparison.year}.xlsx"'
    )
    return response


@secretariat_required("fees.view_feemodel")
@secretariat_required("fees.add_feeschedule")
@require_http_methods(["GET", "POST"])
def fee_model_adopt_confirm(request, pk: int):
    """Adopting a model is a decision of the annual meeting: a page says what it makes, then a
    POST adopts it."""
    model = fee_model_get(pk)
    form = AdoptForm(request.POST or None)
    refusal = _adoption_refusal(model)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            schedule = fee_model_adopt(
                model=model, actor=request.user, decision=form.cleaned_data["decision"]
            )
        except ValidationError as error:
            refusal = messages_of(error)
        else:
            messages.success(
                request,
                _("The fee model was adopted: these are the fees for %(year)d.")
                % {"year": schedule.year},
            )
            return redirect("fees:year", schedule.year)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "fees/model_adopt.html",
        {
            "model": model,
            "form": form,
            "refusal": refusal,
            "rules_from": schedule_before(model.year),
        },
        status=status,
    )
