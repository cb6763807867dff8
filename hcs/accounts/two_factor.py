"""The second factor (TOTP from an authenticator app, with one-time recovery codes): required
for the secretariat and the administrator when DEBUG is off (settings.STAFF_TWO_FACTOR says
otherwise when set), optional for everyone else. django-otp keeps the devices.

A log-in that needs the second factor is not a log-in until the code is given: the password
step leaves only a pending mark in the session (`pending_start`), and
`hcs.accounts.views_two_factor` logs the user in after the code. `satisfied` is the access rules'
guard for sessions made any other way.
"""

import base64
import time

import django_otp
import segno
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.lib import ratelimit

PENDING_KEY = "hcs_two_factor_pending"
PENDING_SECONDS = 10 * 60  # from the right password to the code
APP_NAME = "Autentiseringsapp"
RECOVERY_NAME = "Reservkoder"
RECOVERY_COUNT = 10


def required_for(user) -> bool:
    """Staff (the secretariat, the administrator) must use the second factor."""
    if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
        return False
    setting = getattr(settings, "STAFF_TWO_FACTOR", None)
    return (not settings.DEBUG) if setting is None else bool(setting)


def enabled_for(user) -> bool:
    """The user has a confirmed authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needed_at_login(user) -> bool:
    return required_for(user) or enabled_for(user)


def satisfied(user) -> bool:
    """False only for a session of staff who must use the second factor and did not. API
    callers with a token (hcs.accounts.auth marks them) are not asked: the token is the
    credential."""
    if not required_for(user):
        return True
    if getattr(user, "hcs_token", False):
        return True
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def pending_start(request, user, next_url: str) -> HttpResponse:
    """After the right password: remember who is logging in (not a log-in yet) and ask for the
    code."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": time.time(),
    }
    return redirect("two_factor")


def pending_user(request):
    """The user whose password was right a moment ago (within PENDING_SECONDS), or None."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()


def failures_identity(user) -> str:
    """The account lock's count for wrong codes. Apart from the password's count: a right
    password clears that one, and must not clear this one for someone who knows the password
    and guesses codes."""
    return ratelimit.account_identity(f"two-factor:{user.pk}")


def finish_login(request, user, device) -> str:
    """Log in the pending `user`, verified by `device`; return where the log-in was going."""
    from hcs.accounts.forms import login_failures_forget

    pending = request.session.pop(PENDING_KEY, {})
    login(request, user, backend=pending.get("backend"))
    django_otp.login(request, device)
    login_failures_forget(user)
    ratelimit.forget("login_failures", failures_identity(user))
    return pending.get("next", "")


def enrolment_device(user):
    """The authenticator app being set up: unconfirmed until its first right code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def enable(user, device) -> list[str]:
    """Confirm the app `device` (its code was right), replacing any other; return new recovery
    codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            action=AuditEntry.Action.CREATE,
            obj=device,
            changes={"confirmed": [False, True]},
            message="Two-factor authentication enabled",
        )
        return recovery_codes_create(user)


def recovery_codes_create(user) -> list[str]:
    """New recovery codes for `user`, replacing the old ones. Shown once; only their number is
    audited."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    codes = [StaticToken.random_token() for _ in range(RECOVERY_COUNT)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        audit_record(
            actor=user,
            action=AuditEntry.Action.CREATE,
            obj=device,
            changes={"recovery_codes": [None, len(codes)]},
            message="Recovery codes created",
        )
    return codes


def disable(user) -> None:
    """Remove the app and the recovery codes: only for those not required to use them."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if required_for(user):
        raise ValidationError(_("Your account must use two-step verification."), code="required")
    with transaction.atomic():
        for model in (TOTPDevice, StaticDevice):
            for device in model.objects.filter(user=user):
                audit_record(
                    actor=user,
                    action=AuditEntry.Action.DELETE,
                    obj=device,
                    changes={"confirmed": [device.confirmed, None]},
                    message="Two-factor authentication disabled",
                )
                device.delete()


def qr_svg(device) -> str:
    """The app's set-up link as an inline SVG QR code; the page gives the key as text too."""
    label = _("QR code for setting up your authenticator app")
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=label, svgclass="qr")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def secret_text(device) -> str:
    """The key in base32, in groups of four, for typing into the app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
