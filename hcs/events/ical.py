"""Events as iCalendar (RFC 5545): a feed of the public calendar, and one event for an e-mail."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from hcs.events.models import Event

PRODID = "-//Healthy Cities Sverige//Plattform//SV"


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


def _event_lines(event: Event, host: str, stamp: datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:event-{event.pk}@{host}", f"DTSTAMP:{_utc(stamp)}"]
    if event.all_day:
        first = event.starts.astimezone().date()
        after = event.ends.astimezone().date() + timedelta(days=1)  # DTEND is exclusive
        lines += [f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{after:%Y%m%d}"]
    else:
        lines += [f"DTSTART:{_utc(event.starts)}", f"DTEND:{_utc(event.ends)}"]
    lines.append(f"SUMMARY:{_escape(event.title)}")
    location = ", ".join(part for part in (event.place, event.online_url) if part)
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{_escape(event.description)}")
    if event.online_url:
        lines.append(f"URL:{event.online_url}")
    lines += [f"LAST-MODIFIED:{_utc(event.updated_at)}", "END:VEVENT"]
    return lines


def calendar(events: Iterable[Event], *, host: str, name: str, now: datetime) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Europe/Stockholm",
    ]
    for event in events:
        lines += _event_lines(event, host, now)
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode()
