"""A contact person's own account: the invitation's link to set the password, and the link that
confirms a new e-mail address. Both links hold a secret, so the page behind them is reached by a
redirect that keeps the secret out of the address bar, the history and the Referer header."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hcs.accounts.forms import login_failures_forget
from hcs.accounts.services import (
    email_change_confirm as email_change_apply,
)
from hcs.accounts.services import (
    email_change_of_token,
    invitation_accept,
    invitation_of_token,
)
from hcs.lib import ratelimit
from hcs.lib.errors import add_to_form

SESSION_KEY = "hcs_invitation"


def _invalid(request):
    return render(request, "accounts/invitation_invalid.html", status=404)


@never_cache
@require_http_methods(["GET"])
def accept(request, token: str):
    """The link in the invitation: remembered in the session, then the form without it."""
    if invitation_of_token(token) is None:
        # Guessing is slowed; a valid link is never refused (nor logged in a refusal).
        ratelimit.enforce(ratelimit.hit_client(request, "account_link"))
        return _invalid(request)
    request.session[SESSION_KEY] = token
    return redirect("invitation_set_password")


@never_cache
@require_http_methods(["GET", "POST"])
def set_password(request):
    """Django's form for a new password (`new_password1`, `new_password2`), once."""
    token = request.session.get(SESSION_KEY, "")
    invitation = invitation_of_token(token) if token else None
    if invitation is None:
        return _invalid(request)
    user = invitation.account.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_to_form(form, error)
        else:
            del request.session[SESSION_KEY]
            login_failures_forget(user)
            messages.success(
                request,
                _("Your password is set. Log in with your e-mail address %(email)s.")
                % {"email": user.email},
            )
            return redirect("login")
    return render(
        request,
        "accounts/invitation.html",
        {"form": form, "invitation": invitation, "person": invitation.account.person},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def email_change_confirm(request, token: str):
    """GET asks (a mail scanner changes nothing), POST changes the address."""
    found = email_change_of_token(token)
    if found is None:
        ratelimit.enforce(ratelimit.hit_client(request, "account_link"))
        return _invalid(request)
    user, new_address = found
    if request.method == "POST":
        try:
            email_change_apply(user=user, new_address=new_address)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your e-mail address is now %(email)s.") % {"email": new_address},
            )
            return redirect("after_login" if request.user.is_authenticated else "login")
    return render(
        request, "accounts/email_change_confirm.html", {"new_address": new_address, "token": token}
    )
