"""How the API knows its caller."""

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from hcs.accounts.services import api_token_user


class StaffToken(HttpBearer):
    """`Authorization: Bearer <token>` from `manage.py create_api_token USERNAME`."""

    def authenticate(self, request, token):
        user = api_token_user(token)
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
