"""Guards at the edge of every request, and the headers of every response.

`RequestGuardMiddleware` answers before any view runs:
- 413 for a body larger than the platform accepts (a JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE,
  an upload over MAX_UPLOAD_BYTES), also when the size shows only while reading it;
- 404 for a path holding a control character (no page has one);
- 400 for a page's query parameter holding a character the text rule refuses (hcs.lib.text),
  naming the parameter. Forms check their own fields, with the error at the field; the API's
  schema its parameters and body (422 naming the field, hcs.lib.api).

`SecurityHeadersMiddleware` adds the Content-Security-Policy and Permissions-Policy to every
response, and `Cache-Control: private, no-store` to every response made for someone logged in
(the secretariat's pages, invoices, GDPR exports, the member portal): no shared cache or back
button keeps them.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hcs.lib.ratelimit import RateLimited
from hcs.lib.text import forbidden_character


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def refusal(request, status: int, message: str) -> HttpResponse:
    """An error answer in the form the client reads: JSON for the API, a page otherwise."""
    if _is_api(request):
        return JsonResponse(
            {"detail": message, "errors": [message]},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    content = render_to_string("error.html", {"status": status, "message": message}, request)
    return HttpResponse(content, status=status)


def too_many_attempts(request, verdict) -> HttpResponse:
    """429 for an attempt over a rate limit (hcs.lib.ratelimit), saying how long to wait."""
    response = refusal(
        request,
        429,
        ngettext(
            "Too many attempts. Try again in %(minutes)d minute.",
            "Too many attempts. Try again in %(minutes)d minutes.",
            verdict.minutes,
        )
        % {"minutes": verdict.minutes},
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _too_large(request) -> HttpResponse:
    return refusal(request, 413, _("The request is too large."))


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._refuse(request)
        if refused is not None:
            return refused
        return self.get_response(request)

    def _refuse(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refusal(request, 400, _("The request could not be read."))
        multipart = request.content_type == "multipart/form-data"
        limit = settings.MAX_UPLOAD_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return _too_large(request)
        if forbidden_character(request.path):
            return refusal(request, 404, _("There is no such page."))
        if _is_api(request):
            return None  # the API's schema checks its parameters: 422 naming the field
        for name, values in request.GET.lists():
            for text in (name, *values):
                character = forbidden_character(text)
                if character:
                    return refusal(
                        request,
                        400,
                        _(
                            "The address's parameter %(name)s contains a character that cannot be "
                            "used (%(character)s)."
                        )
                        % {"name": forbidden_name(name), "character": character},
                    )
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return _too_large(request)
        if isinstance(exception, RateLimited):
            return too_many_attempts(request, exception.verdict)
        return None


def forbidden_name(name: str) -> str:
    """A parameter's name fit to show, whatever it holds."""
    return "".join(c if forbidden_character(c) is None else "?" for c in name)[:40]


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response
