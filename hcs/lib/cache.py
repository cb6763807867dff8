"""Django's cache from one setting, `CACHE_URL`:

- empty: each process's own memory (LocMemCache). Enough for one process (`make run`); with
  several workers each counts its own rate limits.
- `redis://host:6379/0` (or `rediss://`): Redis, through Django's own RedisCache.
- `db://hcs_cache`: a table in the platform's database (DatabaseCache); `migrate` creates it.
- `locmem://`: the memory cache, said explicitly.

Two caches come from it (`caches()`): `default` for pages, and `ratelimit` for the rate limits'
counters, kept apart so that a flood of cached pages can never push a counter out (a cache
full of pages culls entries). In Redis they share the server under their own key prefixes; in
the database each has its table; in memory each its own store.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_TABLE = "hcs_cache"


RATELIMIT_ENTRIES = 200_000  # counters are tiny; enough for a busy day's attempts


def caches(url: str) -> dict[str, dict]:
    """Django's CACHES from `CACHE_URL`: `default` and `ratelimit`."""
    default = cache_from_url(url)
    limits = cache_from_url(url)
    if "OPTIONS" in limits:
        limits["OPTIONS"] = {**limits["OPTIONS"], "MAX_ENTRIES": RATELIMIT_ENTRIES}
    if limits["BACKEND"].endswith("RedisCache"):
        limits["KEY_PREFIX"] = "ratelimit"
    elif limits["BACKEND"].endswith("DatabaseCache"):
        limits["LOCATION"] = f"{limits['LOCATION']}_ratelimit"
    else:
        limits["LOCATION"] = "ratelimit"
    return {"default": default, "ratelimit": limits}


def cache_from_url(url: str) -> dict:
    url = url.strip()
    scheme = urlsplit(url).scheme if url else "locmem"
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme in ("db", "database"):
        table = urlsplit(url).netloc or urlsplit(url).path.strip("/") or DEFAULT_TABLE
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, db:// or locmem://, not {url!r}"
    )
