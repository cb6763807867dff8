"""A contact person is invited by the secretariat, sets a password from the e-mailed link, logs in
with their address; what they see follows their roles."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from hcs.accounts import access
from hcs.accounts.models import Invitation, MemberAccount
from hcs.accounts.services import invitation_send
from hcs.audit.models import AuditEntry
from hcs.contacts.models import ContactPerson, ContactRole
from hcs.mail.models import OutgoingEmail
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db

PASSWORD = "Folkhalsa-i-Trollhattan-2026"


@pytest.fixture
def person(demo_2024):
    """Trollhättan's administrative contact, as the demo has them."""
    role = ContactRole.objects.select_related("person").get(
        person__organisation__code="1488", kind="administrative", end_date=None
    )
    return role.person


def _link(person) -> str:
    email = OutgoingEmail.objects.filter(purpose="invitation", to=person.email).latest("pk")
    return re.search(r"http://\S+/konto/inbjudan/\S+/", email.body).group(0)


def _accept(client, link, password=PASSWORD):
    path = link.split("localhost:8000", 1)[1] if "localhost:8000" in link else link
    page = client.get(path)
    assert page.status_code == 302 and page["Location"] == "/konto/inbjudan/"
    return client.post("/konto/inbjudan/", {"new_password1": password, "new_password2": password})


