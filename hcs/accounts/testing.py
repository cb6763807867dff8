"""Logins for tests, made the way the platform makes them: a member contact is a contact person
with a role and an account tied to them; a planner's account is marked as planning."""

from datetime import date

from django.contrib.auth import get_user_model

from hcs.accounts.models import MemberAccount
from hcs.contacts.models import ContactPerson, ContactRole


def member_contact_user(
    organisation,
    username: str,
    *,
    kind: str = ContactRole.Kind.ADMINISTRATIVE,
    password: str = "pw",
    email: str = "",
    since: date = date(2020, 1, 1),
    until: date | None = None,
    planner: bool = False,
):
    email = email or f"{username}@example.net"
    person = ContactPerson.objects.create(
        organisation=organisation,
        name=f"Testperson {username}",
        email=email,
        title="Folkhälsostrateg",
        party="S",
    )
    ContactRole.objects.create(person=person, kind=kind, start_date=since, end_date=until)
    user = get_user_model().objects.create_user(username, email, password)
    MemberAccount.objects.create(
        user=user, organisation=organisation, person=person, planner=planner
    )
    return user


def planner_user(organisation, username: str, *, password: str = "pw"):
    """A planner's account without a person (the administrator made it)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.net", password)
    MemberAccount.objects.create(user=user, organisation=organisation, planner=True)
    return user
