"""Events as iCalendar (RFC 5545): a feed of the calendar, and one event for an e-mail.

Times are written on Stockholm's clock (TZID=Europe/Stockholm, with its VTIMEZONE), all-day
events as dates (VALUE=DATE): a calendar application shows 14 March whatever its own zone.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from hcs.events.models import Event

PRODID = "-//Healthy Cities Sverige//Plattform//SV"
TZID = "Europe/Stockholm"
# Central European Time and its summer time, as the EU has had them since 1996.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode()
    parts, start = [], 0
    limit = 75
    while len(encoded) - start > limit:
        end = start + limit
        while (encoded[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(encoded[start:end].decode())
        start, limit = end, 74  # continuation lines start with a space
    parts.append(encoded[start:].decode())
    return [parts[0], *(" " + part for part in parts[1:])]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return f"TZID={TZID}:{timezone.localtime(moment):%Y%m%dT%H%M%S}"


def _event_lines(event: Event, host: str, stamp: datetime, links: bool) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:event-{event.pk}@{host}", f"DTSTAMP:{_utc(stamp)}"]
    if event.all_day:
        after = event.last_day + timedelta(days=1)  # DTEND is exclusive
        lines += [
            f"DTSTART;VALUE=DATE:{event.first_day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{after:%Y%m%d}",
        ]
    else:
        lines += [f"DTSTART;{_local(event.starts)}", f"DTEND;{_local(event.ends)}"]
    lines.append(f"SUMMARY:{_escape(event.title)}")
    online = event.online_url if links else ""
    location = ", ".join(part for part in (event.place, online) if part)
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{_escape(event.description)}")
    if online:
        lines.append(f"URL:{online}")
    if event.cancelled:
        lines.append("STATUS:CANCELLED")
    lines += [f"LAST-MODIFIED:{_utc(event.updated_at)}", "END:VEVENT"]
    return lines


def calendar(
    events: Iterable[Event], *, host: str, name: str, now: datetime, links: bool = False
) -> bytes:
    """The events as iCalendar. Online links only with `links` (a registrant's own invitation):
    the feeds leave them out, as the event pages do; the link is sent to those registered."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += _event_lines(event, host, now, links)
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode()
