import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "hcs_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    personal = models.BooleanField(
        _("personal"),
        default=False,
        help_text=_("A member's key to their own data (GET /api/v1/me), never the secretariat's."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.label}".strip()

    @staticmethod
    def new_raw_token() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)


class MemberAccount(models.Model):
    """Ties a login to one organisation and, for an invited contact person, to that person: what
    the login may see follows the person's roles (hcs.accounts.access) and ends the day the last
    one ends. Not staff: the back office stays closed to them.

    An account without a person is a planner's the administrator made (Platskompassen only)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="member_account",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="member_accounts",
    )
    person = models.OneToOneField(
        "contacts.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account",
    )
    planner = models.BooleanField(
        _("plans in Platskompassen"),
        default=False,
        help_text=_("May create places and survey rounds for the organisation."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("member account")
        verbose_name_plural = _("member accounts")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class Invitation(models.Model):
    """A one-time link, e-mailed to a contact person, to set the password of their account.
    Only the token's hash is kept; a newer invitation to the same account replaces it."""

    account = models.ForeignKey(
        MemberAccount,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.EmailField(_("sent to"))
    invited_by = models.CharField(_("invited by"), max_length=150)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.sent_to} ({self.created_at:%Y-%m-%d})"
