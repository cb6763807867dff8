"""Personal data (GDPR): everything the platform holds about one contact person, exported (art.
15) or erased (art. 17), in one place that reaches every table.

A person is found by their contact-person row, and in the other records by their e-mail address
anywhere and by their name within their own organisation (a registration made under another
address): event registrations, group participations, criteria reminders, the e-mails sent to
them, the follow-ups their logins submitted, the learning examples naming them, the audit trail,
the admin's log ("Recent actions") and a login of their own. Erased values become the one
placeholder, hcs.lib.gdpr.ERASED. What is not personal stays: the organisation's history of
roles, registrations with their organisation, role and attendance, the follow-ups' answers and
the learning examples (the organisation's), so that counts stay true.
"""

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, audit_redact, audit_scrub
from hcs.contacts.models import ContactPerson, ContactProposal, DataRequest
from hcs.criteria.services import reminders_erase, reminders_export
from hcs.events.services import (
    registration_addresses,
    registrations_erase,
    registrations_export,
)
from hcs.followup.services import followups_erase, followups_export
from hcs.groups.services import (
    participation_addresses,
    participations_erase,
    participations_export,
)
from hcs.learning.services import examples_erase, examples_export
from hcs.lib.gdpr import ERASED, PersonMatch
from hcs.mail.services import emails_erase, emails_export
from hcs.mailings.services import mailings_erase, mailings_export

PERSONAL_FIELDS = ("name", "email", "phone", "title", "party")


def person_match(person: ContactPerson) -> PersonMatch:
    """The person as the records know them, with the other addresses their registrations and
    group participations were made under. (A login's user name is not looked for as text: a
    user name such as "lund" is also a word in other people's records. What a login did or
    had done to it is found by its link instead, see `_login_entries`.)"""
    from hcs.accounts.models import Invitation, MemberAccount

    base = PersonMatch(name=person.name, email=person.email, organisation_id=person.organisation_id)
    # The addresses of their own login, now and before (an invitation's, a changed one's).
    login = [
        *Invitation.objects.filter(account__person=person).values_list("sent_to", flat=True),
        *MemberAccount.objects.filter(person=person).values_list("user__email", flat=True),
    ]
    user_ids = MemberAccount.objects.filter(person=person).values_list("user_id", flat=True)
    for changes in AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id__in=[str(pk) for pk in user_ids],
    ).values_list("changes", flat=True):
        login += [a for a in (changes or {}).get("email", []) if isinstance(a, str)]
    addresses = {
        a.lower()
        for a in (*registration_addresses(base), *participation_addresses(base), *login)
        if a
    }
    addresses = {a for a in addresses if a and a != person.email.lower()}
    return PersonMatch(
        name=person.name,
        email=person.email,
        organisation_id=person.organisation_id,
        others=tuple(sorted(addresses)),
    )


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _about_person(person: ContactPerson):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ContactPerson), object_id=str(person.pk)
    )


def _admin_log(match: PersonMatch, person: ContactPerson):
    """The admin's log entries that name the person: about their record, or holding their name
    or address in the object's name or the change message."""
    naming = LogEntry.objects.filter(match.text_q("object_repr", "change_message"))
    return (_about_person(person) | naming).distinct()


def _login_entries(users) -> tuple:
    """The audit entries made by the person's logins, and the admin's log entries about them."""
    pks = [user.pk for user in users]
    by_them = AuditEntry.objects.filter(actor_id__in=pks)
    about_them = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id__in=[str(pk) for pk in pks],
    )
    return by_them, about_them


def _users(addresses, person: ContactPerson | None = None):
    """Logins of the person's own (not staff: a member contact's): their account's, and any by
    one of their addresses."""
    wanted = [a.strip() for a in addresses if a and a.strip()]
    found = Q(pk__in=[])
    for address in wanted:
        found |= Q(email__iexact=address)
    if person is not None:
        found |= Q(member_account__person=person)
    return get_user_model().objects.filter(found, is_staff=False).distinct()


def _login_data(user) -> dict[str, Any]:
    """A login's own records: the account, its invitations, API keys and second factors (never
    a secret: no password hash, token, key or code)."""
    from django_otp import devices_for_user

    from hcs.accounts.models import Invitation, MemberAccount

    account = MemberAccount.objects.filter(user=user).select_related("organisation").first()
    return {
        "username": user.get_username(),
        "email": user.email,
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else "",
        "organisation": account.organisation.name if account else "",
        "planner": bool(account and account.planner),
        "invitations": [
            {
                "sent_to": invitation.sent_to,
                "sent": invitation.created_at.isoformat(),
                "used": invitation.used_at.isoformat() if invitation.used_at else "",
            }
            for invitation in Invitation.objects.filter(account__user=user).order_by("created_at")
        ],
        "api_keys": [
            {"label": token.label, "created": token.created_at.isoformat()}
            for token in user.api_tokens.order_by("created_at")
        ],
        "second_factors": [device.name for device in devices_for_user(user, confirmed=None)],
        "actions": [
            {"at": entry.at.isoformat(), "action": entry.action, "object": entry.object_repr}
            for entry in AuditEntry.objects.filter(actor_id=user.pk).order_by("at")
        ],
    }


