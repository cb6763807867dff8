"""Writes to the website's texts: save a version (a draft or published), publish or take down,
restore an earlier version, add or remove an attachment; and the contact form's messages.

Every write adds an audit entry in its transaction, which also renews the public pages' cache
(hcs.lib.pagecache): a published text shows at once.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.accounts.services import secretariat_tell
from hcs.audit.models import AuditEntry
from hcs.audit.services import actor_label, audit_record
from hcs.content.models import (
    BODY_MAX,
    MESSAGE_MAX_LENGTH,
    SUMMARY_MAX,
    TITLE_MAX,
    Attachment,
    ContactMessage,
    Entry,
    Revision,
)
from hcs.lib.files import description_problem, upload_facts
from hcs.lib.senders import sender_problems
from hcs.lib.text import forbidden_character

K = Entry.Kind

# Pages have a place of their own on the site (hcs/public/urls.py): they are edited, never
# created or renamed by the secretariat.
PAGE_SLUGS = (
    "start",
    "om-natverket",
    "grupper",
    "aktuellt",
    "publikationer",
    "kontakt",
    "tillganglighet",
    "personuppgifter",
)


def _text_problems(texts: dict[str, str], kind: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not texts["title_sv"]:
        problems["title_sv"] = _("Title (Swedish): give a title.")
    limits = {"title": TITLE_MAX, "summary": SUMMARY_MAX, "body": BODY_MAX}
    for name, value in texts.items():
        limit = limits[name.rsplit("_", 1)[0]]
        if len(value) > limit:
            problems[name] = _("At most %(max)d characters (this one has %(length)d).") % {
                "max": limit,
                "length": len(value),
            }
        else:
            character = forbidden_character(value, multiline=name.startswith("body"))
            if character:
                problems[name] = _(
                    "The text contains a character that cannot be used (%(character)s)."
                ) % {"character": character}
    if kind == K.QUOTE and not texts["body_sv"] and "body_sv" not in problems:
        problems["body_sv"] = _("Text (Swedish): a member's voice needs its words.")
    return problems


def _meta_problems(*, kind: str, slug: str, category: str, dated: date | None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if kind not in K.values:
        problems["kind"] = _("Choose what kind of text it is.")
        return problems
    try:
        validate_slug(slug)
        if len(slug) > 80:
            raise ValidationError("long")
    except ValidationError:
        problems["slug"] = _(
            "Address: use lower-case letters a–z, digits and hyphens, at most 80 characters."
        )
    if kind == K.PUBLICATION and category not in Entry.Category.values:
        problems["category"] = _("Category: choose what kind of publication it is.")
    if kind != K.PUBLICATION and category:
        problems["category"] = _("Category: only publications have one.")
    if kind in (K.NEWS, K.PUBLICATION) and dated is None:
        problems["dated"] = _("Date: news and publications are shown with a date.")
    return problems


def _clean_texts(texts: dict[str, Any]) -> dict[str, str]:
    return {name: str(texts.get(name) or "").strip() for name in Revision.TEXT_FIELDS}


def _revision_add(*, entry: Entry, texts: dict[str, str], actor, note: str) -> Revision:
    return Revision.objects.create(
        entry=entry,
        author=actor if getattr(actor, "pk", None) else None,
        author_name=actor_label(actor)[:150],
        note=note[:200],
        **texts,
    )


def entry_create(
    *,
    kind: str,
    slug: str,
    texts: dict[str, Any],
    actor,
    category: str = "",
    dated: date | None = None,
    position: int = 0,
    publish: bool = False,
    note: str = "",
) -> Entry:
    """A new news item, publication or member's voice with its first version (pages exist from
    the start: `site_texts_load`); with any problem, nothing is stored and every one is named."""
    slug = (slug or "").strip().lower()
    clean = _clean_texts(texts)
    problems = _meta_problems(kind=kind, slug=slug, category=category, dated=dated)
    problems.update(_text_problems(clean, kind))
    if kind == K.PAGE and actor is not None and not isinstance(actor, str):
        problems["kind"] = _("The site's pages exist already: edit them instead.")
    if problems:
        raise ValidationError({field: [text] for field, text in problems.items()})
    try:
        with transaction.atomic():
            entry = Entry.objects.create(
                kind=kind, slug=slug, category=category, dated=dated, position=position
            )
            revision = _revision_add(entry=entry, texts=clean, actor=actor, note=note)
            if publish:
                entry.live = revision
                entry.save(update_fields=["live", "updated_at"])
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=entry,
                changes={"title_sv": [None, clean["title_sv"]], "published": [None, publish]},
                message=note,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"slug": [_("Address: another text of this kind has that address.")]},
            code="conflict",
        ) from error
    return entry


def entry_save(
    *,
    entry: Entry,
    texts: dict[str, Any],
    actor,
    category: str | None = None,
    dated: date | None = None,
    position: int | None = None,
    publish: bool = False,
    note: str = "",
) -> Revision:
    """A new version of `entry` (a draft, or published at once with `publish`), and its date,
    category and order. Nothing is stored when a field has a problem, or when nothing changed."""
    clean = _clean_texts(texts)
    category = entry.category if category is None else category
    dated = entry.dated if dated is None and entry.kind != K.PAGE else dated
    position = entry.position if position is None else position
    problems = _meta_problems(kind=entry.kind, slug=entry.slug, category=category, dated=dated)
    problems.update(_text_problems(clean, entry.kind))
    if problems:
        raise ValidationError({field: [text] for field, text in problems.items()})
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        newest = entry.revisions.first()
        meta_before = {"category": entry.category, "dated": entry.dated, "order": entry.position}
        meta_after = {"category": category, "dated": dated, "order": position}
        same_words = newest is not None and newest.texts() == clean
        if same_words and meta_before == meta_after and (not publish or entry.live == newest):
            raise ValidationError(_("Nothing has changed."), code="unchanged")
        revision = (
            newest
            if same_words and newest
            else _revision_add(entry=entry, texts=clean, actor=actor, note=note)
        )
        entry.category, entry.dated, entry.position = category, dated, position
        was_live = entry.live_id
        if publish:
            entry.live = revision
        entry.save()
        changes: dict[str, list[Any]] = {
            name: [str(meta_before[name]), str(meta_after[name])]
            for name in meta_before
            if meta_before[name] != meta_after[name]
        }
        if not same_words:
            changes["version"] = [newest.pk if newest else None, revision.pk]
        if publish and was_live != revision.pk:
            changes["published"] = [was_live, revision.pk]
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=entry,
            changes=changes,
            message=note,
        )
    return revision


def entry_publish(*, entry: Entry, revision: Revision, actor) -> None:
    """Show `revision` (one of the entry's own) to the public."""
    if revision.entry_id != entry.pk:
        raise ValidationError(_("That version belongs to another text."), code="invalid")
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if entry.live_id == revision.pk:
            raise ValidationError(_("That version is already published."), code="unchanged")
        before = entry.live_id
        entry.live = revision
        entry.save(update_fields=["live", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=entry,
            changes={"published": [before, revision.pk]},
        )


def entry_unpublish(*, entry: Entry, actor) -> None:
    """Take the entry down: the public no longer sees it; its versions stay."""
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if entry.live_id is None:
            raise ValidationError(_("The text is not published."), code="unchanged")
        if entry.kind == K.PAGE:
            raise ValidationError(
                _("A page of the site cannot be taken down; publish another version instead."),
                code="invalid",
            )
        before = entry.live_id
        entry.live = None
        entry.save(update_fields=["live", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=entry,
            changes={"published": [before, None]},
        )


def revision_restore(*, revision: Revision, actor) -> Revision:
    """A new draft with the words of an earlier version; the published one stays until the
    draft is published."""
    entry = revision.entry
    return entry_save(
        entry=entry,
        texts=revision.texts(),
        actor=actor,
        note=_("Restored the version of %(when)s")
        % {"when": timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")},
    )


def attachment_add(*, entry: Entry, upload: UploadedFile, description: str, actor) -> Attachment:
    """Store an image or PDF for `entry`; refused (nothing stored) when the file is neither,
    too large, or an image has no description."""
    description = (description or "").strip()
    facts = upload_facts(upload)
    kind = facts.kind
    problem = description_problem(description, kind)
    if problem:
        raise ValidationError([problem])
    with transaction.atomic():
        attachment = Attachment(
            entry=entry,
            kind=kind,
            name=facts.name,
            description=description,
            size=facts.size,
            content_type=facts.content_type,
        )
        with attachment.stored(upload):
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=attachment,
                changes={"file": [None, attachment.name], "entry": [None, entry.pk]},
            )
    return attachment


def attachment_delete(*, attachment: Attachment, actor) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=attachment,
            changes={"file": [attachment.name, None], "entry": [attachment.entry_id, None]},
        )
        stored = attachment.file.name or ""
        storage = attachment.file.storage
        attachment.delete()
        # The file goes once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(stored) if stored else None)


# The contact form ------------------------------------------------------------------------------


def contact_message_submit(
    *, name: str, email: str, message: str, organisation: str = "", consent: bool = True
) -> ContactMessage:
    """Store a message from /kontakt/ and tell the secretariat; or, with any problem, store
    nothing and name every problem."""
    values = {
        "name": (name or "").strip(),
        "email": (email or "").strip(),
        "organisation": (organisation or "").strip(),
        "message": (message or "").strip(),
    }
    problems = sender_problems(
        values,
        limits={"name": 120, "organisation": 200, "message": MESSAGE_MAX_LENGTH},
        message_required=True,
    )
    if not consent:
        problems["consent"] = _("Consent: we may store the message only with your consent.")
    if problems:
        raise ValidationError({field: [text] for field, text in problems.items()})
    with transaction.atomic():
        saved = ContactMessage.objects.create(consent_at=timezone.now(), **values)
        audit_record(
            actor=values["name"],
            action=AuditEntry.Action.CREATE,
            obj=saved,
            changes={"organisation": [None, values["organisation"]]},
        )
        secretariat_tell(template="content/email/contact_message", context={"item": saved})
    return saved


def contact_message_handle(*, item: ContactMessage, actor) -> None:
    with transaction.atomic():
        item = ContactMessage.objects.select_for_update().get(pk=item.pk)
        if item.handled_at is not None:
            raise ValidationError(_("The message is already handled."), code="unchanged")
        item.handled_at = timezone.now()
        item.handled_by = actor_label(actor)[:150]
        item.save(update_fields=["handled_at", "handled_by"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=item,
            changes={"handled": [False, True]},
        )


def contact_message_erase(*, item: ContactMessage, actor) -> None:
    """Erase a message (its words and sender) once it needs keeping no longer; the trail keeps
    that a message was received and erased, without the sender's name."""
    with transaction.atomic():
        erased = audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=item,
            changes={"handled": [item.handled_at is not None, None]},
        )
        trail = AuditEntry.objects.filter(content_type=erased.content_type, object_id=str(item.pk))
        trail.update(object_repr=_("Message (erased)"))
        # The sender wrote the message: their name is the first entry's author.
        trail.exclude(pk=erased.pk).filter(actor=None).update(actor_name="")
        item.delete()
