"""Accounts: the coordinator role and API tokens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from hcs.accounts.models import TOKEN_PREFIX, ApiToken, hash_token
from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record

COORDINATOR_GROUP = "Kansli"
# The secretariat manages the registry; it does not manage accounts or rewrite the audit trail.
COORDINATOR_PERMISSIONS = {
    "organisations": ["view", "change"],
    "memberships": ["view", "add", "change", "delete"],
    "contacts": ["view", "add", "change", "delete"],
    "audit": ["view"],
    "fees": ["view", "add", "change"],
    "invoices": ["view", "add"],  # never change or delete: corrections are credit notes
    "reports": ["view", "add", "change", "delete"],
    "governance": ["view", "add", "change", "delete"],
    "events": ["view", "add", "change", "delete"],
    "groups": ["view", "add", "change", "delete"],
    "criteria": ["view", "add", "change", "delete"],
    "platskompassen": ["view", "add", "change", "delete"],
    "mail": ["view", "change"],  # the e-mail log, and sending a failed e-mail again
}


def coordinator_group_ensure() -> Group:
    """Create or repair the coordinators' group with exactly its permissions."""
    group, _created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    wanted: list[Permission] = []
    for app_label, actions in COORDINATOR_PERMISSIONS.items():
        wanted += Permission.objects.filter(
            content_type__app_label=app_label,
            codename__regex=rf"^({'|'.join(actions)})_",
        )
    population = Permission.objects.filter(
        content_type__app_label="organisations",
        codename__in=["add_population", "change_population"],
    )
    group.permissions.set([*wanted, *population])
    return group


def api_token_create(*, username: str, label: str = "", actor=None) -> str:
    """Create a token for an active staff user and return it; it cannot be shown again."""
    user = get_user_model().objects.get(username=username)
    if not (user.is_active and user.is_staff):
        raise ValueError(f"{username} is not an active staff user")
    raw = ApiToken.new_raw_token()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, label=label, key_hash=hash_token(raw))
        audit_record(
            actor=actor or "create_api_token",
            action=AuditEntry.Action.CREATE,
            obj=token,
            changes={"user": [None, username], "label": [None, label]},
        )
    return raw


def api_token_user(raw: str):
    """The active staff user a token belongs to, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True, user__is_staff=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
