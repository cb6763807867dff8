"""Reads of the website's texts: what the public sees (only the published versions) and what
the secretariat edits."""

from django.db.models import Count, Prefetch, QuerySet

from hcs.content.models import Attachment, Entry, Revision

K = Entry.Kind


def published(kind: str) -> QuerySet[Entry]:
    """The published entries of `kind` with their live words, newest first for dated kinds."""
    order = ["position", "slug"] if kind in (K.QUOTE, K.PAGE) else ["-dated", "-id"]
    return (
        Entry.objects.filter(kind=kind, live__isnull=False).select_related("live").order_by(*order)
    )


def page(slug: str) -> Revision | None:
    """The published words of the site's page `slug`, or None (not loaded yet)."""
    entry = published(K.PAGE).filter(slug=slug).first()
    return entry.live if entry else None


def published_entry(kind: str, slug: str) -> Entry | None:
    return (
        published(kind)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.filter(kind=Attachment.Kind.PDF))
        )
        .first()
    )


def for_secretariat(kind: str) -> QuerySet[Entry]:
    """Every entry of `kind`, published or not, with its newest version's id and count."""
    return (
        Entry.objects.filter(kind=kind)
        .select_related("live")
        .annotate(versions=Count("revisions"))
        .order_by(*(["position", "slug"] if kind in (K.QUOTE, K.PAGE) else ["-dated", "-id"]))
    )


def newest(entry: Entry) -> Revision | None:
    return entry.revisions.select_related("author").first()


def state(entry: Entry, newest_revision: Revision | None) -> str:
    """ "published", "changed" (a draft newer than the published version), "draft" (never
    published, or taken down)."""
    if entry.live_id is None:
        return "draft"
    if newest_revision is not None and newest_revision.pk != entry.live_id:
        return "changed"
    return "published"
