"""How the platform knows its caller: the log-in's backend, and the API's tokens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from hcs.accounts.services import api_token_user, personal_token_user


class EmailOrUsernameBackend(ModelBackend):
    """Log in with the e-mail address (a member's contact) or the user name (the secretariat's
    older accounts), in the form's one `username` field. An address two logins share logs in
    neither."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        users = get_user_model()._default_manager
        name = username.strip()
        user = users.filter(username=name).first()
        if user is None and "@" in name:
            found = list(users.filter(email__iexact=name)[:2])
            user = found[0] if len(found) == 1 else None
        if user is None:
            users.model().set_password(password)  # the same time as a wrong password
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class StaffToken(HttpBearer):
    """`Authorization: Bearer <token>` from `manage.py create_api_token USERNAME`."""

    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            user.hcs_token = True  # the token is the credential: no second factor asked
            request.user = user
        return user


class PersonalToken(HttpBearer):
    """A personal token of any active user (a member's contact makes one under "My data"), for
    the endpoints about the caller's own data."""

    def authenticate(self, request, token):
        user = personal_token_user(token)
        if user is not None:
            request.user = user
        return user


_token = StaffToken()


def caller(request):
    """For endpoints open to everyone whose answer depends on who asks (the events): the
    token's user, else the session's user, else the anonymous visitor. A token that is given
    but not valid is refused (401), never read as anonymous."""
    if request.headers.get("Authorization"):
        user = _token(request)
        if not user:
            raise AuthenticationError
        return user
    return request.user
