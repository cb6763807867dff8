"""Recording changes in the audit trail. Called by every service that writes."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from hcs.audit.models import AuditEntry
from hcs.lib.gdpr import ERASED, PersonMatch

REDACTED = ERASED


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a field value."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `obj`, for comparing before and after a change."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [before, after]}."""
    return {
        name: [before.get(name), after.get(name)]
        for name in {**before, **after}
        if before.get(name) != after.get(name)
    }


def actor_label(actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username()


def audit_entry(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """An unsaved entry for a change to `obj` by `actor` (a user, a command's name, or None)."""
    return AuditEntry(
        actor=actor if isinstance(actor, get_user_model()) else None,
        actor_name=actor_label(actor)[:150],
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=dict(changes or {}),
        message=message[:300],
    )


def audit_record(**entry) -> AuditEntry:
    """Add an entry to the trail; takes the arguments of `audit_entry`."""
    saved = audit_entry(**entry)
    saved.save()
    return saved


def audit_redact(*, obj: models.Model, fields: Iterable[str], new_repr: str) -> int:
    """Remove the personal values of `fields` from every entry about `obj` (GDPR erasure).

    The entries themselves stay: the trail still shows that something was changed, and when.
    """
    fields = set(fields)
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    )
    count = 0
    for entry in entries:
        entry.changes = {
            name: [REDACTED, REDACTED] if name in fields else values
            for name, values in entry.changes.items()
        }
        entry.object_repr = new_repr
        entry.save(update_fields=["changes", "object_repr"])
        count += 1
    return count


def audit_scrub(match: PersonMatch, *, dry_run: bool = False) -> int:
    """Remove one person's name and address from every entry of the trail that holds them:
    the values in its changes, the object's name, the message and the author (a registration
    made by the person names them as its author). The entries stay, so the trail still shows
    that something was done, and when."""
    entries = (
        AuditEntry.objects.annotate(changes_text=Cast("changes", TextField()))
        .filter(match.text_q("object_repr", "message", "actor_name", "changes_text"))
        .order_by()
    )
    if dry_run:
        return entries.count()
    count = 0
    for entry in entries:
        entry.object_repr = match.scrub(entry.object_repr)[:200]
        entry.message = match.scrub(entry.message)[:300]
        entry.actor_name = match.scrub(entry.actor_name)[:150]
        entry.changes = match.scrub(entry.changes)
        entry.save(update_fields=["object_repr", "message", "actor_name", "changes"])
        count += 1
    return count


def audited_fields(model) -> list[str]:
    """The fields an audit entry records for `model`: all stored ones but the id and timestamps."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at"}
    ]


def save_audited(
    *,
    obj: models.Model,
    actor,
    conflict_message: str,
    message: str = "",
    fields: Iterable[str] | None = None,
    state: Callable[[Any], dict[str, Any]] | None = None,
    children: Callable[[Any], None] | None = None,
) -> dict[str, list[Any]]:
    """Save `obj` (already checked by its service) and record what changed, inside the caller's
    transaction; return the changes.

    What is compared is `state(obj)`, by default the values of `fields` (all stored fields but
    the id and timestamps). `children(obj)` writes the rows that belong to `obj` (a schedule's
    tiers, a year's budget lines) after it is saved, so that they are part of its state after.
    A database constraint refusing the save (a concurrent write got there first) becomes a
    ValidationError with code "conflict"."""
    names = list(fields) if fields is not None else audited_fields(type(obj))
    read = state or (lambda instance: snapshot(instance, names))
    model = type(obj)
    before = read(model._default_manager.get(pk=obj.pk)) if obj.pk else {}
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(conflict_message, code="conflict") from exc
    if children is not None:
        children(obj)
    changes = diff(before, read(obj))
    if changes:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=obj,
            changes=changes,
            message=message,
        )
    return changes


def delete_audited(*, obj: models.Model, actor, message: str = "") -> None:
    """Delete `obj`, recording every field's last value."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=obj,
            changes=diff(snapshot(obj, audited_fields(type(obj))), {}),
            message=message,
        )
        obj.delete()
