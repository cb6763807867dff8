import io

import pytest
from django.core.management import CommandError, call_command

from hcs.accounts.models import ApiToken
from hcs.accounts.services import api_token_user

pytestmark = pytest.mark.django_db


def test_create_api_token_prints_a_token_that_authenticates_the_user(coordinator):
    out = io.StringIO()
    call_command("create_api_token", coordinator.username, stdout=out)
    token = out.getvalue().strip()
    assert api_token_user(token) == coordinator
    # Only a hash is kept.
    assert not ApiToken.objects.filter(key_hash__contains=token).exists()


def test_a_token_stops_working_when_the_user_is_deactivated(coordinator):
    out = io.StringIO()
    call_command("create_api_token", coordinator.username, stdout=out)
    coordinator.is_active = False
    coordinator.save()
    assert api_token_user(out.getvalue().strip()) is None


def test_no_token_for_a_user_who_is_not_staff(outsider):
    with pytest.raises(CommandError):
        call_command("create_api_token", outsider.username, stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_no_token_for_an_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", stdout=io.StringIO())
