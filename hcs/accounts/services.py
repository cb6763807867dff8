"""Accounts: the coordinator role, API tokens, and contact persons' own accounts (invitations,
a change of address)."""

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.accounts.models import TOKEN_PREFIX, ApiToken, Invitation, MemberAccount, hash_token
from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.contacts.models import ContactPerson
from hcs.lib.periods import in_effect
from hcs.mail.services import email_queue, email_render

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
    "applications": ["view", "change"],  # applications are made by applicants, never deleted
    "content": ["view", "add", "change", "delete"],  # the site's texts and contact messages
    "mailings": ["view", "add", "change"],  # mailings are sent, never deleted
    "followup": ["view", "add", "change"],  # members' answers are reopened, never deleted
    "learning": ["view", "add", "change", "delete"],  # members' learning examples, approved
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


def _token_used(raw: str, **conditions) -> ApiToken | None:
    """The token `raw` is, among those meeting `conditions`, marked as used now; or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True, **conditions)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def api_token_user(raw: str):
    """The active staff user a (staff, not personal) token belongs to, or None."""
    token = _token_used(raw, personal=False, user__is_staff=True)
    return None if token is None else token.user


# Invitations and the account of a contact person -------------------------------------------

PURPOSE_INVITATION = "invitation"
PURPOSE_EMAIL_CHANGE = "email_change"
PURPOSE_SECRETARIAT = "secretariat_notice"
EMAIL_CHANGE_SALT = "hcs.accounts.email-change"
EMAIL_CHANGE_DAYS = 2


def _token_pair() -> tuple[str, str]:
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)


def _username(address: str) -> str:
    """A contact person's user name: their address, or (longer than a user name may be) a name
    made from it; they log in with the address either way (hcs.accounts.auth)."""
    name = address.lower()
    return name if len(name) <= 150 else "konto-" + hash_token(name)[:24]


def _address_taken(address: str, user=None) -> bool:
    """Another login has `address` as its address or its user name."""
    others = get_user_model().objects.filter(Q(email__iexact=address) | Q(username__iexact=address))
    if user is not None:
        others = others.exclude(pk=user.pk)
    return others.exists()


def invitation_send(*, person: ContactPerson, actor, planner: bool = False, now=None) -> Invitation:
    """E-mail `person` a one-time link to set the password of their own account, valid
    `settings.INVITATION_DAYS` days; the account is made (or reused) here, tied to the person and
    their organisation. A newer invitation replaces an unused older one. Refused, changing
    nothing, for a person erased, without an address or a current role, or whose address is
    another login's, and for an account whose password is already set."""
    now = now or timezone.now()
    with transaction.atomic():
        person = (
            ContactPerson.objects.select_for_update()
            .select_related("organisation")
            .get(pk=person.pk)
        )
        if person.erased_at:
            raise ValidationError(_("This person's data has been erased."), code="erased")
        address = person.email.strip()
        if not address:
            raise ValidationError(
                _("The person has no e-mail address: add one before inviting them."),
                code="no_email",
            )
        if not person.roles.filter(in_effect(timezone.localdate(now))).exists():
            raise ValidationError(
                _("The person has no current role, so an account would give them nothing."),
                code="no_role",
            )
        account = MemberAccount.objects.select_related("user").filter(person=person).first()
        user = account.user if account else None
        if user is not None and user.has_usable_password():
            raise ValidationError(
                _(
                    "The person already has an account. If they have forgotten the password, "
                    "they can set a new one from the log-in page."
                ),
                code="has_account",
            )
        if _address_taken(address, user):
            raise ValidationError(
                _("Another account already uses the address %(email)s.") % {"email": address},
                code="email_taken",
            )
        if user is None:
            user = get_user_model().objects.create_user(
                username=_username(address), email=address, password=None
            )
            user.first_name, _sep, user.last_name = person.name.partition(" ")
            user.save(update_fields=["first_name", "last_name"])
            account = MemberAccount.objects.create(
                user=user, organisation=person.organisation, person=person, planner=planner
            )
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=account,
                changes={"person": [None, person.pk], "planner": [None, planner]},
            )
        else:  # invited before, the password never set: the address may have been corrected
            user.username, user.email = _username(address), address
            user.save(update_fields=["email", "username"])
        assert account is not None
        account.invitations.filter(used_at=None, expires_at__gt=now).update(expires_at=now)
        raw, digest = _token_pair()
        invitation = Invitation.objects.create(
            account=account,
            token_hash=digest,
            sent_to=address,
            invited_by=str(actor)[:150],
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        board_terms_link(person=person, user=user, actor=actor)
        subject, body, html = email_render(
            "accounts/email/invitation",
            {
                "person": person,
                "url": settings.SITE_URL + reverse("invitation", args=[raw]),
                "expires": invitation.expires_at,
            },
        )
        email_queue(
            to=[address],
            subject=subject,
            body=body,
            html=html,
            purpose=PURPOSE_INVITATION,
            sensitive=True,  # a one-time link: emptied once sent
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=invitation,
            changes={"sent_to": [None, address], "expires_at": [None, str(invitation.expires_at)]},
        )
    return invitation


def invitation_of_token(raw: str, now=None) -> Invitation | None:
    """The unused, unexpired invitation of an open account a link's token belongs to, or None."""
    now = now or timezone.now()
    return (
        Invitation.objects.select_related("account__user", "account__person")
        .filter(
            token_hash=hash_token(raw),
            used_at=None,
            expires_at__gt=now,
            account__user__is_active=True,  # closed by the administrator: no way back in
        )
        .first()
    )


def invitation_accept(*, invitation: Invitation, password: str, now=None) -> None:
    """Set the account's password from the invitation's link: once, within its validity."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_at is not None or invitation.expires_at <= now:
            raise ValidationError(_("The link is no longer valid."), code="expired")
        user = invitation.account.user
        if not user.is_active:  # closed by the administrator: the link does not reopen it
            raise ValidationError(_("The link is no longer valid."), code="expired")
        user.set_password(password)
        user.save(update_fields=["password"])
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        # Any other link to the account is spent too.
        invitation.account.invitations.filter(used_at=None).update(expires_at=now)
        audit_record(
            actor=user,
            action=AuditEntry.Action.UPDATE,
            obj=invitation,
            changes={"used_at": [None, now.isoformat()]},
            message="Password set from the invitation",
        )


def board_terms_link(*, person: ContactPerson, user, actor) -> int:
    """Tie the board terms held under the person's name for their organisation to their login,
    so that a board member sees the board's papers for the term's period."""
    from hcs.governance.models import BoardTerm

    terms = BoardTerm.objects.filter(
        person_name__iexact=person.name.strip(), organisation_id=person.organisation_id, user=None
    )
    linked = 0
    for term in terms:
        term.user = user
        term.save(update_fields=["user"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=term,
            changes={"user": [None, user.get_username()]},
        )
        linked += 1
    return linked


def email_change_request(*, user, new_address: str) -> None:
    """E-mail a confirmation link to `new_address`, and a notice to the old one; nothing
    changes until the link is followed. The answer is the same whether or not another login
    has the address (that is checked when the link is followed, and then nothing is sent to
    it), so the form cannot be used to find out who has an account."""
    new_address = new_address.strip()
    validate_email(new_address)
    if new_address.lower() == (user.email or "").lower():
        raise ValidationError(_("That is already your address."), code="same")
    token = signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_address}, salt=EMAIL_CHANGE_SALT
    )
    context = {
        "user": user,
        "new_address": new_address,
        "url": settings.SITE_URL + reverse("email_change_confirm", args=[token]),
        "days": EMAIL_CHANGE_DAYS,
    }
    with transaction.atomic():
        if not _address_taken(new_address, user):
            subject, body, html = email_render("accounts/email/email_change", context)
            email_queue(
                to=[new_address],
                subject=subject,
                body=body,
                html=html,
                purpose=PURPOSE_EMAIL_CHANGE,
                sensitive=True,
            )
        if user.email:
            subject, body, html = email_render("accounts/email/email_change_notice", context)
            email_queue(
                to=[user.email], subject=subject, body=body, html=html, purpose=PURPOSE_EMAIL_CHANGE
            )


def email_change_of_token(token: str) -> tuple[Any, str] | None:
    """The user and the new address a confirmation link is for, or None: a link that is
    forged, older than EMAIL_CHANGE_DAYS, or spent (the address changed since)."""
    try:
        data = signing.loads(
            token, salt=EMAIL_CHANGE_SALT, max_age=timedelta(days=EMAIL_CHANGE_DAYS)
        )
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or (user.email or "") != data.get("old"):
        return None
    return user, data["new"]


def email_change_confirm(*, user, new_address: str) -> None:
    """Change the login's address (and user name), and the contact person's, in one go."""
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        if _address_taken(new_address, user):
            raise ValidationError(
                _("Another account already uses the address %(email)s.") % {"email": new_address},
                code="email_taken",
            )
        old = user.email
        user.email = new_address
        if "@" in user.username:
            user.username = _username(new_address)
        user.save(update_fields=["email", "username"])
        audit_record(
            actor=user,
            action=AuditEntry.Action.UPDATE,
            obj=user,
            changes={"email": [old, new_address]},
        )
        account = MemberAccount.objects.filter(user=user).select_related("person").first()
        if account and account.person and not account.person.erased_at:
            from hcs.contacts.services import contact_person_update

            contact_person_update(person=account.person, actor=user, email=new_address)


def personal_token_create(*, user, label: str = "") -> str:
    """A personal API token for the caller's own data (`GET /api/v1/me`); shown once."""
    raw = ApiToken.new_raw_token()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, label=label[:100], key_hash=hash_token(raw), personal=True
        )
        audit_record(
            actor=user,
            action=AuditEntry.Action.CREATE,
            obj=token,
            changes={"label": [None, label]},
        )
    return raw


