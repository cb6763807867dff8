"""Log-in and password reset, guarded against guessing and flooding (hcs.lib.ratelimit)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import ngettext

from hcs.lib import ratelimit
from hcs.lib.forms import TextRuleMixin
from hcs.mail.services import email_queue

PURPOSE_PASSWORD_RESET = "password_reset"


class LoginForm(TextRuleMixin, AuthenticationForm):
    """After `login_failures` failed log-ins to one account within its window, the account is
    locked for the rest of the window: even the right password is refused until then, so
    guessing gets nowhere. Each attempt takes its slot before the password is checked, so that
    attempts arriving at the same moment cannot all slip in; a successful log-in (or a new
    password) clears the count."""

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        account = _lock_identity(username)
        locked = ratelimit.hit("login_failures", account)
        if not locked.allowed:
            raise ValidationError(
                ngettext(
                    "Too many failed log-ins to this account: it is locked for %(minutes)d "
                    "minute. Try again then, or set a new password.",
                    "Too many failed log-ins to this account: it is locked for %(minutes)d "
                    "minutes. Try again then, or set a new password.",
                    locked.minutes,
                )
                % {"minutes": locked.minutes},
                code="locked",
            )
        cleaned = super().clean()  # a wrong password keeps its slot: a failure counted
        ratelimit.forget("login_failures", account)
        return cleaned


def _lock_identity(name: str) -> str:
    """The count of failed log-ins is kept per account, whichever of its names (the user name,
    the e-mail address) is typed; a name that is no account's has its own count, so that the
    answer does not tell the two apart."""
    users = get_user_model()._default_manager
    user = users.filter(username=name).first()
    if user is None and "@" in name:
        found = list(users.filter(email__iexact=name)[:2])
        user = found[0] if len(found) == 1 else None
    return ratelimit.account_identity(f"user:{user.pk}" if user else name)


def login_failures_forget(user) -> None:
    """Unlock an account (a new password was set, or a log-in succeeded)."""
    ratelimit.forget("login_failures", ratelimit.account_identity(f"user:{user.pk}"))


class ResetForm(TextRuleMixin, PasswordResetForm):
    """The reset link goes through the e-mail queue (hcs.mail), and at most a few a window to
    one address: more requests are answered the same way but send nothing, so the form can
    neither flood an inbox nor tell whether an address has an account."""

    def save(self, *args, **kwargs):
        address = self.cleaned_data["email"]
        if not ratelimit.hit("password_reset_address", ratelimit.account_identity(address)).allowed:
            return
        super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        email_queue(
            to=[to_email],
            subject=subject,
            body=body,
            html=html,
            purpose=PURPOSE_PASSWORD_RESET,
            sensitive=True,  # the body holds a one-time link: emptied once sent
        )


def too_many_attempts_message(verdict) -> str:
    return ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        verdict.minutes,
    ) % {"minutes": verdict.minutes}
