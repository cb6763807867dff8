"""Log-in is slowed per client and locked per account: guessing gets nowhere."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(db):
    return get_user_model().objects.create_user("anna", "anna@example.org", "rätt-lösenord-1")


def _login(client, password, username="anna"):
    return client.post("/konto/logga-in/", {"username": username, "password": password})


def test_after_many_wrong_passwords_even_the_right_one_is_refused(anna, settings):
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (5, 900)}
    client = Client()
    answers = [_login(client, f"fel-{n}") for n in range(30)]
    assert {a.status_code for a in answers} == {200}
    response = _login(client, "rätt-lösenord-1")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "låst" in response.content.decode()


def test_the_account_is_locked_from_every_client(anna, settings):
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (3, 900)}
    for n in range(3):
        _login(Client(REMOTE_ADDR=f"192.0.2.{n}"), "fel")
    other = Client(REMOTE_ADDR="198.51.100.9")
    _login(other, "rätt-lösenord-1")
    assert "_auth_user_id" not in other.session


def test_a_right_password_before_the_lock_clears_the_count(anna, settings):
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (3, 900)}
    client = Client()
    _login(client, "fel")
    _login(client, "fel")
    assert _login(client, "rätt-lösenord-1").status_code == 302
    client.logout()
    _login(client, "fel")
    _login(client, "fel")
    assert _login(client, "rätt-lösenord-1").status_code == 302


def test_guessing_from_one_client_is_slowed(anna, settings):
    settings.RATE_LIMITS = {"login": (5, 900), "login_failures": (1000, 900)}
    client = Client()
    codes = [_login(client, "fel", username=f"user{n}").status_code for n in range(7)]
    assert codes == [200] * 5 + [429] * 2
    refused = _login(client, "rätt-lösenord-1")
    assert refused.status_code == 429 and "Försök igen om" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_a_control_character_in_the_username_is_a_form_error(anna):
    client = Client()
    response = _login(client, "x", username="an\x01na")
    assert response.status_code == 200
    assert "U+0001" in response.content.decode()  # the text rule's error, not a wrong password
    assert "_auth_user_id" not in client.session


def test_a_new_password_from_the_reset_link_unlocks_the_account(anna, settings):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (2, 900)}
    for _ in range(3):
        _login(Client(), "fel")
    assert "låst" in _login(Client(), "rätt-lösenord-1").content.decode()
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(anna.pk))
    token = default_token_generator.make_token(anna)
    form = client.get(f"/konto/nytt-losenord/{uid}/{token}/", follow=True)
    set_password = form.redirect_chain[-1][0]
    new = "ett-helt-nytt-lösenord-7"
    done = client.post(set_password, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert _login(Client(), new).status_code == 302


def test_the_lock_counts_the_account_whichever_name_is_typed(anna, settings):
    """Anna may type her user name or her address: both count against one lock."""
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (4, 900)}
    client = Client()
    for _attempt in range(2):
        _login(client, "fel", username="anna")
        _login(client, "fel", username="ANNA@example.org")
    _login(client, "rätt-lösenord-1", username="anna@example.org")
    assert "_auth_user_id" not in client.session


def test_a_log_in_with_the_address_works(anna):
    client = Client()
    assert _login(client, "rätt-lösenord-1", username="Anna@Example.org").status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)
