"""A round's results in the API: the figures per theme, the compass and the exports.

Public when the planner has published the results; otherwise for the secretariat (a staff token)
and the organisation's planners (their session): 401 without either, 403 for anyone else."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from hcs.accounts.auth import StaffToken
from hcs.lib.api import errors, file_response, line
from hcs.platskompassen import views_results
from hcs.platskompassen.exports import SVG_TYPE, build_report, may_see
from hcs.platskompassen.models import Round
from hcs.platskompassen.queries import parse_group, round_results
from hcs.platskompassen.services import can_manage

router = Router(tags=["platskompassen"])


def _anyone(request):
    """The last of the ways in: no token, no session. The view decides what the visitor sees."""
    return "anonymous"


# A staff token, a planner's session, or no one: published results are public.
STAFF_PLANNER_OR_PUBLIC = [StaffToken(), django_auth, _anyone]


class ThemeResultOut(Schema):
    key: str
    name: str
    n: int
    mean: float | None
    median: float | None
    distribution: list[int]


class ResultsOut(Schema):
    responses: int
    themes: list[ThemeResultOut]
    # True when the answers are not shown, so that no one can be recognised: too few in all,
    # or (for a group) too few in some answer to the group's question.
    withheld: bool = False


def _round(request, slug: str) -> Round:
    round_ = Round.objects.select_related("place__organisation", "tool").filter(slug=slug).first()
    if round_ is None:
        raise Http404(_("There is no such survey."))
    user = request.auth if request.auth != "anonymous" else request.user
    if not may_see(user, round_):
        if not getattr(user, "is_authenticated", False):
            raise AuthenticationError
        raise PermissionDenied
    request.user = user
    return round_


def _group(text: str | None):
    try:
        return parse_group(text)
    except ValueError:
        raise ValidationError(
            _(
                "There is no group %(group)s. Give a background question and an answer, such "
                "as age_band:18_29, gender:woman or relation:live."
            )
            % {"group": text},
            code="invalid",
        ) from None


ERRORS = errors(401, 403, 404, 422)
Slug = line(64)
Group = line(60)


@router.get(
    "/platskompassen/rounds/{slug}/results",
    auth=STAFF_PLANNER_OR_PUBLIC,
    response={200: ResultsOut, **ERRORS},
)
def get_results(request, slug: Slug, group: Group | None = None):
    """Per theme: the number of answers, mean and median (null without answers) and the
    distribution (the count for each score from 1 upwards). `group`: answers from one background
    group only (`age_band:18_29`, `gender:woman`, `relation:live`, …). `withheld`: no answers
    are shown, so that no one can be recognised (fewer than the anonymity threshold in the
    round, or in the group or another answer to its question)."""
    round_ = _round(request, slug)
    public = not can_manage(request.user, round_.place.organisation)
    results = round_results(round_, group=_group(group), public=public)
    return {
        "responses": results.responses,
        "withheld": results.hidden,
        "themes": [
            {
                "key": theme.theme.key,
                "name": theme.name,
                "n": theme.n,
                "mean": theme.mean,
                "median": theme.median,
                "distribution": theme.distribution,
            }
            for theme in results.themes
        ],
    }


@router.get(
    "/platskompassen/rounds/{slug}/results/compass.svg",
    auth=STAFF_PLANNER_OR_PUBLIC,
    response=ERRORS,
    openapi_extra=file_response("image/svg+xml", "The compass as SVG"),
)
def get_compass(request, slug: Slug, group: Group | None = None):
    """The compass as an SVG image (with the group sessions' agreed scores, when any)."""
    round_ = _round(request, slug)
    report = build_report(round_, user=request.user, group=_group(group))
    return HttpResponse(report.svg(), content_type=SVG_TYPE)


@router.get(
    "/platskompassen/rounds/{slug}/results.csv",
    auth=STAFF_PLANNER_OR_PUBLIC,
    response=ERRORS,
    openapi_extra=file_response("text/csv", "The answers as CSV"),
)
def get_csv(request, slug: Slug):
    """Every answer, anonymous, one row per response (streamed; semicolons, UTF-8 with BOM).
    The background answers only for the organisation's planners and the secretariat."""
    return views_results.csv_response(request, _round(request, slug))


@router.get(
    "/platskompassen/rounds/{slug}/results.xlsx",
    auth=STAFF_PLANNER_OR_PUBLIC,
    response=ERRORS,
    openapi_extra=file_response(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "The results as XLSX"
    ),
)
def get_xlsx(request, slug: Slug, group: Group | None = None):
    """A summary per theme and every comment, as an Excel workbook."""
    round_ = _round(request, slug)
    return views_results.xlsx_response(request, round_, _group(group))


@router.get(
    "/platskompassen/rounds/{slug}/results.pdf",
    auth=STAFF_PLANNER_OR_PUBLIC,
    response=ERRORS,
    openapi_extra=file_response("application/pdf", "The report as PDF"),
)
def get_pdf(request, slug: Slug, group: Group | None = None):
    """The report as PDF (A4, in Swedish): the compass, the table per theme and the comments."""
    round_ = _round(request, slug)
    return views_results.pdf_response(request, round_, _group(group), None)
