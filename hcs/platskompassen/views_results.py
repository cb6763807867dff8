"""A round's results under its link: the page (compass, table, comments, filter by group and
comparison with another round of the place) and the same as files.

Everyone may see them when the planner has published them; otherwise the organisation's planners
and the secretariat: an anonymous visitor is sent to log in, anyone else is refused (403)."""

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hcs.platskompassen import exports
from hcs.platskompassen.exports import (
    CSV_TYPE,
    SVG_TYPE,
    XLSX_TYPE,
    answers_csv,
    build_report,
    comments_by_theme,
    comparable_rounds,
    group_choices,
    hidden_note,
    may_see,
    may_see_background,
    table_rows,
)
from hcs.platskompassen.models import Round
from hcs.platskompassen.queries import parse_group, withheld


def _round_view(view):
    """Loads the round by its link and lets through only those who may see its results."""

    @login_not_required
    @require_GET
    @functools.wraps(view)
    def wrapper(request, slug: str):
        round_ = get_object_or_404(
            Round.objects.select_related("place__organisation", "tool"), slug=slug
        )
        if not may_see(request.user, round_):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return view(request, round_)

    return wrapper


def _group(request):
    """The chosen group, None for all; ValueError for one that does not exist."""
    return parse_group(request.GET.get("group") or None)


def _filename(round_: Round, suffix: str) -> str:
    return f"platskompassen-{round_.slug}{suffix}"


def _query(group, compare) -> str:
    """The page's choices for its download links: "?group=age_band%3A18_29&jamfor=…"."""
    kept = {"group": f"{group[0]}:{group[1]}" if group else "", "jamfor": compare or ""}
    kept = {key: value for key, value in kept.items() if value}
    return "?" + urlencode(kept) if kept else ""


@_round_view
def results(request, round_: Round):
    error = ""
    try:
        group = _group(request)
    except ValueError:
        group = None
        error = _("There is no such group. All who answered are shown.")
    compare = request.GET.get("jamfor") or None
    report = build_report(round_, user=request.user, group=group, compare=compare)
    hidden = report.results.hidden
    return render(
        request,
        "platskompassen/results.html",
        {
            "round": round_,
            "place": round_.place,
            "report": report,
            # compass_svg escapes every text.
            "svg": mark_safe(report.svg()),
            "svg_narrow": mark_safe(report.svg(narrow=True)),
            "rows": table_rows(report),
            "scale": range(1, round_.tool.scale_max + 1),
            "comments": [] if hidden else comments_by_theme(report),
            "hidden_note": hidden_note(report.group),
            "minimum": settings.PLATSKOMPASSEN_MIN_GROUP,
            "group_choices": group_choices(round_),
            "group_value": f"{group[0]}:{group[1]}" if group else "",
            "comparable": comparable_rounds(request.user, round_),
            "compare": compare or "",
            "error": error,
            "query": _query(group, report.comparison and report.comparison.slug),
            "background_in_csv": may_see_background(request.user, round_),
            "good_question": round_.tool.text("good_question", get_language()),
            "better_question": round_.tool.text("better_question", get_language()),
        },
        status=400 if error else 200,
    )


@_round_view
def compass(request, round_: Round):
    try:
        group = _group(request)
    except ValueError:
        return HttpResponseBadRequest(_("There is no such group."))
    report = build_report(
        round_, user=request.user, group=group, compare=request.GET.get("jamfor") or None
    )
    response = HttpResponse(report.svg(), content_type=SVG_TYPE)
    response["Content-Disposition"] = f'inline; filename="{_filename(round_, "-kompass.svg")}"'
    return response


def csv_response(request, round_: Round) -> StreamingHttpResponse:
    """The answers, streamed: rows are read and sent in chunks, never all held at once. For the
    public, a round with too few answers to be shown gives the header only."""
    manager = may_see_background(request.user, round_)
    response = StreamingHttpResponse(
        answers_csv(round_, background=manager, answers=not withheld(round_, public=not manager)),
        content_type=CSV_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(round_, ".csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_response(request, round_: Round, group) -> HttpResponse:
    report = build_report(round_, user=request.user, group=group)
    response = HttpResponse(exports.results_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(round_, ".xlsx")}"'
    return response


def pdf_response(request, round_: Round, group, compare) -> HttpResponse:
    content = exports.results_pdf(round_, user=request.user, group=group, compare=compare)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(round_, ".pdf")}"'
    return response


@_round_view
def results_csv(request, round_: Round):
    return csv_response(request, round_)


@_round_view
def results_xlsx(request, round_: Round):
    try:
        group = _group(request)
    except ValueError:
        return HttpResponseBadRequest(_("There is no such group."))
    return xlsx_response(request, round_, group)


@_round_view
def results_pdf(request, round_: Round):
    try:
        group = _group(request)
    except ValueError:
        return HttpResponseBadRequest(_("There is no such group."))
    return pdf_response(request, round_, group, request.GET.get("jamfor") or None)
