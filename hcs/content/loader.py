"""The site's texts as the network published them (hcs/content/texts_2024.py): loaded once,
published, and never overwritten: a text the secretariat has edited stays as they left it."""

from django.db import transaction

from hcs.content.models import Entry
from hcs.content.services import entry_create

ACTOR = "load_site_texts"
TEXT_KEYS = ("title_sv", "title_en", "summary_sv", "summary_en", "body_sv", "body_en")


def _texts(spec: dict) -> dict[str, str]:
    return {key: str(spec.get(key, "")) for key in TEXT_KEYS}


def site_texts_load(*, actor=ACTOR) -> dict[str, int]:
    """Create every page, news item, publication and member's voice that is missing; the
    number created of each kind. Idempotent."""
    from hcs.content import texts_2024 as texts

    created = {"pages": 0, "news": 0, "publications": 0, "voices": 0}
    existing = set(Entry.objects.values_list("kind", "slug"))

    def add(kind: str, slug: str, spec: dict, counter: str, **meta) -> None:
        if (kind, slug) in existing:
            return
        entry_create(kind=kind, slug=slug, texts=_texts(spec), actor=actor, publish=True, **meta)
        created[counter] += 1

    with transaction.atomic():
        for slug, spec in texts.PAGES.items():
            add(Entry.Kind.PAGE, slug, spec, "pages")
        for spec in texts.NEWS:
            add(Entry.Kind.NEWS, spec["slug"], spec, "news", dated=spec["published"])
        for spec in texts.PUBLICATIONS:
            add(
                Entry.Kind.PUBLICATION,
                spec["slug"],
                spec,
                "publications",
                dated=spec["published"],
                category=spec["category"],
            )
        for position, spec in enumerate(texts.QUOTES, start=1):
            words = {
                "title_sv": spec["name"],
                "summary_sv": spec["role_sv"],
                "summary_en": spec["role_en"],
                "body_sv": spec["text_sv"],
                "body_en": spec["text_en"],
            }
            add(Entry.Kind.QUOTE, _slug(spec["name"]), words, "voices", position=position)
    return created


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)[:80]
