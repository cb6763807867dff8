from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from hcs.accounts import access, two_factor
from hcs.accounts.forms import (
    LoginForm,
    ResetForm,
    login_failures_forget,
    too_many_attempts_message,
)
from hcs.lib import ratelimit


def after_login(request):
    """Where a login lands: the secretariat on its dashboard, a member's contact on their
    membership page, a board member on the documents, a planner in Platskompassen, an account
    without a role today on its own data, anyone else on the home page."""
    if access.is_secretariat(request.user):
        return redirect("backoffice:dashboard")
    user = request.user
    if access.member_organisation(user) is not None:
        return redirect("portal:home")
    if access.is_board_member(user):
        return redirect("portal:documents")
    if access.planner_organisation(user) is not None:
        return redirect("platskompassen:places")
    if access.member_account(user) is not None:  # no role today: their own data
        return redirect("portal:my_data")
    return redirect("public:home")


class LoginView(auth_views.LoginView):
    """Log-in, slowed per client: more than `login` attempts from one client in its window are
    refused (429) before any password is checked. Per account, LoginForm locks out."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        verdict = ratelimit.hit_client(request, "login")
        if not verdict.allowed:
            # Refused before any password is checked: an empty form and the reason.
            context = self.get_context_data(
                form=self.form_class(request), refused=too_many_attempts_message(verdict)
            )
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """A right password is not yet a log-in when the second factor is asked for."""
        user = form.get_user()
        if two_factor.needed_at_login(user):
            return two_factor.pending_start(self.request, user, self.get_success_url())
        return super().form_valid(form)


def admin_login(request):
    """The admin's own log-in page would skip the second factor: it sends to the platform's."""
    return redirect_to_login(request.GET.get("next") or "/admin/", login_url=reverse("login"))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the e-mailed link also unlocks the account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        login_failures_forget(form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """A reset link by e-mail, at most `password_reset` requests from one client in its window
    (and `password_reset_address` e-mails to one address: ResetForm)."""

    form_class = ResetForm

    def post(self, request, *args, **kwargs):
        ratelimit.enforce(ratelimit.hit_client(request, "password_reset"))
        return super().post(request, *args, **kwargs)
