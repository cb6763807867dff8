"""The error pages: each says what went wrong in the visitor's language, and nothing more (no
stack trace, no internals). A 404 or 400 raised with a message shows that message."""

import re
import sys

from django.core.exceptions import BadRequest
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from hcs.lib.middleware import refusal

# get_object_or_404's own message names the model, in English: not for a visitor.
_DJANGO_LOOKUP = re.compile(r"No .+ matches the given query\.")

_DEFAULTS = {
    400: lambda: _("The request could not be read."),
    403: lambda: _("You are not allowed to see this page."),
    404: lambda: _("There is no such page."),
}


def _message(status: int, exception) -> str:
    # Only messages the platform wrote itself are shown: Django's own (e.g. a resolver's
    # "Resolver404" details) stay out of the page.
    if isinstance(exception, BadRequest) or (
        status == 404 and exception is not None and type(exception).__name__ == "Http404"
    ):
        text = str(exception)
        if text and not text.startswith("{") and not _DJANGO_LOOKUP.fullmatch(text):
            return text
    return _DEFAULTS[status]()


def bad_request(request, exception=None) -> HttpResponse:
    return refusal(request, 400, _message(400, exception))


def permission_denied(request, exception=None) -> HttpResponse:
    return refusal(request, 403, _message(403, exception))


def page_not_found(request, exception=None) -> HttpResponse:
    return refusal(request, 404, _message(404, exception))


RETRY_AFTER_SECONDS = 10


def _database_unreachable() -> bool:
    """The request failed because the database could not be reached (restarted, failed over,
    out of connections): django.db's OperationalError or InterfaceError, anywhere in the chain."""
    from django.db import InterfaceError, OperationalError

    error = sys.exc_info()[1]
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request) -> HttpResponse:
    # No context processors, no database: this page must render when nothing else does.
    if _database_unreachable():
        # A moment without the database: 503 and when to try again, so that a load balancer
        # and a client retry; the transaction was rolled back, nothing is half written.
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund."},
                status=503,
            )
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
