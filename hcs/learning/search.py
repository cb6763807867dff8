"""Full-text search of the learning examples, in Swedish with stemming ("skolan" finds
"skolor"), the best matches first.

- PostgreSQL: a `tsvector` column built with the `swedish` text-search configuration (Snowball)
  and a GIN index; queries are ranked with `ts_rank`.
- SQLite: an FTS5 table (migration 0002) holding the text already stemmed here with the Snowball
  Swedish stemmer; the query is stemmed the same way and ranked with `bm25`.

Snowball leaves the definite "-an" alone ("skolan" stays "skolan" while "skolor" and "skola"
become "skol"), so `stem` also removes it from a long enough stem; on PostgreSQL those extra
stems are added to the document's vector (the `simple` configuration, so they stay as they are)
and to the query as alternatives. The weights: title A, summary B, text C, the organisation's
name and the tags' labels D.
"""

import re
from collections.abc import Iterable
from functools import lru_cache, reduce
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value

from hcs.followup.tags import LABELS
from hcs.learning.models import LearningExample

WORD = re.compile(r"\w+")
VOWELS = set("aeiouyåäö")

# Snowball's Swedish stop words (as PostgreSQL's swedish.stop): left out of text and queries.
STOP_WORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
    från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
    allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa
    några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas""".split()  # noqa: SIM905
)

_stemmer = snowballstemmer.stemmer("swedish")


def _definite(stem: str) -> str | None:
    """The stem without a definite "-an" that Snowball keeps ("skolan" → "skol"), or None."""
    if len(stem) >= 5 and stem.endswith("an") and set(stem[:-2]) & VOWELS:
        return stem[:-2]
    return None


@lru_cache(maxsize=20_000)
def snowball(word: str) -> str:
    return _stemmer.stemWord(word)


def stem(word: str) -> str:
    """A word as the index holds it: lower case, Snowball's Swedish stem, without "-an"."""
    stemmed = snowball(word.lower())
    return _definite(stemmed) or stemmed


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def _extra_stems(text: str) -> str:
    """For PostgreSQL: the stems Snowball leaves with "-an", without it."""
    return " ".join(extra for w in words(text) if (extra := _definite(snowball(w))) is not None)


def _fields(example) -> dict[str, str]:
    labels = " ".join(str(LABELS.get(tag, "")) for tag in example.tags or [])
    return {
        "title": example.title,
        "summary": example.summary,
        "body": example.body,
        "other": f"{example.organisation.name} {labels}",
    }


WEIGHTS = {"title": "A", "summary": "B", "body": "C", "other": "D"}


def index(example) -> None:
    """Renew the example's entry in the index (after every save)."""
    fields = _fields(example)
    if connection.vendor == "postgresql":
        parts: list[Any] = [
            SearchVector(Value(text), config="swedish", weight=WEIGHTS[name])
            for name, text in fields.items()
        ] + [
            SearchVector(Value(_extra_stems(text)), config="simple", weight=WEIGHTS[name])
            for name, text in fields.items()
        ]
        vector = reduce(lambda a, b: a + b, parts)
        LearningExample.objects.filter(pk=example.pk).update(search_vector=vector)
        return
    stemmed = [" ".join(stems(fields[name])) for name in WEIGHTS]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM learning_fts WHERE rowid = %s", [example.pk])
        cursor.execute(
            "INSERT INTO learning_fts (rowid, title, summary, body, other) "
            "VALUES (%s, %s, %s, %s, %s)",
            [example.pk, *stemmed],
        )


def unindex(example_id: int) -> None:
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM learning_fts WHERE rowid = %s", [example_id])


def _fts5_query(terms: Iterable[str]) -> str:
    # Each stem quoted as a string (FTS5's syntax): every one must be present.
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def ranked_ids(query: str) -> list[int] | None:
    """The ids of the examples that match `query`, the best match first (who may read which
    is the caller's filter: queries.find); None when the query has no word to search for (then
    nothing is filtered)."""
    query_words = words(query)[:20]
    if not query_words:
        return None
    if connection.vendor == "postgresql":
        parts = []
        for word in query_words:
            part = SearchQuery(word, config="swedish", search_type="plain")
            extra = _definite(snowball(word))
            if extra is not None:
                part = part | SearchQuery(f"'{extra}'", config="simple", search_type="raw")
            parts.append(part)
        search = reduce(lambda a, b: a & b, parts)
        return list(
            LearningExample.objects.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-approved_at", "-id")
            .values_list("id", flat=True)
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM learning_fts WHERE learning_fts MATCH %s "
            "ORDER BY bm25(learning_fts, 10.0, 4.0, 1.0, 0.5), rowid DESC",
            [_fts5_query(stem(w) for w in query_words)],
        )
        return [row[0] for row in cursor.fetchall()]
