"""Reads about accounts."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from hcs.accounts.models import Invitation, MemberAccount


@dataclass(frozen=True)
class AccountState:
    """A contact person's account as the secretariat sees it."""

    state: str  # "active", "invited", "expired"
    until: datetime | None = None  # the invitation's expiry
    planner: bool = False

    @property
    def label(self):
        return {
            "active": _("Has an account"),
            "invited": _("Invited"),
            "expired": _("Invitation expired"),
        }[self.state]


def account_states(organisation, now: datetime) -> dict[int, AccountState]:
    """The accounts of the organisation's contact persons, by person id (two queries)."""
    accounts = list(
        MemberAccount.objects.filter(person__organisation=organisation).select_related("user")
    )
    latest: dict[int, Invitation] = {}
    for sent in Invitation.objects.filter(account__in=accounts).order_by("created_at"):
        latest[sent.account_id] = sent
    states = {}
    for account in accounts:
        assert account.person_id is not None
        if account.user.has_usable_password() and account.user.is_active:
            states[account.person_id] = AccountState("active", planner=account.planner)
            continue
        invitation = latest.get(account.pk)
        if invitation is not None and invitation.used_at is None and invitation.expires_at > now:
            states[account.person_id] = AccountState("invited", invitation.expires_at)
        else:
            states[account.person_id] = AccountState("expired")
    return states
