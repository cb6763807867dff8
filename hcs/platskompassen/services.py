"""Writes: places and rounds (by the member's planner or the secretariat), and answers (by
anyone, anonymously). Every write validates fully first; a refused write raises ValidationError
with every problem named, and stores nothing."""

import time
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.accounts.access import may_plan_for
from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, delete_audited, save_audited
from hcs.organisations.models import Organisation
from hcs.platskompassen.models import (
    COMMENT_MAX_LENGTH,
    Comment,
    Place,
    Response,
    Round,
    Score,
    Theme,
    ToolVersion,
)

AREA_MAX_LENGTH = 40
BACKGROUND_CHOICES = {
    "age_band": set(Response.AgeBand.values),
    "gender": set(Response.Gender.values),
    "relation": set(Response.Relation.values),
}


# Each answer is checked against its tool's theme keys: kept per process for a minute instead of
# read for every answer (a busy survey takes hundreds a second). Editing a theme clears it here;
# other processes see the change within THEMES_TTL.
THEMES_TTL = 60.0
_theme_ids: dict[int, tuple[float, dict[str, int]]] = {}


def theme_ids(tool_id: int) -> dict[str, int]:
    """The tool's theme keys and their ids."""
    now = time.monotonic()
    cached = _theme_ids.get(tool_id)
    if cached is not None and now - cached[0] < THEMES_TTL:
        return cached[1]
    ids = dict(Theme.objects.filter(tool_id=tool_id).values_list("key", "id"))
    _theme_ids[tool_id] = (now, ids)
    return ids


@receiver([post_save, post_delete], sender=Theme)
def _theme_changed(sender, instance, **kwargs) -> None:
    _theme_ids.pop(instance.tool_id, None)


def forget_theme_ids() -> None:
    """After themes were written past the model's signals (bulk_create, a migration)."""
    _theme_ids.clear()


def can_manage(user, organisation: Organisation) -> bool:
    """The secretariat, or a planner of the organisation itself (hcs.accounts.access)."""
    return may_plan_for(user, organisation)


def default_tool() -> ToolVersion:
    tool = ToolVersion.objects.filter(is_default=True).first()
    if tool is None:
        raise ValidationError(_("No tool version is marked as the default."), code="invalid")
    return tool


def place_create(
    *,
    organisation: Organisation,
    name: str,
    actor,
    description: str = "",
    municipality: Organisation | None = None,
    latitude=None,
    longitude=None,
) -> Place:
    place = Place(
        organisation=organisation,
        name=name.strip(),
        description=description.strip(),
        municipality=municipality
        or (organisation if organisation.kind == Organisation.Kind.MUNICIPALITY else None),
        latitude=latitude,
        longitude=longitude,
    )
    with transaction.atomic():
        place.full_clean()
        place.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=place,
            changes={"name": [None, place.name], "organisation": [None, organisation.code]},
        )
    return place


def round_create(
    *,
    place: Place,
    title: str,
    opens: date,
    closes: date,
    actor,
    tool: ToolVersion | None = None,
    mode: str = Round.Mode.SURVEY,
    publish_results: bool = False,
    background_questions: list[str] | None = None,
    introduction: str = "",
) -> Round:
    questions = list(dict.fromkeys(background_questions or []))
    unknown = [q for q in questions if q not in Round.BACKGROUND_QUESTIONS]
    if unknown:
        raise ValidationError(
            _("Unknown background questions: %(keys)s.") % {"keys": ", ".join(unknown)},
            code="invalid",
        )
    round_ = Round(
        place=place,
        title=title.strip(),
        opens=opens,
        closes=closes,
        tool=tool or default_tool(),
        mode=mode,
        publish_results=publish_results,
        background_questions=questions,
        introduction=introduction.strip(),
    )
    with transaction.atomic():
        round_.full_clean()
        round_.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=round_,
            changes={"title": [None, round_.title], "slug": [None, round_.slug]},
        )
    return round_


# The admin's writes (tool versions and their themes, places, rounds) ------------------------


def record_save(*, obj: ToolVersion | Theme | Place | Round, actor) -> None:
    """Save a tool version, theme, place or round edited in the admin, with its audit entry
    (the fields before and after)."""
    with transaction.atomic():
        save_audited(
            obj=obj,
            actor=actor,
            conflict_message=_("Another record already has this key or link."),
        )


