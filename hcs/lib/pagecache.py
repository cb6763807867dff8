"""Caching of public responses, invalidated by the registry's version.

Every write goes through a service that adds an audit entry in the same transaction, so the
newest audit entry's id is a version number of the whole registry: it changes exactly when the
data changes, in every process and on every machine, with nothing to invalidate by hand. A
process reads it at most once per `REGISTRY_VERSION_CHECK_SECONDS` (one indexed query), so a
change shows on the public pages within that time. Responses are cached under the version, the
language and the URL, for anonymous visitors only: their pages hold nothing personal.
"""

import functools
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

_checked_at = float("-inf")
_version = 0


def registry_version() -> int:
    """The newest audit entry's id, read at most once per REGISTRY_VERSION_CHECK_SECONDS."""
    global _checked_at, _version
    now = time.monotonic()
    if now - _checked_at >= settings.REGISTRY_VERSION_CHECK_SECONDS:
        from hcs.audit.models import AuditEntry

        _version = AuditEntry.objects.aggregate(newest=Max("id"))["newest"] or 0
        _checked_at = now
    return _version


T = TypeVar("T")


def cached(name: str, build: Callable[[], T]) -> T:
    """`build()`'s result, cached under `name` and the registry's version: for what is read
    from audited records only (every write of those changes the version)."""
    key = f"hcs:{registry_version()}:{name}"
    content = cache.get(key)
    if content is None:
        content = build()
        cache.set(key, content, settings.PAGE_CACHE_SECONDS)
    return content


def cached_bytes(name: str, build: Callable[[], bytes]) -> bytes:
    return cached(name, build)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def cache_public_page(view):
    """Serve a public page from the cache to anonymous visitors. Only 200 responses are kept."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        htmx = "htmx" if getattr(request, "htmx", False) else "page"
        name = f"page:{get_language()}:{htmx}:{request.get_full_path()}"
        key = f"hcs:{registry_version()}:{name}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.cookies:
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
        return response

    return wrapper
