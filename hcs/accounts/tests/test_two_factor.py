"""The second factor: staff cannot sign in without it when DEBUG is off; members may choose it;
recovery codes work once."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hcs.accounts import two_factor
from hcs.accounts.services import coordinator_group_ensure
from hcs.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "rätt-lösenord-1"


@pytest.fixture
def required(settings):
    settings.STAFF_TWO_FACTOR = None
    settings.DEBUG = False
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (5, 900)}


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("kansli", "kansli@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    user.groups.add(coordinator_group_ensure())
    return user


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user("medlem", "medlem@example.org", PASSWORD)


def _login(client, user, password=PASSWORD):
    return client.post("/konto/logga-in/", {"username": user.username, "password": password})


def _code(device) -> str:
    """The app's code for the next time step the device accepts (each step's code works
    once)."""
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step
    drift = max(0, device.last_t + 1 - now)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return str(code).zfill(device.digits)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _enrol_at_login(client, user) -> list[str]:
    """Log in for the first time: password, then setting up the app; the recovery codes."""
    assert _login(client, user)["Location"] == "/konto/tva-steg/"
    page = client.get("/konto/tva-steg/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert two_factor.secret_text(device) in page.content.decode()
    response = client.post("/konto/tva-steg/", {"code": _code(device)})
    assert response["Location"] == "/konto/tva-steg/reservkoder/"
    return client.get("/konto/tva-steg/reservkoder/").context["codes"]


def test_staff_with_only_the_password_is_not_logged_in(required, staff):
    client = Client()
    response = _login(client, staff)
    assert response.status_code == 302 and response["Location"] == "/konto/tva-steg/"
    assert not _logged_in(client)
    assert client.get("/kansli/").status_code != 200


def test_staff_enrol_at_first_log_in_and_see_their_recovery_codes_once(required, staff):
    client = Client()
    codes = _enrol_at_login(client, staff)
    assert _logged_in(client)
    assert client.get("/kansli/").status_code == 200
    assert len(codes) == 10 and len(set(codes)) == 10
    again = client.get("/konto/tva-steg/reservkoder/")
    assert again.context["codes"] is None
    assert not any(code in again.content.decode() for code in codes)
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    entries = AuditEntry.objects.filter(actor=staff)
    assert entries.count() == 2
    assert not any(code in str(entry.changes) for entry in entries for code in codes)
    assert device.key not in str([entry.changes for entry in entries])


def test_the_next_log_in_needs_the_code(required, staff):
    _enrol_at_login(Client(), staff)
    client = Client()
    _login(client, staff)
    assert not _logged_in(client)
    page = client.get("/konto/tva-steg/")
    assert page.status_code == 200 and "<svg" not in page.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    response = client.post("/konto/tva-steg/", {"code": _code(device)})
    assert response.status_code == 302
    assert _logged_in(client)
    assert client.get("/kansli/").status_code == 200


def test_the_log_in_goes_on_to_where_it_was_going(required, staff):
    _enrol_at_login(Client(), staff)
    client = Client()
    client.post(
        "/konto/logga-in/",
        {"username": staff.username, "password": PASSWORD, "next": "/kansli/"},
    )
    device = TOTPDevice.objects.get(user=staff)
    assert client.post("/konto/tva-steg/", {"code": _code(device)})["Location"] == "/kansli/"


def test_without_a_password_first_the_code_page_sends_to_the_log_in(required, staff):
    _enrol_at_login(Client(), staff)
    client = Client()
    device = TOTPDevice.objects.get(user=staff)
    response = client.post("/konto/tva-steg/", {"code": _code(device)})
    assert response["Location"] == "/konto/logga-in/"
    assert not _logged_in(client)


def test_a_wrong_code_is_refused_and_after_the_lock_even_the_right_one(required, settings, staff):
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (3, 900)}
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the account lock is what is tested here
    _enrol_at_login(Client(), staff)
    client = Client()
    _login(client, staff)
    for _ in range(3):
        wrong = client.post("/konto/tva-steg/", {"code": "000000"})
        assert wrong.status_code == 400
        assert wrong.context["form"].errors["code"]
    device = TOTPDevice.objects.get(user=staff)
    refused = client.post("/konto/tva-steg/", {"code": _code(device)})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert not _logged_in(client)


def test_a_right_password_does_not_clear_the_count_of_wrong_codes(required, settings, staff):
    settings.RATE_LIMITS = {"login": (1000, 900), "login_failures": (3, 900)}
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    _enrol_at_login(Client(), staff)
    client = Client()
    for _ in range(3):
        _login(client, staff)
        client.post("/konto/tva-steg/", {"code": "000000"})
    _login(client, staff)
    device = TOTPDevice.objects.get(user=staff)
    assert client.post("/konto/tva-steg/", {"code": _code(device)}).status_code == 429
    assert not _logged_in(client)


def test_a_recovery_code_works_once(required, staff):
    codes = _enrol_at_login(Client(), staff)
    client = Client()
    _login(client, staff)
    assert client.post("/konto/tva-steg/", {"code": codes[0].upper()}).status_code == 302
    assert _logged_in(client)
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    again = Client()
    _login(again, staff)
    assert again.post("/konto/tva-steg/", {"code": codes[0]}).status_code == 400
    assert not _logged_in(again)


def test_with_debug_on_staff_log_in_with_the_password_alone(settings, staff):
    settings.STAFF_TWO_FACTOR = None
    settings.DEBUG = True
    client = Client()
    _login(client, staff)
    assert _logged_in(client)
    assert client.get("/kansli/").status_code == 200


def test_a_member_may_turn_it_on_and_is_then_asked_for_the_code(required, settings, member):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code
    client = Client()
    _login(client, member)
    assert _logged_in(client)
    assert client.get("/konto/tva-steg/aktivera/").status_code == 200
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert client.post("/konto/tva-steg/aktivera/", {"code": "000000"}).status_code == 400
    assert not two_factor.enabled_for(member)
    response = client.post("/konto/tva-steg/aktivera/", {"code": _code(device)})
    assert response["Location"] == "/konto/tva-steg/reservkoder/"
    assert len(client.get("/konto/tva-steg/reservkoder/").context["codes"]) == 10

    later = Client()
    _login(later, member)
    assert not _logged_in(later)
    assert later.post("/konto/tva-steg/", {"code": _code(device)}).status_code == 302
    assert _logged_in(later)


def test_a_member_may_turn_it_off(required, member):
    client = Client()
    _login(client, member)
    client.get("/konto/tva-steg/aktivera/")
    device = TOTPDevice.objects.get(user=member)
    client.post("/konto/tva-steg/aktivera/", {"code": _code(device)})
    response = client.post("/konto/tva-steg/stang-av/")
    assert response["Location"] == "/konto/tva-steg/aktivera/"
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticToken.objects.filter(device__user=member).exists()
    assert AuditEntry.objects.filter(actor=member, action=AuditEntry.Action.DELETE).count() == 2

    later = Client()
    _login(later, member)
    assert _logged_in(later)


def test_a_session_from_before_cannot_turn_it_off(required, member):
    before = Client()
    _login(before, member)
    client = Client()
    _login(client, member)
    client.get("/konto/tva-steg/aktivera/")
    device = TOTPDevice.objects.get(user=member)
    client.post("/konto/tva-steg/aktivera/", {"code": _code(device)})
    assert before.post("/konto/tva-steg/stang-av/").status_code == 403
    assert before.post("/konto/tva-steg/reservkoder/nya/").status_code == 403
    assert TOTPDevice.objects.filter(user=member, confirmed=True).exists()


def test_staff_cannot_turn_it_off_when_required(required, staff):
    client = Client()
    _enrol_at_login(client, staff)
    page = client.get("/konto/tva-steg/aktivera/")
    assert "/konto/tva-steg/stang-av/" not in page.content.decode()
    assert client.post("/konto/tva-steg/stang-av/").status_code == 403
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    with pytest.raises(ValidationError) as refused:
        two_factor.disable(staff)
    assert refused.value.code == "required"


def test_new_recovery_codes_replace_the_old(required, staff):
    client = Client()
    old = _enrol_at_login(client, staff)
    response = client.post("/konto/tva-steg/reservkoder/nya/")
    assert response["Location"] == "/konto/tva-steg/reservkoder/"
    new = client.get("/konto/tva-steg/reservkoder/").context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    tokens = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert tokens == set(new)


def test_a_staff_session_made_without_the_code_is_not_the_secretariat(required, staff):
    client = Client()
    client.force_login(staff)
    assert not two_factor.satisfied(staff)
    assert client.get("/kansli/").status_code != 200


def test_a_staff_session_without_the_second_factor_gets_nothing_of_the_secretariats(settings, db):
    """A session made some other way (here force_login) is no secretariat when the second
    factor is required: not the back office, the admin, nor the API by session."""
    settings.STAFF_TWO_FACTOR = True
    staff = get_user_model().objects.create_user("kansli2", "k2@example.org", "pw", is_staff=True)
    staff.groups.add(coordinator_group_ensure())
    client = Client()
    client.force_login(staff)
    assert client.get("/kansli/").status_code == 403
    assert client.get("/kansli/fakturor/").status_code == 403
    assert client.get("/admin/").status_code == 302
    assert client.get("/api/v1/events/1/registrations").status_code in (401, 403)