def test_the_invited_person_sets_a_password_and_logs_in_with_their_address(person, coordinator):
    invitation = invitation_send(person=person, actor=coordinator)
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    account = MemberAccount.objects.get(person=person)
    assert account.organisation.code == "1488" and not account.user.has_usable_password()

    client = Client()
    form = client.get(_link(person).split("localhost:8000", 1)[1], follow=True)
    assert 'name="new_password1"' in form.content.decode()
    assert 'name="new_password2"' in form.content.decode()
    done = client.post("/konto/inbjudan/", {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/konto/logga-in/"

    login = Client().post(
        "/konto/logga-in/", {"username": person.email.upper(), "password": PASSWORD}
    )
    assert login.status_code == 302 and login["Location"] == "/konto/"
    assert AuditEntry.objects.filter(object_repr__contains=person.email).exists()


def test_the_link_works_once(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    link = _link(person)
    assert _accept(Client(), link).status_code == 302
    again = Client().get(link.split("localhost:8000", 1)[1])
    assert again.status_code == 404
    assert "inte längre" in again.content.decode()


def test_the_link_expires_after_seven_days(person, coordinator):
    invitation_send(person=person, actor=coordinator, now=timezone.now() - timedelta(days=8))
    assert Client().get(_link(person).split("localhost:8000", 1)[1]).status_code == 404


def test_a_new_invitation_replaces_the_unused_one(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    first = _link(person)
    invitation_send(person=person, actor=coordinator)
    second = _link(person)
    assert first != second
    assert Client().get(first.split("localhost:8000", 1)[1]).status_code == 404
    assert _accept(Client(), second).status_code == 302
    assert MemberAccount.objects.filter(person=person).count() == 1


def test_a_weak_password_is_refused_and_the_link_still_works(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    link = _link(person)
    refused = _accept(Client(), link, password="1234")
    assert refused.status_code == 400
    assert Invitation.objects.get().used_at is None
    assert _accept(Client(), link).status_code == 302


@pytest.mark.parametrize(
    "change, code",
    [
        (lambda p: ContactPerson.objects.filter(pk=p.pk).update(email=""), "no_email"),
        (
            lambda p: p.roles.update(end_date=timezone.localdate() - timedelta(days=1)),
            "no_role",
        ),
        (
            lambda p: get_user_model().objects.create_user("annan", p.email, "pw"),
            "email_taken",
        ),
        (
            lambda p: ContactPerson.objects.filter(pk=p.pk).update(erased_at=timezone.now()),
            "erased",
        ),
    ],
)
def test_an_invitation_that_cannot_work_is_refused_and_changes_nothing(
    person, coordinator, change, code
):
    change(person)
    users = get_user_model().objects.count()
    with pytest.raises(ValidationError) as refused:
        invitation_send(person=person, actor=coordinator)
    assert refused.value.code == code
    assert get_user_model().objects.count() == users
    assert not OutgoingEmail.objects.filter(purpose="invitation").exists()
    assert not MemberAccount.objects.filter(person=person).exists()


def test_a_person_with_an_account_is_not_invited_again(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    _accept(Client(), _link(person))
    with pytest.raises(ValidationError) as refused:
        invitation_send(person=person, actor=coordinator)
    assert refused.value.code == "has_account"


def test_access_follows_the_roles_and_ends_the_day_the_last_one_ends(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    _accept(Client(), _link(person))
    client = Client()
    assert client.post("/konto/logga-in/", {"username": person.email, "password": PASSWORD})
    assert client.get("/medlem/").status_code == 200
    assert client.get("/medlem/fakturor/").status_code == 200

    today = timezone.localdate()
    person.roles.update(end_date=today)  # the last day in the role: still in
    assert client.get("/medlem/").status_code == 200
    person.roles.update(end_date=today - timedelta(days=1))
    for url in ("/medlem/", "/medlem/fakturor/", "/medlem/kontaktpersoner/", "/medlem/dokument/"):
        assert client.get(url).status_code == 403, url
    assert client.get("/api/v1/me/invoices").status_code == 403
    # Their own data stays theirs.
    assert client.get("/medlem/mina-uppgifter/").status_code == 200
    assert client.get("/api/v1/me").json()["roles"] == []


def test_a_contact_of_an_organisation_that_has_left_sees_no_members_content(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    _accept(Client(), _link(person))
    user = MemberAccount.objects.get(person=person).user
    assert access.member_organisation(user) is not None
    Membership.objects.filter(organisation=person.organisation).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    user = get_user_model().objects.get(pk=user.pk)
    assert access.member_organisation(user) is None
    assert access.roles(user) == []


def test_a_board_term_under_the_persons_name_is_tied_to_their_login(person, coordinator):
    from hcs.governance.models import BoardTerm

    term = BoardTerm.objects.create(
        person_name=person.name,
        role=BoardTerm.Role.MEMBER,
        organisation=person.organisation,
        start_date=date(2026, 1, 1),
    )
    invitation_send(person=person, actor=coordinator)
    term.refresh_from_db()
    assert term.user == MemberAccount.objects.get(person=person).user
    assert "board_member" in access.roles(term.user)


def test_the_coordinator_invites_from_the_organisation_page(person, coordinator_client):
    page = coordinator_client.get("/kansli/organisationer/1488/")
    assert f"/kansli/kontaktpersoner/{person.pk}/bjud-in/" in page.content.decode()
    sent = coordinator_client.post(f"/kansli/kontaktpersoner/{person.pk}/bjud-in/", follow=True)
    assert "En inbjudan är på väg" in sent.content.decode()
    assert "Inbjuden" in sent.content.decode()
    assert Organisation.objects.get(code="1488").member_accounts.filter(person=person).exists()


def test_invite_through_the_api(person, api_client):
    answer = api_client.post(f"/api/v1/contacts/{person.pk}/invite")
    assert answer.status_code == 201
    assert set(answer.json()) == {"expires"}
    assert api_client.post("/api/v1/contacts/999999/invite").status_code == 404
    _accept(Client(), _link(person))
    again = api_client.post(f"/api/v1/contacts/{person.pk}/invite")
    assert again.status_code == 409 and "redan ett konto" in again.json()["detail"]


def test_the_invitation_api_is_for_the_secretariat(person, outsider):
    assert Client().post(f"/api/v1/contacts/{person.pk}/invite").status_code == 401
    client = Client()
    client.force_login(outsider)
    assert client.post(f"/api/v1/contacts/{person.pk}/invite").status_code == 401


def test_an_account_closed_by_the_administrator_is_not_reopened_by_its_link(person, coordinator):
    invitation_send(person=person, actor=coordinator)
    link = _link(person)
    get_user_model().objects.filter(member_account__person=person).update(is_active=False)
    client = Client()
    client.get(link.split("localhost:8000", 1)[1])
    answer = client.post("/konto/inbjudan/", {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert answer.status_code == 404
    assert not get_user_model().objects.get(member_account__person=person).is_active


def test_a_very_long_address_still_gets_an_account(person, coordinator):
    long = "a" * 150 + "@example.org"
    ContactPerson.objects.filter(pk=person.pk).update(email=long)
    person.refresh_from_db()
    invitation_send(person=person, actor=coordinator)
    user = MemberAccount.objects.get(person=person).user
    assert user.email == long and len(user.username) <= 150


def test_the_links_secret_is_never_in_the_audit_trail_and_the_email_is_emptied_once_sent(
    person, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(person=person, actor=coordinator)
    email = OutgoingEmail.objects.get(purpose="invitation")
    assert email.state == "sent" and email.body == "" and email.html == ""
    assert not AuditEntry.objects.filter(changes__icontains="/konto/inbjudan/").exists()