def record_delete(*, obj: ToolVersion | Theme | Place | Round, actor) -> None:
    """Delete one record, with its audit entry; a round takes its residents' answers with it,
    and the entry says how many. A theme or tool version that answers use, and a place with
    rounds, cannot be deleted."""
    message = ""
    if isinstance(obj, Round):
        answers = Response.objects.filter(round=obj).count()
        message = f"Deleted with {answers} answers"
    try:
        with transaction.atomic():
            delete_audited(obj=obj, actor=actor, message=message)
    except (ProtectedError, IntegrityError) as error:
        raise ValidationError(
            _("%(record)s is in use and cannot be deleted.") % {"record": obj}, code="conflict"
        ) from error


@dataclass(frozen=True)
class Answer:
    """A checked submission, ready to store."""

    scores: dict[int, int]  # theme id → score
    comments: dict[int, tuple[str, str]]  # theme id → (good, better)
    background: dict[str, str]


def check_answer(
    round_: Round,
    *,
    scores: dict,
    comments: dict | None = None,
    background: dict | None = None,
    today: date,
    check_open: bool = True,
) -> Answer:
    """Check a submission against its round and tool; every problem is reported at once."""
    problems: list[str] = []
    reason = round_.closed_reason(today) if check_open else None
    if reason:
        raise ValidationError(reason, code="closed")
    themes = theme_ids(round_.tool_id)
    top = round_.tool.scale_max
    checked_scores: dict[int, int] = {}
    for key, value in (scores or {}).items():
        theme_id = themes.get(key)
        if theme_id is None:
            problems.append(_("Unknown theme: %(key)s.") % {"key": key})
            continue
        if value is None:
            continue  # skipped: no answer, not a 1
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            problems.append(
                _("The score for %(key)s must be a whole number from 1 to %(top)d.")
                % {"key": key, "top": top}
            )
            continue
        checked_scores[theme_id] = value
    checked_comments: dict[int, tuple[str, str]] = {}
    for key, texts in (comments or {}).items():
        theme_id = themes.get(key)
        if theme_id is None:
            problems.append(_("Unknown theme: %(key)s.") % {"key": key})
            continue
        if not isinstance(texts, dict):
            problems.append(_("The comments for %(key)s must be an object.") % {"key": key})
            continue
        good = str(texts.get("good") or "").strip()
        better = str(texts.get("better") or "").strip()
        if len(good) > COMMENT_MAX_LENGTH or len(better) > COMMENT_MAX_LENGTH:
            problems.append(
                _("A comment on %(key)s is longer than %(max)d characters.")
                % {"key": key, "max": COMMENT_MAX_LENGTH}
            )
            continue
        if good or better:
            checked_comments[theme_id] = (good, better)
    checked_background: dict[str, str] = {}
    for key, value in (background or {}).items():
        if value in (None, ""):
            continue
        if key not in round_.background_questions:
            problems.append(_("This survey does not ask about %(key)s.") % {"key": key})
        elif key == "area":
            if len(str(value)) > AREA_MAX_LENGTH:
                problems.append(
                    _("The area may be at most %(max)d characters.") % {"max": AREA_MAX_LENGTH}
                )
            else:
                checked_background[key] = str(value).strip()
        elif value not in BACKGROUND_CHOICES[key]:
            problems.append(
                _("%(value)s is not an answer to %(key)s.") % {"value": value, "key": key}
            )
        else:
            checked_background[key] = value
    if problems:
        raise ValidationError(problems, code="invalid")
    if not checked_scores and not checked_comments:
        raise ValidationError(_("The answer is empty: give at least one score or comment."))
    return Answer(checked_scores, checked_comments, checked_background)


def response_submit(
    *,
    round_: Round,
    scores: dict,
    comments: dict | None = None,
    background: dict | None = None,
    kind: str = Response.Kind.INDIVIDUAL,
    entered_by=None,
    today: date | None = None,
) -> Response:
    """Store one answer (all of it, or nothing). Anonymous: no audit entry names a resident.
    Answers entered by staff (paper, group sessions: `entered_by`) may come after the round
    closes."""
    today = today or timezone.localdate()
    answer = check_answer(
        round_,
        scores=scores,
        comments=comments,
        background=background,
        today=today,
        check_open=entered_by is None,
    )
    with transaction.atomic():
        response = Response.objects.create(
            round=round_,
            kind=kind,
            submitted_on=today,
            entered_by=entered_by if getattr(entered_by, "pk", None) else None,
            **answer.background,
        )
        Score.objects.bulk_create(
            Score(round=round_, kind=kind, response=response, theme_id=theme_id, value=value)
            for theme_id, value in answer.scores.items()
        )
        Comment.objects.bulk_create(
            Comment(round=round_, response=response, theme_id=theme_id, good=good, better=better)
            for theme_id, (good, better) in answer.comments.items()
        )
    return response


def themes_of(round_: Round) -> list[Theme]:
    return list(round_.tool.themes.order_by("position"))