def _logins_erase(users) -> None:
    """The logins stay as inactive rows without a name or an address (the audit trail points
    at them); what hangs on them goes: invitations, API keys, second factors."""
    from django_otp import devices_for_user

    from hcs.accounts.models import Invitation

    for user in users:
        Invitation.objects.filter(account__user=user).delete()
        user.api_tokens.all().delete()
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        user.username = f"raderad-{user.pk}"
        user.email = user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()


def _proposals(match: PersonMatch, person: ContactPerson):
    """Proposals the person made, or that named them as the new contact."""
    return ContactProposal.objects.filter(Q(proposed_by=person) | match.q(email="email"))


def _applications(match: PersonMatch):
    """Membership applications the person sent (by their address)."""
    from hcs.applications.models import Application

    return Application.objects.filter(match.q(email="email"))


def _contact_messages(match: PersonMatch):
    """Messages the person sent with the site's contact form (by their address)."""
    from hcs.content.models import ContactMessage

    return ContactMessage.objects.filter(match.q(email="email"))


def account_export(*, user, account, actor) -> dict[str, Any]:
    """What the platform holds about a login's owner (My data): their contact person's whole
    export when the account is a contact person's, with the login's own records."""
    person = account.person
    if person is not None and not person.erased_at:
        data = contact_person_export(person=person, actor=actor)
    else:
        data = {"exported_at": timezone.now().isoformat()}
    data["login"] = _login_data(user)
    return data


def _data_requests(match: PersonMatch, person: ContactPerson):
    """The person's own requests about their data: tied to them, or made from their address."""
    return DataRequest.objects.filter(Q(person=person) | match.q(email="email"))


def data_requests_erase(match: PersonMatch, person: ContactPerson, dry_run: bool) -> int:
    """The requests stay as the record that they were handled, without the name, the address
    and the person's name or address in their texts."""
    requests = list(_data_requests(match, person).select_for_update())
    if dry_run:
        return len(requests)
    for request in requests:
        request.name = ERASED
        request.email = ""
        request.details = match.scrub(request.details)
        request.outcome = match.scrub(request.outcome)
        request.save(update_fields=["name", "email", "details", "outcome"])
        audit_redact(obj=request, fields=("name", "email", "details"), new_repr=str(request))
    return len(requests)


def contact_person_export(*, person: ContactPerson, actor) -> dict[str, Any]:
    """Everything the platform holds about one person, as a JSON-ready dict."""
    match = person_match(person)
    users = list(_users(match.addresses, person))
    with transaction.atomic():
        # The trail about this person is their data too.
        entries = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ContactPerson), object_id=str(person.pk)
        ).order_by("at")
        data = {
            "exported_at": timezone.now().isoformat(),
            "person": {
                "name": person.name,
                "email": person.email,
                "phone": person.phone,
                "title": person.title,
                "party": person.party,
                "organisation": person.organisation.name,
                "created_at": person.created_at.isoformat(),
                "updated_at": person.updated_at.isoformat(),
            },
            "roles": [
                {
                    "role": role.kind,
                    "from": role.start_date.isoformat(),
                    "until": _iso(role.end_date),
                }
                for role in person.roles.order_by("start_date")
            ],
            "event_registrations": registrations_export(match),
            "groups": participations_export(match),
            "reminders": reminders_export(match),
            "emails": [email for address in match.addresses for email in emails_export(address)],
            **mailings_export(match.addresses),
            **followups_export(match, users),
            "learning_examples": examples_export(person, users),
            "data_requests": [
                {
                    "request": r.kind,
                    "received": r.received_on.isoformat(),
                    "details": r.details,
                    "handled": _iso(r.handled_on),
                    "outcome": r.outcome,
                }
                for r in _data_requests(match, person).order_by("received_on")
            ],
            "logins": [_login_data(user) for user in users],
            "membership_applications": [
                {
                    "sent": a.created_at.isoformat(),
                    "organisation": a.organisation.name,
                    "name": a.name,
                    "title": a.title,
                    "email": a.email,
                    "phone": a.phone,
                    "message": a.message,
                    "status": a.status,
                }
                for a in _applications(match).select_related("organisation")
            ],
            "contact_messages": [
                {
                    "sent": m.created_at.isoformat(),
                    "name": m.name,
                    "email": m.email,
                    "organisation": m.organisation,
                    "message": m.message,
                    "handled": _iso(m.handled_at),
                }
                for m in _contact_messages(match).order_by("created_at")
            ],
            "contact_proposals": [
                {
                    "proposed": p.created_at.isoformat(),
                    "role": p.kind,
                    "name": p.name,
                    "email": p.email,
                    "status": p.status,
                }
                for p in _proposals(match, person).order_by("created_at")
            ],
            "history": [
                {
                    "at": entry.at.isoformat(),
                    "by": entry.actor_name,
                    "action": entry.action,
                    "changes": entry.changes,
                }
                for entry in entries
            ],
        }
        audit_record(actor=actor, action=AuditEntry.Action.EXPORT, obj=person)
    return data


