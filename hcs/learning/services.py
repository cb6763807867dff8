"""Writes to the learning examples: a member writes one (a draft) and submits it; the
secretariat approves it (then it is published) or returns it with a note, or takes it down;
attachments; and the person's part of a GDPR export or erasure.

Each write names every problem at once (ValidationError with a message per field) and stores
nothing on failure; each adds an audit entry in its transaction, which also renews the public
pages' cache, and renews the example's place in the search index (search.py).
"""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.accounts.services import secretariat_tell
from hcs.audit.models import AuditEntry
from hcs.audit.services import actor_label, audit_record
from hcs.contacts.models import ContactPerson
from hcs.followup.tags import LABELS
from hcs.learning import search
from hcs.learning.models import (
    BODY_MAX,
    LINKS_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Attachment,
    LearningExample,
    Link,
)
from hcs.lib.files import description_problem, upload_facts
from hcs.lib.text import forbidden_character
from hcs.mail.services import email_queue, email_render
from hcs.organisations.models import Organisation

S = LearningExample.Status
PURPOSE_REVIEWED = "learning_reviewed"


@dataclass
class ExampleData:
    """What a writer gives: the words, the tags, who to ask, the links, who may see it."""

    title: str = ""
    summary: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    public: bool = True
    contact_person_id: int | None = None
    links: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, example: LearningExample) -> "ExampleData":
        return cls(
            title=example.title,
            summary=example.summary,
            body=example.body,
            tags=list(example.tags),
            public=example.public,
            contact_person_id=example.contact_person_id,
            links=[(link.url, link.label) for link in example.links.all()],
        )


def _clean(data: ExampleData) -> ExampleData:
    return ExampleData(
        title=(data.title or "").strip(),
        summary=(data.summary or "").strip(),
        body=(data.body or "").strip(),
        tags=list(dict.fromkeys(str(t).strip() for t in data.tags or [] if str(t).strip())),
        public=bool(data.public),
        contact_person_id=data.contact_person_id,
        links=[((u or "").strip(), (label or "").strip()) for u, label in data.links or []],
    )


def _length_problem(value: str, limit: int, *, multiline: bool) -> str | None:
    if len(value) > limit:
        return _("At most %(max)d characters (this one has %(length)d).") % {
            "max": limit,
            "length": len(value),
        }
    character = forbidden_character(value, multiline=multiline)
    if character:
        return _("The text contains a character that cannot be used (%(character)s).") % {
            "character": character
        }
    return None


def _link_problem(url: str, label: str) -> str | None:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return _("“%(url)s” is not a web address (https://…).") % {"url": url[:80]}
    if len(url) > 500 or len(label) > 200 or forbidden_character(label):
        return _("A link's address may have 500 characters and its text 200, on one line.")
    return None


def example_problems(data: ExampleData, organisation: Organisation | None) -> dict[str, list[str]]:
    """Every problem with `data`, by field (empty: none)."""
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if organisation is None:
        add("organisation", _("Choose the organisation whose example it is."))
    if not data.title:
        add("title", _("Give the example a title."))
    if not data.summary:
        add("summary", _("Give a summary: a few sentences on what was done and what came of it."))
    for name, limit, multiline in (
        ("title", TITLE_MAX, False),
        ("summary", SUMMARY_MAX, True),
        ("body", BODY_MAX, True),
    ):
        problem = _length_problem(getattr(data, name), limit, multiline=multiline)
        if problem:
            add(name, problem)
    unknown = [t for t in data.tags if t not in LABELS]
    if unknown:
        add("tags", _("Unknown tags: %(tags)s.") % {"tags": ", ".join(t[:40] for t in unknown)})
    if data.contact_person_id is not None and organisation is not None:
        person = ContactPerson.objects.filter(
            pk=data.contact_person_id, organisation=organisation, erased_at=None
        ).first()
        if person is None:
            add("contact_person", _("The contact person must be one of the organisation's."))
    if len(data.links) > LINKS_MAX:
        add("links", _("At most %(max)d links.") % {"max": LINKS_MAX})
    for url, label in data.links[:LINKS_MAX]:
        problem = _link_problem(url, label)
        if problem:
            add("links", problem)
    return problems


def _store(example: LearningExample, data: ExampleData) -> None:
    example.title = data.title
    example.summary = data.summary
    example.body = data.body
    example.tags = data.tags
    example.public = data.public
    example.contact_person_id = data.contact_person_id
    example.save()
    example.links.all().delete()
    Link.objects.bulk_create(
        Link(example=example, url=url, label=label or (urlsplit(url).hostname or url), position=i)
        for i, (url, label) in enumerate(data.links)
    )
    search.index(example)


def _changes(before: ExampleData | None, after: ExampleData) -> dict[str, list[Any]]:
    names = ("title", "summary", "body", "tags", "public", "contact_person_id", "links")
    return {
        name: [getattr(before, name) if before else None, getattr(after, name)]
        for name in names
        if before is None or getattr(before, name) != getattr(after, name)
    }


def example_create(
    *, organisation: Organisation | None, data: ExampleData, actor, approve: bool = False
) -> LearningExample:
    """A new example of `organisation`: a draft, or approved at once when the secretariat
    writes it (`approve`)."""
    data = _clean(data)
    problems = example_problems(data, organisation)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    with transaction.atomic():
        example = LearningExample(
            organisation=organisation,
            created_by=actor if getattr(actor, "pk", None) else None,
            status=S.APPROVED if approve else S.DRAFT,
            approved_at=now if approve else None,
            approved_by=actor_label(actor)[:150] if approve else "",
        )
        _store(example, data)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=example,
            changes={**_changes(None, data), "status": [None, example.status]},
        )
    return example


