"""A round's results, computed in the database: per theme, one grouped count over the scores'
index gives the distribution, from which n, mean and median follow exactly (`rules.statistics`).
Two queries whatever the number of answers; answers are never loaded into Python."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language

from hcs.platskompassen.models import Comment, Response, Round, Score, Theme
from hcs.platskompassen.rules import shown, statistics

# (background question, answer) → the filter on a response.
GROUP_FIELDS = {"age_band", "gender", "relation"}


@dataclass(frozen=True)
class ThemeResult:
    theme: Theme
    name: str
    n: int
    mean: float | None
    median: float | None
    distribution: list[int]


@dataclass(frozen=True)
class Results:
    round: Round
    responses: int
    themes: list[ThemeResult]
    group: tuple[str, str] | None
    hidden: bool  # a group too small to show on its own, to keep its members anonymous


def parse_group(text: str | None) -> tuple[str, str] | None:
    """ "age_band:18_29" → ("age_band", "18_29"); None when not given. ValueError if unknown."""
    if not text:
        return None
    field, _sep, value = text.partition(":")
    choices = {
        "age_band": Response.AgeBand.values,
        "gender": Response.Gender.values,
        "relation": Response.Relation.values,
    }
    if field not in choices or value not in choices[field]:
        raise ValueError(text)
    return field, value


def round_results(
    round_: Round,
    *,
    group: tuple[str, str] | None = None,
    kind: str = Response.Kind.INDIVIDUAL,
    minimum: int | None = None,
) -> Results:
    """Results of a round's individual answers (or a group session's agreed scores with
    `kind="group"`), optionally of one background group only."""
    minimum = settings.PLATSKOMPASSEN_MIN_GROUP if minimum is None else minimum
    themes = list(round_.tool.themes.order_by("position"))
    scale = round_.tool.scale_max
    responses = Response.objects.filter(round=round_, kind=kind)
    scores = Score.objects.filter(round=round_, kind=kind)
    if group:
        field, value = group
        responses = responses.filter(**{field: value})
        scores = scores.filter(**{f"response__{field}": value})
    count = responses.count()
    hidden = group is not None and not shown(count, minimum)
    counts: dict[int, list[int]] = {theme.pk: [0] * scale for theme in themes}
    if not hidden:
        for theme_id, value, n in (
            scores.values_list("theme_id", "value").annotate(n=Count("*")).order_by()
        ):
            if theme_id in counts and 1 <= value <= scale:
                counts[theme_id][value - 1] = n
    language = get_language()
    results = []
    for theme in themes:
        distribution = counts[theme.pk]
        stats = statistics(distribution)
        results.append(
            ThemeResult(
                theme=theme,
                name=theme.text("name", language),
                n=stats.n,
                mean=stats.mean,
                median=stats.median,
                distribution=distribution,
            )
        )
    return Results(
        round=round_,
        responses=0 if hidden else count,
        themes=results,
        group=group,
        hidden=hidden,
    )


def round_comments(
    round_: Round, *, group: tuple[str, str] | None = None, minimum=None, limit: int | None = None
) -> tuple[dict[int, list[Comment]], dict[int, tuple[int, int]]]:
    """The comments per theme id, oldest first, at most `limit` a theme (the database picks
    them: a big round has tens of thousands); and per theme id how many "good" and "better"
    texts there are in all. Nothing for a group too small to show."""
    minimum = settings.PLATSKOMPASSEN_MIN_GROUP if minimum is None else minimum
    comments = Comment.objects.filter(round=round_, response__kind=Response.Kind.INDIVIDUAL)
    if group:
        field, value = group
        responses = Response.objects.filter(
            round=round_, kind=Response.Kind.INDIVIDUAL, **{field: value}
        )
        if not shown(responses.count(), minimum):
            return {}, {}
        comments = comments.filter(**{f"response__{field}": value})
    totals = {
        theme_id: (good, better)
        for theme_id, good, better in comments.values_list("theme_id")
        .annotate(good=Count("id", filter=~Q(good="")), better=Count("id", filter=~Q(better="")))
        .order_by()
    }
    if limit is not None:
        comments = comments.annotate(
            rank=Window(RowNumber(), partition_by=F("theme_id"), order_by=F("response_id").asc())
        ).filter(rank__lte=limit)
    by_theme: dict[int, list[Comment]] = {}
    for comment in comments.order_by("theme_id", "response_id"):
        by_theme.setdefault(comment.theme_id, []).append(comment)
    return by_theme, totals