def contact_person_erase(*, person: ContactPerson, actor, dry_run: bool = False) -> dict[str, Any]:
    """Erase one person's personal data everywhere and return what was (or, with `dry_run`,
    would be) erased, table by table.

    The person row stays, its values replaced by the placeholder, so that the organisation's
    history of roles (who held a role when, not who the person was) survives.
    """
    with transaction.atomic():
        person = ContactPerson.objects.select_for_update().get(pk=person.pk)
        if person.erased_at:
            raise ValidationError(_("This person's data has already been erased."), code="erased")
        match = person_match(person)
        fields = [name for name in PERSONAL_FIELDS if getattr(person, name)]
        summary: dict[str, Any] = {"person_id": person.pk, "fields": fields, "dry_run": dry_run}
        summary["event_registrations"] = registrations_erase(match, actor, dry_run=dry_run)
        summary["group_participations"] = participations_erase(match, actor, dry_run=dry_run)
        summary["reminders"] = reminders_erase(match, dry_run=dry_run)
        summary["data_requests"] = data_requests_erase(match, person, dry_run)
        summary["emails"] = sum(
            emails_erase(address, ERASED, dry_run=dry_run) for address in match.addresses
        )
        summary["mailings"] = mailings_erase(match.addresses, dry_run=dry_run)
        log = _admin_log(match, person)
        users = list(_users(match.addresses, person))
        # Before the logins are erased: a follow-up submitted before the link to its login was
        # kept is found by the login's user name.
        summary["followups"] = followups_erase(match, users, dry_run=dry_run)
        summary["learning_examples"] = examples_erase(person, dry_run=dry_run)
        proposals = list(_proposals(match, person).select_for_update())
        summary["contact_proposals"] = len(proposals)
        applications = list(_applications(match).select_for_update())
        summary["membership_applications"] = len(applications)
        contact_messages = list(_contact_messages(match).select_for_update())
        summary["contact_messages"] = len(contact_messages)
        by_logins, about_logins = _login_entries(users)
        summary["admin_log_entries"] = len(
            {*log.values_list("pk", flat=True), *about_logins.values_list("pk", flat=True)}
        )
        summary["logins"] = len(users)
        if dry_run:
            summary["audit_entries"] = audit_scrub(match, dry_run=True) + by_logins.count()
            return summary
        about_logins.update(object_repr=ERASED)
        own = set(_about_person(person).values_list("pk", flat=True))
        for entry in log:
            entry.object_repr = ERASED if entry.pk in own else match.scrub(entry.object_repr)[:200]
            entry.change_message = match.scrub_json_text(entry.change_message)
            entry.save(update_fields=["object_repr", "change_message"])
        _logins_erase(users)
        for application in applications:
            application.name, application.email, application.phone = ERASED, "", ""
            application.title = ""
            application.message = match.scrub(application.message)
            application.save(update_fields=["name", "email", "phone", "title", "message"])
            audit_redact(
                obj=application, fields=("name", "email", "phone", "message"), new_repr=ERASED
            )
        from hcs.content.services import contact_message_erase

        for item in contact_messages:
            contact_message_erase(item=item, actor=actor)
        addresses = {address.lower() for address in match.addresses}
        for proposal in proposals:
            if proposal.email.lower() in addresses or proposal.name.strip() == match.name.strip():
                proposal.name, proposal.email, proposal.phone = ERASED, "", ""
                proposal.title = proposal.party = ""
            proposal.message = match.scrub(proposal.message)
            proposal.save()
            audit_redact(
                obj=proposal, fields=("name", "email", "phone", "message"), new_repr=str(proposal)
            )
        person.name = ERASED
        person.email = person.phone = person.title = person.party = ""
        person.erased_at = timezone.now()
        person.save()
        redacted = audit_redact(obj=person, fields=PERSONAL_FIELDS, new_repr=ERASED)
        summary["audit_entries"] = (
            redacted + audit_scrub(match) + by_logins.update(actor_name=ERASED)
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ERASE,
            obj=person,
            changes={name: [ERASED, ""] for name in fields},
        )
    return summary
