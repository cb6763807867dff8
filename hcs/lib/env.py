"""Typed readers for settings that come from the environment.

They fail loudly: a value that cannot be parsed stops start-up instead of being silently ignored.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envlimits(name: str) -> dict[str, tuple[int, int]]:
    """Rate limits as "scope=attempts/seconds" separated by commas, e.g.
    "login=20/900,registration=10/600"."""
    raw = os.environ.get(name, "").strip()
    limits: dict[str, tuple[int, int]] = {}
    for item in filter(None, (part.strip() for part in raw.split(","))):
        scope, _equals, value = item.partition("=")
        attempts, _slash, seconds = value.partition("/")
        try:
            limits[scope.strip()] = (int(attempts), int(seconds))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name} must be scope=attempts/seconds, separated by commas, not {raw!r}"
            ) from exc
    return limits
