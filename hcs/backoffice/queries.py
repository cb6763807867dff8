"""What needs the secretariat's attention ("Att göra"): each item a count and a link, each read
in a fixed number of queries whatever the network's size."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse

from hcs.accounts.access import secretariat_may
from hcs.criteria.queries import compliance
from hcs.events.models import Event, Registration
from hcs.events.queries import with_registration_counts
from hcs.lib.pagecache import cached
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership

UPCOMING_DAYS = 42
# Events that ended up to this long ago and still have no attendance are listed.
ATTENDANCE_DAYS = 365


@dataclass
class Todo:
    key: str
    count: int
    url: str
    items: list = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.count == 0


def upcoming_events(now: datetime, days: int = UPCOMING_DAYS) -> list[Event]:
    """The events of the coming weeks with their confirmed and waiting (one query)."""
    return list(
        with_registration_counts(
            Event.objects.filter(
                starts__gte=now, starts__lt=now + timedelta(days=days), cancelled_at__isnull=True
            )
        ).order_by("starts", "pk")
    )


def events_without_attendance(now: datetime, days: int = ATTENDANCE_DAYS):
    """Past events (of the last year, not cancelled) with neither attendance marked on any
    registration nor a number of participants."""
    marked = Registration.objects.filter(event=OuterRef("pk"), attended__isnull=False)
    return (
        Event.objects.filter(
            ends__lt=now,
            ends__gte=now - timedelta(days=days),
            cancelled_at__isnull=True,
            participant_count__isnull=True,
        )
        .exclude(Exists(marked))
        .order_by("-starts", "-pk")
    )


def unmet_criteria(today: date) -> tuple[int, int] | None:
    """The year's unmet criteria so far, and at how many members; None for a year without
    criteria."""
    table = compliance(today.year, today=today)
    if not table.criteria:
        return None
    unmet = sum(row.count("not_met") for row in table.rows)
    return unmet, sum(1 for row in table.rows if row.count("not_met"))


def _proposals() -> Todo:
    """Contact persons proposed by members, waiting: the organisations, the oldest first."""
    from hcs.contacts.models import ContactProposal

    pending = list(
        ContactProposal.objects.filter(status=ContactProposal.Status.PENDING)
        .select_related("organisation")
        .order_by("created_at")
    )
    organisations = list({p.organisation.code: p.organisation for p in pending}.values())
    return Todo("proposals", len(pending), reverse("backoffice:organisations"), organisations)


def todo(user, today: date, now: datetime) -> list[Todo]:
    """The items the user may see, in the order of the dashboard. What is read from audited
    records only (the contact gaps, the criteria) is cached under the registry's version and
    the day (hcs.lib.pagecache): any change shows at once; the rest is read each time."""
    from hcs.contacts.queries import members_missing_contacts
    from hcs.invoices.queries import overdue_invoices
    from hcs.mail.models import OutgoingEmail

    items = []
    if secretariat_may(user, "memberships.view_membership"):
        without = list(
            Membership.objects.filter(in_effect(today), join_decision_date__isnull=True)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        items.append(
            Todo(
                "without_decision",
                len(without),
                reverse("backoffice:organisations"),
                without,
            )
        )
    if secretariat_may(user, "contacts.view_contactperson"):
        gaps = cached(f"todo:contact-gaps:{today}", lambda: members_missing_contacts(today))
        items.append(
            Todo(
                "contact_gaps",
                len(gaps),
                reverse("backoffice:organisations"),
                gaps,
            )
        )
    if secretariat_may(user, "invoices.view_invoice"):
        overdue = overdue_invoices(today)
        items.append(Todo("overdue", len(overdue), reverse("invoices:list"), overdue))
    if secretariat_may(user, "events.view_event"):
        upcoming = upcoming_events(now)
        items.append(Todo("upcoming", len(upcoming), reverse("kansli_events:list"), upcoming))
        missing = events_without_attendance(now)
        shown = list(missing[:10])
        count = len(shown) if len(shown) < 10 else missing.count()
        items.append(Todo("attendance", count, reverse("kansli_events:list"), shown))
    if secretariat_may(user, "criteria.view_criterion"):
        found = cached(f"todo:unmet:{today}", lambda: unmet_criteria(today))
        url = reverse("criteria:compliance") + f"?ar={today.year}"
        if found is None:
            # Nothing to judge against: the year's criteria are to be set (copied) first.
            items.append(Todo("no_criteria", 1, url))
        else:
            unmet, members = found
            items.append(Todo("unmet", unmet, url + "&status=not_met", [members]))
    if secretariat_may(user, "contacts.view_contactperson"):
        from hcs.contacts.models import DataRequest

        open_requests = DataRequest.objects.filter(handled_on__isnull=True).count()
        items.append(Todo("data_requests", open_requests, reverse("backoffice:data_requests")))
        items.append(_proposals())
    if secretariat_may(user, "mail.view_outgoingemail"):
        undelivered = OutgoingEmail.undelivered(now).count()
        items.append(Todo("undelivered", undelivered, reverse("backoffice:mail_log")))
    return items
