from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from hcs.accounts.auth import StaffToken
from hcs.lib import ratelimit
from hcs.lib.api import Day, Id, Line, errors, line, text
from hcs.organisations.models import Organisation
from hcs.platskompassen.models import COMMENT_MAX_LENGTH, Place, Round, ToolVersion
from hcs.platskompassen.services import (
    AREA_MAX_LENGTH,
    can_manage,
    place_create,
    response_submit,
    round_create,
)

router = Router(tags=["platskompassen"])
# A planner by their session, or the secretariat (or another system) by a staff token.
PLANNER_OR_STAFF = [StaffToken(), django_auth]


class PlaceIn(Schema):
    name: line(150)
    organisation_code: line(4)
    description: text(2000) = ""
    municipality_code: line(4) | None = None  # for a region's place


class PlaceOut(Schema):
    id: int


class RoundIn(Schema):
    title: line(150)
    opens: Day
    closes: Day
    tool_version: line(40) | None = None
    publish_results: bool = False
    mode: Round.Mode = Round.Mode.SURVEY
    background_questions: list[Line] = []
    introduction: text(2000) = ""


class RoundOut(Schema):
    slug: str


class CommentIn(Schema):
    good: text(COMMENT_MAX_LENGTH) = ""
    better: text(COMMENT_MAX_LENGTH) = ""


class ResponseIn(Schema):
    scores: dict[line(40), int | None] = {}
    comments: dict[line(40), CommentIn] = {}
    background: dict[line(40), line(AREA_MAX_LENGTH) | None] = {}


class ResponseOut(Schema):
    id: int


def _may_manage(request, organisation: Organisation) -> None:
    if not can_manage(request.user, organisation):
        raise PermissionDenied


@router.post(
    "/platskompassen/places",
    auth=PLANNER_OR_STAFF,
    response={201: PlaceOut, **errors(400, 401, 403, 404, 413, 422)},
)
def create_place(request, payload: PlaceIn):
    """Create a place for a member organisation (its planner, or the secretariat)."""
    organisation = Organisation.objects.filter(code=payload.organisation_code).first()
    if organisation is None:
        raise Http404(
            _("There is no organisation with code %(code)s.") % {"code": payload.organisation_code}
        )
    _may_manage(request, organisation)
    municipality = None
    if payload.municipality_code:
        municipality = Organisation.objects.filter(
            code=payload.municipality_code, kind=Organisation.Kind.MUNICIPALITY
        ).first()
        if municipality is None:
            raise Http404(
                _("There is no municipality with code %(code)s.")
                % {"code": payload.municipality_code}
            )
    place = place_create(
        organisation=organisation,
        name=payload.name,
        description=payload.description,
        municipality=municipality,
        actor=request.user,
    )
    return Status(201, {"id": place.pk})


@router.post(
    "/platskompassen/places/{place_id}/rounds",
    auth=PLANNER_OR_STAFF,
    response={201: RoundOut, **errors(400, 401, 403, 404, 413, 422)},
)
def create_round(request, place_id: Id, payload: RoundIn):
    """Start an assessment round on a place; the answer is its public link's `slug`."""
    place = Place.objects.select_related("organisation").filter(pk=place_id).first()
    if place is None:
        raise Http404(_("There is no place %(id)d.") % {"id": place_id})
    _may_manage(request, place.organisation)
    tool = None
    if payload.tool_version:
        tool = ToolVersion.objects.filter(key=payload.tool_version).first()
        if tool is None:
            raise Http404(_("There is no tool version %(key)s.") % {"key": payload.tool_version})
    round_ = round_create(
        place=place,
        title=payload.title,
        opens=payload.opens,
        closes=payload.closes,
        tool=tool,
        mode=payload.mode,
        publish_results=payload.publish_results,
        background_questions=payload.background_questions,
        introduction=payload.introduction,
        actor=request.user,
    )
    return Status(201, {"slug": round_.slug})


@router.post(
    "/platskompassen/rounds/{slug}/responses",
    response={201: ResponseOut, **errors(400, 404, 409, 413, 422, 429)},
)
def submit_response(request, slug: line(64), payload: ResponseIn):
    """A resident's anonymous answer: scores 1..the tool's top (null: skipped), comments per
    theme, and the round's background questions. Refused whole (422) if anything is wrong."""
    round_ = Round.objects.select_related("tool").filter(slug=slug).first()
    if round_ is None:
        raise Http404(_("There is no such survey."))
    ratelimit.enforce(ratelimit.hit_client(request, "survey"))
    response = response_submit(
        round_=round_,
        scores=payload.scores,
        comments={key: comment.dict() for key, comment in payload.comments.items()},
        background=payload.background,
    )
    return Status(201, {"id": response.pk})