def personal_token_revoke(*, user, pk: int) -> bool:
    """Revoke one of the user's own personal keys; False when there is no such key."""
    with transaction.atomic():
        token = ApiToken.objects.filter(user=user, personal=True, pk=pk).first()
        if token is None:
            return False
        audit_record(
            actor=user,
            action=AuditEntry.Action.DELETE,
            obj=token,
            changes={"label": [token.label, None]},
        )
        token.delete()
    return True


def personal_token_user(raw: str):
    """The active user (any, staff or not) a token belongs to, or None. Whoever it is, a
    caller by token reaches only their own data through it (hcs.accounts.auth.PersonalToken)."""
    token = _token_used(raw)
    if token is None:
        return None
    user = token.user
    # The token is the credential: no second factor asked. A personal key is never the
    # secretariat's, whoever made it (hcs.accounts.access).
    setattr(user, "hcs_token", True)  # noqa: B010
    setattr(user, "hcs_personal_token", token.personal)  # noqa: B010
    return user


def secretariat_addresses() -> list[str]:
    """Where the secretariat is told of members' proposals and requests."""
    configured = settings.SECRETARIAT.get("email", "").strip()
    if configured:
        return [configured]
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COORDINATOR_GROUP)
        .exclude(email="")
    )
    return sorted({user.email for user in users})


def secretariat_tell(*, template: str, context: dict) -> None:
    """An e-mail to the secretariat through the queue (nothing when no address is known: the
    dashboard lists the same things)."""
    addresses = secretariat_addresses()
    if not addresses:
        return
    subject, body, html = email_render(template, {**context, "site_url": settings.SITE_URL})
    email_queue(to=addresses, subject=subject, body=body, html=html, purpose=PURPOSE_SECRETARIAT)
