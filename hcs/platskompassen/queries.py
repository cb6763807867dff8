"""A round's results, computed in the database: per theme, one grouped count over the scores'
index gives the distribution, from which n, mean and median follow exactly (`rules.statistics`).
Two queries whatever the number of answers; answers are never loaded into Python."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Min, Window
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
    # Too few answers to show without letting someone be recognised: a background group, or
    # the whole round (settings.PLATSKOMPASSEN_MIN_GROUP).
    hidden: bool


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


def withheld(
    round_: Round,
    *,
    group: tuple[str, str] | None = None,
    public: bool = True,
    minimum: int | None = None,
) -> bool:
    """The one rule of what a round's individual answers may not show, so that no one can be
    recognised (settings.PLATSKOMPASSEN_MIN_GROUP):

    - a background group, for everyone, unless every answer to its question (each choice, and
      "no answer") that anyone gave has at least `minimum` answers: otherwise the whole round
      minus the groups shown would show the few others' answers (10 women, 10 men and 1 other:
      the round minus the women minus the men is that one person);
    - the whole round with fewer than `minimum` answers, for the `public`: the round's planners
      and the secretariat, who hold the answers anyway, see a small round's results.
    """
    minimum = settings.PLATSKOMPASSEN_MIN_GROUP if minimum is None else minimum
    individual = Response.objects.filter(round=round_, kind=Response.Kind.INDIVIDUAL)
    total = individual.count()
    if group is None:
        return public and not shown(total, minimum)
    field, _value = group
    answers = individual.values_list(field).annotate(n=Count("*")).order_by()
    return total == 0 or any(not shown(n, minimum) for _answer, n in answers)


def round_results(
    round_: Round,
    *,
    group: tuple[str, str] | None = None,
    kind: str = Response.Kind.INDIVIDUAL,
    minimum: int | None = None,
    public: bool = True,
) -> Results:
    """Results of a round's individual answers (or a group session's agreed scores with
    `kind="group"`), optionally of one background group only; individual answers only where
    `withheld` allows. A group session's agreed scores are a group's, not a person's, and
    always shown."""
    themes = list(round_.tool.themes.order_by("position"))
    scale = round_.tool.scale_max
    responses = Response.objects.filter(round=round_, kind=kind)
    scores = Score.objects.filter(round=round_, kind=kind)
    if group:
        field, value = group
        responses = responses.filter(**{field: value})
        scores = scores.filter(**{f"response__{field}": value})
    count = responses.count()
    hidden = kind == Response.Kind.INDIVIDUAL and withheld(
        round_, group=group, public=public, minimum=minimum
    )
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


@dataclass(frozen=True)
class CommentText:
    """One text as written by `count` people (identical comments are listed once)."""

    text: str
    count: int


@dataclass(frozen=True)
class ThemeComments:
    good: list[CommentText]
    better: list[CommentText]
    left_out: int  # distinct texts beyond the limit


def _distinct_texts(comments, field: str, limit: int | None) -> dict[int, list[CommentText]]:
    """Per theme id, each distinct text of `field` with how many wrote it, the most frequent
    first (then the earliest), at most `limit` a theme: grouped and ranked in the database."""
    texts = (
        comments.exclude(**{field: ""})
        .values("theme_id", field)
        .annotate(n=Count("id"), first=Min("response_id"))
        .order_by()
    )
    if limit is not None:
        texts = texts.annotate(
            rank=Window(
                RowNumber(), partition_by=F("theme_id"), order_by=[F("n").desc(), F("first").asc()]
            )
        ).filter(rank__lte=limit)
    found: dict[int, list[CommentText]] = {}
    for row in sorted(texts, key=lambda r: (r["theme_id"], -r["n"], r["first"])):
        found.setdefault(row["theme_id"], []).append(CommentText(row[field], row["n"]))
    return found


def _distinct_counts(comments, field: str) -> dict[int, int]:
    return dict(
        comments.exclude(**{field: ""})
        .values_list("theme_id")
        .annotate(n=Count(field, distinct=True))
        .order_by()
    )


def round_comments(
    round_: Round,
    *,
    group: tuple[str, str] | None = None,
    minimum=None,
    limit: int | None = None,
    public: bool = True,
) -> dict[int, ThemeComments]:
    """The comments per theme id: the distinct "good" and "better" texts with how many wrote
    each, at most `limit` of each a theme (the database picks them: a big round has tens of
    thousands). Nothing where `withheld` says so."""
    if withheld(round_, group=group, public=public, minimum=minimum):
        return {}
    comments = Comment.objects.filter(round=round_, response__kind=Response.Kind.INDIVIDUAL)
    if group:
        field, value = group
        comments = comments.filter(**{f"response__{field}": value})
    good, better = (
        _distinct_texts(comments, "good", limit),
        _distinct_texts(comments, "better", limit),
    )
    left_out = {}
    if limit is not None:
        all_good, all_better = (
            _distinct_counts(comments, "good"),
            _distinct_counts(comments, "better"),
        )
        left_out = {
            theme_id: all_good.get(theme_id, 0)
            - len(good.get(theme_id, []))
            + all_better.get(theme_id, 0)
            - len(better.get(theme_id, []))
            for theme_id in {*all_good, *all_better}
        }
    return {
        theme_id: ThemeComments(
            good=good.get(theme_id, []),
            better=better.get(theme_id, []),
            left_out=left_out.get(theme_id, 0),
        )
        for theme_id in {*good, *better}
    }
