"""A request id for every request, and one access line per request (logger "hcs.request").

The id is the incoming `X-Request-ID` when it is a sane token (up to 100 characters of
letters, digits, `.`, `_` and `-`: a proxy's or load balancer's id, so its logs and ours meet),
otherwise a new one. It is kept in a context variable while the request runs, so every line
logged meanwhile carries it (hcs.ops.logs), and it goes back in the response's `X-Request-ID`.
It is forgotten when the response is closed (request_finished), not when this middleware
returns: Django logs a 4xx or 5xx answer ("Not Found: …") after the middleware has run.

The access line has method, path, status and duration in milliseconds. The query string is
left out (searches hold names), and so is a path's secret: for a URL whose parameter is a token
(an invitation, a cancel link, a password reset) the route is logged, not the token (Django's
own "Not Found: …" warning for a refused link still names its path). The load
balancer's probes (/healthz, /readyz) are logged at DEBUG when they succeed, so that they do not
drown the rest.
"""

import logging
import re
import time
import uuid

from django.core.signals import request_finished

from hcs.ops.logs import request_id

access_log = logging.getLogger("hcs.request")

_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")
_PROBES = {"/healthz", "/readyz"}
_SECRET_PARAMETERS = {"token", "uidb64"}


def _incoming_or_new(value: str | None) -> str:
    if value and _SANE_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def _loggable_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and _SECRET_PARAMETERS & set(match.kwargs):
        return "/" + match.route
    return request.path


def _forget_request_id(**kwargs) -> None:
    request_id.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="hcs.ops.forget_request_id")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = _incoming_or_new(request.headers.get("X-Request-ID"))
        request_id.set(rid)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = rid
            return response
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            path = _loggable_path(request)
            quiet = request.path in _PROBES and status == 200
            access_log.log(
                logging.DEBUG if quiet else logging.INFO,
                "%s %s %s %.1f ms",
                request.method,
                path,
                status,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": status,
                    "duration_ms": duration_ms,
                    "request_id": rid,
                },
            )
