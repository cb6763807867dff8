"""The second factor's pages: the code after the password (or setting up the app, for staff who
must and have none yet), setting it up by choice, the recovery codes, and turning it off. The
rules are in hcs.accounts.two_factor."""

import django_otp
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hcs.accounts import two_factor
from hcs.accounts.forms import too_many_attempts_message
from hcs.lib import ratelimit
from hcs.lib.forms import Form
from hcs.lib.middleware import refusal

CODES_KEY = "hcs_two_factor_codes"  # new recovery codes, shown once


class CodeForm(Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your app, or a recovery code"), max_length=40
    )

    def clean_code(self):
        # The app shows "123 456"; recovery codes are lower case.
        return "".join(self.cleaned_data["code"].split()).lower()


def _codes_show(request, codes: list[str]):
    request.session[CODES_KEY] = codes
    return redirect("two_factor_recovery_codes")


def _enrolment(device) -> dict:
    """What setting up the app shows: the QR code and the same key as text."""
    return {"qr": two_factor.qr_svg(device), "secret": two_factor.secret_text(device)}


def _refused(request, template, context, message, verdict):
    response = render(request, template, {**context, "refused": message}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


@never_cache
def verify(request):
    """The log-in's second step: the code (or, the first time for staff, setting up the app)."""
    user = two_factor.pending_user(request)
    if user is None:
        return redirect("login")
    enrolling = not two_factor.enabled_for(user)
    device = two_factor.enrolment_device(user) if enrolling else None
    template = "registration/two_factor_setup.html" if enrolling else "registration/two_factor.html"
    context = {"pending": True, **_enrolment(device)} if enrolling else {}
    if request.method != "POST":
        return render(request, template, {**context, "form": CodeForm()})

    form = CodeForm(request.POST)
    context["form"] = form
    verdict = ratelimit.hit_client(request, "login")
    if not verdict.allowed:
        return _refused(request, template, context, too_many_attempts_message(verdict), verdict)
    locked = ratelimit.hit("login_failures", two_factor.failures_identity(user))
    if not locked.allowed:
        message = ngettext(
            "Too many wrong codes for this account: it is locked for %(minutes)d minute. "
            "Try again then.",
            "Too many wrong codes for this account: it is locked for %(minutes)d minutes. "
            "Try again then.",
            locked.minutes,
        ) % {"minutes": locked.minutes}
        return _refused(request, template, context, message, locked)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if enrolling:
            if device.verify_token(code):
                codes = two_factor.enable(user, device)
                two_factor.finish_login(request, user, device)
                return _codes_show(request, codes)
        else:
            # Matches the app's code, or uses up a recovery code.
            matched = django_otp.match_token(user, code)
            if matched is not None:
                next_url = two_factor.finish_login(request, user, matched)
                safe = url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                )
                return redirect(next_url if next_url and safe else reverse("after_login"))
        form.add_error("code", _wrong_code(enrolling))
    # A wrong code keeps its place in the account's count.
    return render(request, template, context, status=400)


def _wrong_code(enrolling: bool) -> str:
    if enrolling:
        return _("That code is not right. Try again with the code your app shows now.")
    return _("That code is not right. Try again, or use a recovery code.")


@never_cache
def setup(request):
    """Setting up an authenticator app by choice (or, for staff, from a session without it)."""
    user = request.user
    if two_factor.enabled_for(user):
        return render(
            request,
            "registration/two_factor_setup.html",
            {
                "enabled": True,
                "verified": user.is_verified(),
                "may_disable": not two_factor.required_for(user),
            },
        )
    device = two_factor.enrolment_device(user)
    template = "registration/two_factor_setup.html"
    if request.method != "POST":
        return render(request, template, {"form": CodeForm(), **_enrolment(device)})
    form = CodeForm(request.POST)
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        codes = two_factor.enable(user, device)
        django_otp.login(request, device)
        return _codes_show(request, codes)
    if not form.errors:
        form.add_error("code", _wrong_code(True))
    return render(request, template, {"form": form, **_enrolment(device)}, status=400)


@never_cache
def recovery_codes(request):
    """New recovery codes, shown once."""
    codes = request.session.pop(CODES_KEY, None)
    return render(
        request,
        "registration/two_factor_codes.html",
        {
            "codes": codes,
            "may_renew": two_factor.enabled_for(request.user) and request.user.is_verified(),
        },
    )


def _verified_owner(request):
    """Changes to a second factor in use are for sessions signed in with it: a session from
    before it was set up (another browser) cannot take it away."""
    user = request.user
    if not (two_factor.enabled_for(user) and user.is_verified()):
        raise PermissionDenied
    return user


@require_POST
def recovery_codes_new(request):
    return _codes_show(request, two_factor.recovery_codes_create(_verified_owner(request)))


@require_POST
def disable_view(request):
    if two_factor.required_for(request.user):
        return refusal(request, 403, _("Your account must use two-step verification."))
    two_factor.disable(_verified_owner(request))
    messages.success(request, _("Two-step verification is turned off."))
    return redirect("two_factor_setup")
