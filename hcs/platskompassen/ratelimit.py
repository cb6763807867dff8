"""Rate limiting of the residents' survey without tracking anyone.

A client is known only by a keyed hash of its address (`REMOTE_ADDR`) under a salt that changes
every day: the cache holds counters under such hashes, never an address, and a hash cannot be
tied to yesterday's or tomorrow's. The counters are a sliding window over two fixed windows (the
previous window's count weighted by how much of it is still inside the period).

Limits: `settings.PLATSKOMPASSEN_RATE_LIMIT = (submissions, seconds)`, default 20 in 10 minutes.
Behind a reverse proxy every request comes from the proxy's address: set
`settings.PLATSKOMPASSEN_CLIENT_ADDRESS_HEADER` (e.g. "HTTP_X_REAL_IP", a header the proxy itself
sets) to take the client's address from there instead.

The cache is Django's default cache; with the local memory cache each worker process counts on
its own."""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

DEFAULT_LIMIT = (20, 600)
PREFIX = "platskompassen:ratelimit"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until an attempt would be allowed again (0 when allowed)


def limits() -> tuple[int, int]:
    count, seconds = getattr(settings, "PLATSKOMPASSEN_RATE_LIMIT", DEFAULT_LIMIT)
    return int(count), max(1, int(seconds))


def client_address(request) -> str:
    header = getattr(settings, "PLATSKOMPASSEN_CLIENT_ADDRESS_HEADER", None)
    address = request.META.get(header, "") if header else ""
    # A proxy's header may list several addresses; the first is the client's.
    address = address.split(",")[0].strip()
    return address or request.META.get("REMOTE_ADDR", "")


def client_key(request, *, scope: str, day: str | None = None) -> str:
    """The cache key of a client: an HMAC of its address under today's salt (SECRET_KEY and
    the date), so no address is stored and keys are not linkable from one day to the next."""
    day = day or timezone.now().date().isoformat()
    digest = salted_hmac(
        f"hcs.platskompassen.ratelimit:{day}", client_address(request), algorithm="sha256"
    ).hexdigest()[:32]
    return f"{PREFIX}:{scope}:{digest}"


def _count(key: str) -> int:
    value = cache.get(key)
    return value if isinstance(value, int) else 0


def hit(request, *, scope: str = "survey", now: float | None = None) -> Verdict:
    """Count one attempt of the client if it is within the limit; refuse it otherwise (a
    refused attempt is not counted, so waiting is enough to be let in again)."""
    limit, period = limits()
    now = time.time() if now is None else now
    window, into = divmod(now, period)
    base = client_key(request, scope=scope)
    current_key = f"{base}:{int(window)}"
    previous = _count(f"{base}:{int(window) - 1}")
    current = _count(current_key)
    weight = 1 - into / period
    if current + previous * weight >= limit:
        if current >= limit:
            wait = period - into  # the end of this window
        else:  # until the previous window's share has shrunk enough to let one more in
            wait = period * (1 - (limit - current) / previous) - into
        return Verdict(False, math.floor(wait) + 1)
    # Two periods: the count is read again as the previous window's.
    if not cache.add(current_key, 1, timeout=2 * period + 1):
        try:
            cache.incr(current_key)
        except ValueError:  # expired between add and incr
            cache.set(current_key, 1, timeout=2 * period + 1)
    return Verdict(True, 0)