def example_update(
    *, example: LearningExample, data: ExampleData, actor, by_secretariat: bool = False
) -> LearningExample:
    """Save changes. A member's change to a submitted or published example is reviewed again
    (it waits for approval, and a published one is hidden until then); the secretariat's
    changes keep the status."""
    data = _clean(data)
    problems = example_problems(data, example.organisation)
    if problems:
        raise ValidationError(problems)
    before = ExampleData.of(example)
    status_before = example.status
    with transaction.atomic():
        if not by_secretariat and example.status == S.APPROVED and before != data:
            example.status = S.SUBMITTED
            example.submitted_at = timezone.now()
        _store(example, data)
        changes = _changes(before, data)
        if example.status != status_before:
            changes["status"] = [status_before, example.status]
        if changes:
            audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=example, changes=changes)
        if example.status != status_before:
            transaction.on_commit(lambda: _tell_secretariat(example))
    return example


def _tell_secretariat(example: LearningExample) -> None:
    secretariat_tell(
        template="learning/email/submitted",
        context={
            "example": example,
            "organisation": example.organisation.name,
            "link": settings.SITE_URL + reverse("kansli_learning:example", args=[example.pk]),
        },
    )


def _set_status(example: LearningExample, status: str, actor, **extra: Any) -> None:
    before = example.status
    example.status = status
    for name, value in extra.items():
        setattr(example, name, value)
    example.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=example,
        changes={"status": [before, status], **{k: [None, str(v)] for k, v in extra.items()}},
    )


def example_submit(*, example: LearningExample, actor) -> None:
    """A member sends a draft (or a returned example) to the secretariat for approval."""
    if example.status not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("The example is already with the secretariat."))
    with transaction.atomic():
        _set_status(example, S.SUBMITTED, actor, submitted_at=timezone.now())
        transaction.on_commit(lambda: _tell_secretariat(example))


def _tell_writer(example: LearningExample) -> None:
    user = example.created_by
    address = getattr(user, "email", "") if user is not None else ""
    if not address:
        return
    subject, body, html = email_render(
        "learning/email/reviewed",
        {
            "example": example,
            "approved": example.status == S.APPROVED,
            "link": settings.SITE_URL
            + (
                reverse("public:learning_example", args=[example.pk])
                if example.status == S.APPROVED
                else reverse("portal:learning_example", args=[example.pk])
            ),
            "site_url": settings.SITE_URL,
        },
    )
    email_queue(to=[address], subject=subject, body=body, html=html, purpose=PURPOSE_REVIEWED)


def example_approve(*, example: LearningExample, actor) -> None:
    """The secretariat publishes the example (to everyone, or to members when not public);
    its writer is told."""
    if example.status == S.APPROVED:
        raise ValidationError(_("The example is already published."))
    with transaction.atomic():
        _set_status(
            example,
            S.APPROVED,
            actor,
            approved_at=example.approved_at or timezone.now(),
            approved_by=actor_label(actor)[:150],
            review_note="",
        )
        transaction.on_commit(lambda: _tell_writer(example))


def example_return(*, example: LearningExample, note: str, actor) -> None:
    """The secretariat sends the example back to its writer with a note on what to change (a
    published one is taken down until approved again)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Say what should be changed.")]})
    problem = _length_problem(note, 2000, multiline=True)
    if problem:
        raise ValidationError({"note": [problem]})
    if example.status in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("The example has not been submitted."))
    with transaction.atomic():
        _set_status(example, S.RETURNED, actor, review_note=note)
        transaction.on_commit(lambda: _tell_writer(example))


def example_delete(*, example: LearningExample, actor) -> None:
    """Delete an example with its links and files (a member: only one never published)."""
    pk = example.pk
    files = [a.file for a in example.attachments.all()]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=example,
            changes={"title": [example.title, None]},
        )
        example.delete()
        search.unindex(pk)
        transaction.on_commit(lambda: _files_delete(files))


def _files_delete(files) -> None:
    for stored in files:
        stored.delete(save=False)


def attachment_add(
    *, example: LearningExample, upload: UploadedFile, description: str, actor
) -> Attachment:
    """An image or PDF for the example; refused (nothing stored) when the file is neither,
    is too large, or has no description."""
    description = (description or "").strip()
    facts = upload_facts(upload)
    problem = description_problem(description, facts.kind)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        attachment = Attachment(
            example=example,
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
                changes={"file": [None, attachment.name], "example": [None, example.pk]},
            )
    return attachment


def attachment_delete(*, attachment: Attachment, actor) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=attachment,
            changes={"file": [attachment.name, None]},
        )
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.delete(save=False))


# GDPR: a contact person named on examples, and the examples a login wrote.


def examples_export(person: ContactPerson, users) -> list[dict]:
    """The examples that name `person` as the one to ask, or that one of their logins
    (`users`) wrote."""
    user_ids = {user.pk for user in users}
    found = LearningExample.objects.filter(contact_person=person) | LearningExample.objects.filter(
        created_by_id__in=user_ids
    )
    return [
        {
            "title": e.title,
            "organisation": e.organisation.name,
            "status": e.status,
            "contact_person": e.contact_person_id == person.pk,
            "written_by_you": e.created_by_id in user_ids,
            "created": e.created_at.isoformat(),
        }
        for e in found.distinct().select_related("organisation").order_by("created_at")
    ]


def examples_erase(person: ContactPerson, *, dry_run: bool = False) -> int:
    """The person is no longer named as the one to ask (the example is the organisation's and
    stays; a login they wrote it with is erased with the logins); how many examples named
    them."""
    named = LearningExample.objects.filter(contact_person=person)
    count = named.count()
    if not dry_run:
        named.update(contact_person=None)
    return count
