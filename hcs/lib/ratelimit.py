"""One rate limit for every public write: survey answers, registrations, log-in, password reset
(and the forms to come). Counted in Django's cache, so it holds across worker processes and
servers when the cache is shared (`CACHE_URL`: Redis or the database; see settings).

Nobody is tracked: a client is known only by a keyed hash of its address under a salt that
changes every day, an account by a keyed hash of its name; the cache holds counters under such
hashes, never an address. Each limit is a sliding window over two fixed windows (the previous
window's count weighted by how much of it is still inside the period).

Limits per scope: `settings.RATE_LIMITS = {scope: (attempts, seconds)}` over `DEFAULT_LIMITS`;
0 attempts means no limit.
Behind a reverse proxy every request comes from the proxy's address: set
`settings.CLIENT_ADDRESS_HEADER` (e.g. "HTTP_X_REAL_IP", a header the proxy itself sets).
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.crypto import salted_hmac

PREFIX = "hcs:ratelimit"
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # Platskompassen answers from one client.
    "survey": (20, 600),
    # Event registrations from one client (each sends a confirmation e-mail).
    "registration": (10, 600),
    # Cancellations through the signed link in a registrant's e-mail, from one client.
    "registration_cancel": (20, 600),
    # Log-in attempts from one client: guessing is slowed...
    "login": (20, 900),
    # ...and failed log-ins to one account lock it for the rest of the window.
    "login_failures": (5, 900),
    # Password reset requests from one client, and reset e-mails to one address.
    "password_reset": (5, 3600),
    "password_reset_address": (3, 3600),
    # Links with a secret (an invitation, a new address's confirmation) opened from one client.
    "account_link": (20, 600),
    # Membership applications (and contact messages) from one client.
    "application": (5, 3600),
    # Members' proposals and requests from the portal, per login.
    "portal_write": (20, 3600),
}


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until an attempt would be allowed again (0 when allowed)

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


class RateLimited(Exception):
    """An attempt over a limit: pages answer 429 with how long to wait (hcs.lib.middleware),
    the API 429 with its error schema (hcs.api); both send Retry-After."""

    def __init__(self, verdict: Verdict):
        super().__init__(f"rate limited for {verdict.retry_after} s")
        self.verdict = verdict


def enforce(verdict: Verdict) -> None:
    """Raise RateLimited for a refused attempt."""
    if not verdict.allowed:
        raise RateLimited(verdict)


def limit_of(scope: str) -> tuple[int, int]:
    configured = getattr(settings, "RATE_LIMITS", {}) or {}
    count, seconds = configured.get(scope) or DEFAULT_LIMITS[scope]
    return int(count), max(1, int(seconds))


def client_address(request) -> str:
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", None)
    address = request.META.get(header, "") if header else ""
    # X-Forwarded-For lists the addresses the request passed; the proxy adds the one it saw
    # last. What comes before it the client may have written itself.
    address = address.split(",")[-1].strip()
    return address or request.META.get("REMOTE_ADDR", "")


def client_identity(request, *, day: str | None = None) -> str:
    """A client as the limits know it: an HMAC of its address under today's salt, so no address
    is stored and identities cannot be linked from one day to the next."""
    day = day or timezone.now().date().isoformat()
    return salted_hmac(
        f"hcs.ratelimit.client:{day}", client_address(request), algorithm="sha256"
    ).hexdigest()[:32]


def account_identity(name: str) -> str:
    """An account (a user name, an e-mail address) as the limits know it."""
    return salted_hmac(
        "hcs.ratelimit.account", name.strip().lower(), algorithm="sha256"
    ).hexdigest()[:32]


def _cache():
    """The rate limits' own cache (hcs.lib.cache): pages cached in plenty never push a counter
    out."""
    return caches["ratelimit"]


def _slots(scope: str, identity: str, window: int, limit: int) -> list[str]:
    """The keys of one window: an attempt takes the first free one. `cache.add` is atomic in
    every backend (Redis SET NX; the database's primary key; the memory cache's lock), so two
    processes never take the same slot and a window never counts more than `limit`."""
    return [f"{PREFIX}:{scope}:{identity}:{window}:{n}" for n in range(1, limit + 1)]


def _state(scope: str, identity: str, now: float):
    limit, period = limit_of(scope)
    window, into = divmod(now, period)
    current = _slots(scope, identity, int(window), limit)
    previous = _slots(scope, identity, int(window) - 1, limit)
    taken = _cache().get_many([*current, *previous])
    return limit, period, into, current, previous, taken


def check(scope: str, identity: str, *, now: float | None = None) -> Verdict:
    """Whether one more attempt is within the limit, without counting it."""
    now = time.time() if now is None else now
    limit, period, into, current_keys, previous_keys, taken = _state(scope, identity, now)
    if limit == 0:
        return Verdict(True, 0)  # no limit
    current = sum(key in taken for key in current_keys)
    previous = sum(key in taken for key in previous_keys)
    if current + previous * (1 - into / period) < limit:
        return Verdict(True, 0)
    # Full: until the end of this window; else until the previous window's share has shrunk
    # enough to let one more in.
    full = current >= limit
    wait = period - into if full else period * (1 - (limit - current) / previous) - into
    return Verdict(False, math.floor(wait) + 1)


def _take_slot(scope: str, identity: str, now: float) -> bool:
    _limit, period, _into, current_keys, _previous, taken = _state(scope, identity, now)
    for key in current_keys:
        # Kept two periods: the count is read again as the previous window's.
        if key not in taken and _cache().add(key, 1, timeout=2 * period + 1):
            return True
    return False


def count(scope: str, identity: str, *, now: float | None = None) -> None:
    """Count one attempt (e.g. a failed log-in)."""
    if limit_of(scope)[0]:
        _take_slot(scope, identity, time.time() if now is None else now)


def hit(scope: str, identity: str, *, now: float | None = None) -> Verdict:
    """Count one attempt if it is within the limit; refuse it otherwise (a refused attempt is
    not counted, so waiting is enough to be let in again). Of attempts arriving at the same
    moment from several processes, only as many as there are free slots get one."""
    now = time.time() if now is None else now
    verdict = check(scope, identity, now=now)
    if not verdict.allowed or limit_of(scope)[0] == 0:
        return verdict
    if _take_slot(scope, identity, now):
        return verdict
    _limit, period = limit_of(scope)
    return Verdict(False, math.floor(period - now % period) + 1)


def hit_client(request, scope: str, *, now: float | None = None) -> Verdict:
    """`hit` for the client making `request`."""
    return hit(scope, client_identity(request), now=now)


def forget(scope: str, identity: str, *, now: float | None = None) -> None:
    """Clear the counts of `identity` (a successful log-in clears its failures)."""
    now = time.time() if now is None else now
    _limit, _period, _into, current, previous, _taken = _state(scope, identity, now)
    _cache().delete_many([*current, *previous])
