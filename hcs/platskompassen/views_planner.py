"""The planner's pages: their organisation's places, rounds on them, the survey link and its
QR code. The secretariat sees every member's places."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import planner_organisation, secretariat_may
from hcs.lib.errors import add_to_form
from hcs.platskompassen.forms import PlaceForm, RoundForm
from hcs.platskompassen.models import Place, Round
from hcs.platskompassen.services import can_manage
from hcs.platskompassen.services import place_create as create_place
from hcs.platskompassen.services import round_create as create_round


def _own_organisation(request):
    """The planner's organisation, or None for the secretariat (who see all); else 403."""
    if secretariat_may(request.user, "platskompassen.view_place"):
        return None
    organisation = planner_organisation(request.user)
    if organisation is None:
        raise PermissionDenied
    return organisation


def _place(request, pk: int) -> Place:
    place = get_object_or_404(Place.objects.select_related("organisation"), pk=pk)
    if not can_manage(request.user, place.organisation) and not secretariat_may(
        request.user, "platskompassen.view_place"
    ):
        raise PermissionDenied
    return place


@require_GET
def places(request):
    organisation = _own_organisation(request)
    queryset = Place.objects.select_related("organisation").prefetch_related("rounds")
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return render(
        request,
        "platskompassen/places.html",
        {"places": queryset, "organisation": organisation, "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def place_create(request):
    organisation = _own_organisation(request)
    form = PlaceForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can_manage(request.user, data["organisation"]):
            raise PermissionDenied
        try:
            place = create_place(
                organisation=data["organisation"],
                name=data["name"],
                description=data["description"],
                municipality=data["municipality"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The place was created. Now start a round on it."))
            return redirect("platskompassen:place", place.pk)
    return render(
        request,
        "platskompassen/place_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def place_detail(request, pk: int):
    place = _place(request, pk)
    rounds = place.rounds.select_related("tool").order_by("-opens")
    return render(
        request,
        "platskompassen/place.html",
        {
            "place": place,
            "rounds": rounds,
            "today": timezone.localdate(),
            "can_manage": can_manage(request.user, place.organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def round_create(request, pk: int):
    place = _place(request, pk)
    if not can_manage(request.user, place.organisation):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = create_round(
                place=place,
                title=data["title"],
                introduction=data["introduction"],
                opens=data["opens"],
                closes=data["closes"],
                tool=data["tool"],
                mode=data["mode"],
                background_questions=data["background_questions"],
                publish_results=data["publish_results"],
                actor=request.user,
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("The round “%(title)s” was created. Share its link or QR code.")
                % {"title": round_.title},
            )
            return redirect("platskompassen:place", place.pk)
    return render(
        request,
        "platskompassen/round_form.html",
        {"form": form, "place": place},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def qr_code(request, slug: str):
    """The survey link as a QR code (SVG: sharp on posters and in print)."""
    round_ = get_object_or_404(Round.objects.select_related("place__organisation"), slug=slug)
    if not can_manage(request.user, round_.place.organisation):
        raise PermissionDenied
    url = request.build_absolute_uri(reverse("platskompassen:survey", args=[slug]))
    svg = segno.make(url, error="m").svg_inline(scale=8, border=2, title=round_.title)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="platskompassen-{slug}.svg"'
    return response
