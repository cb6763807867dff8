from ninja.security import HttpBearer

from hcs.accounts.services import api_token_user


class StaffToken(HttpBearer):
    """`Authorization: Bearer <token>` from `manage.py create_api_token USERNAME`."""

    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
