"""Reads of events, with their number of participants, in a fixed number of queries."""

from django.db.models import Count, Q

from hcs.events.models import Event, Registration


def public_events():
    return Event.objects.filter(audience=Event.Audience.PUBLIC)


def events_visible_to(user):
    """Public events for everyone; members' events too for a member's login and the staff."""
    audiences = [Event.Audience.PUBLIC]
    if user.is_authenticated and (user.is_staff or hasattr(user, "member_account")):
        audiences.append(Event.Audience.MEMBERS)
    return Event.objects.filter(audience__in=audiences)


def with_participants(queryset):
    """Annotate `participants`: the count recorded without names, or the confirmed ones."""
    return queryset.annotate(
        confirmed=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        )
    )


def participants(event) -> int:
    if event.participant_count is not None:
        return event.participant_count
    return getattr(event, "confirmed", 0)
