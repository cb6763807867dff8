"""Reads of the learning examples: who sees which, the search with its facets."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone

from hcs.accounts.access import is_secretariat, may_see_members_examples, member_organisation
from hcs.followup.tags import LABELS
from hcs.learning import search
from hcs.learning.models import LearningExample

S = LearningExample.Status


def visible(user) -> QuerySet[LearningExample]:
    """The published examples `user` may read: the public ones, and to members (contacts, the
    board, the secretariat) also those for members only."""
    examples = LearningExample.objects.filter(status=S.APPROVED)
    if not may_see_members_examples(user):
        examples = examples.filter(public=True)
    return examples


def may_read(user, example: LearningExample) -> bool:
    """Published and visible to `user`, or the secretariat's, or the writer organisation's own
    (its member contacts see their drafts)."""
    if example.status == S.APPROVED and (example.public or may_see_members_examples(user)):
        return True
    if is_secretariat(user):
        return True
    organisation = member_organisation(user)
    return organisation is not None and organisation.pk == example.organisation_id


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class Found:
    examples: list[LearningExample]
    tags: list[Facet] = field(default_factory=list)
    organisations: list[Facet] = field(default_factory=list)
    years: list[Facet] = field(default_factory=list)
    searched: bool = False


def year_of(example: LearningExample) -> int:
    return timezone.localtime(example.approved_at).year if example.approved_at else 0


def find(
    user,
    *,
    q: str = "",
    tags: list[str] | None = None,
    organisation: str = "",
    year: int | None = None,
) -> Found:
    """The examples `user` may read that match the words `q` (the best match first; without
    words the newest first) and every chosen facet; the facets count the matches."""
    candidates = visible(user).select_related("organisation")
    ranked = search.ranked_ids(q)
    if ranked is None:
        examples = list(candidates.order_by("-approved_at", "-id"))
    else:
        by_id = {e.pk: e for e in candidates.filter(pk__in=ranked)}
        examples = [by_id[pk] for pk in ranked if pk in by_id]
    chosen = tags or []  # a tag no example can have (not in LABELS) matches nothing
    examples = [
        e
        for e in examples
        if all(t in e.tags for t in chosen)
        and (not organisation or e.organisation.code == organisation)
        and (year is None or year_of(e) == year)
    ]
    tag_counts = Counter(t for e in examples for t in e.tags if t in LABELS)
    organisations = Counter((e.organisation.code, e.organisation.name) for e in examples)
    years = Counter(year_of(e) for e in examples)
    return Found(
        examples=examples,
        tags=[
            Facet(t, str(LABELS[t]), n, t in chosen)
            for t, n in sorted(tag_counts.items(), key=lambda item: (-item[1], item[0]))
        ],
        organisations=[
            Facet(code, name, n, code == organisation)
            for (code, name), n in sorted(organisations.items(), key=lambda item: item[0][1])
        ],
        years=[Facet(str(y), str(y), n, y == year) for y, n in sorted(years.items(), reverse=True)],
        searched=ranked is not None,
    )


def for_secretariat(status: str = "") -> QuerySet[LearningExample]:
    examples = LearningExample.objects.select_related("organisation")
    if status in S.values:
        examples = examples.filter(status=status)
    # Those waiting for approval first, then the newest changes.
    waiting = Case(When(status=S.SUBMITTED, then=Value(0)), default=Value(1))
    return examples.order_by(waiting, "-updated_at", "-id")


def of_organisation(organisation) -> QuerySet[LearningExample]:
    return LearningExample.objects.filter(organisation=organisation).order_by("-updated_at", "-id")
