"""The REST API, version 1: /api/v1/, OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs.

Every error is JSON `{"detail": "…"}` in the caller's language (Swedish unless
`Accept-Language: en`): 400/422 invalid input, 401 no valid token, 403 not allowed, 404 unknown,
409 a conflict with stored data. A refused write changes nothing.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from hcs.lib.errors import is_conflict, messages_of
from hcs.lib.ratelimit import RateLimited

api = NinjaAPI(
    title="Healthy Cities Sverige API",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
)

_PROBLEMS = {
    "missing": lambda: _("is required"),
    "date_parsing": lambda: _("is not a valid date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": lambda: _("is not a valid date (YYYY-MM-DD)"),
    "datetime_offset": lambda: _("has an offset no time zone has (at most 14 hours)"),
    "datetime_range": lambda: _("is not a time from the year 1900 to 2200"),
    "date_type": lambda: _("is not a valid date (YYYY-MM-DD)"),
    "string_type": lambda: _("must be text"),
    "int_parsing": lambda: _("must be a whole number"),
    "int_from_float": lambda: _("must be a whole number"),
    "int_type": lambda: _("must be a whole number"),
    "enum": lambda: _("is not one of the allowed values"),
    "literal_error": lambda: _("is not one of the allowed values"),
    "string_too_long": lambda: _("is too long"),
    "json_invalid": lambda: _("is not valid JSON"),
    "model_attributes_type": lambda: _("must be an object"),
    "dict_type": lambda: _("must be an object"),
    "list_type": lambda: _("must be a list"),
    "bool_parsing": lambda: _("must be true or false"),
    "bool_type": lambda: _("must be true or false"),
    "string_pattern_mismatch": lambda: _("contains a character that cannot be used"),
    "string_unicode": lambda: _("contains a character that cannot be used"),
    "string_too_short": lambda: _("is too short"),
    "greater_than": lambda: _("is too small"),
    "greater_than_equal": lambda: _("is too small"),
    "less_than": lambda: _("is too large"),
    "less_than_equal": lambda: _("is too large"),
    "finite_number": lambda: _("must be a finite number"),
    "decimal_parsing": lambda: _("must be a number"),
    "decimal_type": lambda: _("must be a number"),
    "decimal_max_digits": lambda: _("has too many digits"),
    "decimal_max_places": lambda: _("has too many decimals"),
    "decimal_whole_digits": lambda: _("has too many digits"),
    "float_parsing": lambda: _("must be a number"),
    "float_type": lambda: _("must be a number"),
    "extra_forbidden": lambda: _("is not expected"),
}


def _field_name(loc) -> str:
    # ("body", "payload", "decision", "date") -> "decision.date"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or _("the request")


@api.exception_handler(SchemaError)
def on_schema_error(request, exc: SchemaError):
    problems = []
    for error in exc.errors:
        describe = _PROBLEMS.get(error.get("type", ""), lambda: _("is not valid"))
        problems.append(f"{_field_name(error.get('loc', ()))} {describe()}")
    detail = _("Invalid input: %(problems)s.") % {"problems": "; ".join(problems)}
    return api.create_response(request, {"detail": detail, "errors": problems}, status=422)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    messages = messages_of(exc)
    status = 409 if is_conflict(exc) else 422
    return api.create_response(
        request, {"detail": " ".join(messages), "errors": messages}, status=status
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    detail = str(exc) if str(exc) else _("Not found.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": _("Log in, or give a valid API key (Authorization: Bearer …).")},
        status=401,
    )


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return api.create_response(
        request, {"detail": _("You are not allowed to do this.")}, status=403
    )


@api.exception_handler(RequestDataTooBig)
def on_too_large(request, exc):
    return api.create_response(request, {"detail": _("The request is too large.")}, status=413)


@api.exception_handler(RateLimited)
def on_rate_limited(request, exc: RateLimited):
    minutes = exc.verdict.minutes
    detail = ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    response = api.create_response(request, {"detail": detail}, status=429)
    response["Retry-After"] = str(exc.verdict.retry_after)
    return response


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    detail = _("The request could not be read.") if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _register_routers() -> None:
    from hcs.accounts.api import router as accounts_router
    from hcs.applications.api import router as applications_router
    from hcs.contacts.api import router as contacts_router
    from hcs.criteria.api import router as criteria_router
    from hcs.events.api import router as events_router
    from hcs.fees.api import router as fees_router
    from hcs.followup.api import router as followup_router
    from hcs.governance.api import router as governance_router
    from hcs.invoices.api import router as invoices_router
    from hcs.learning.api import router as learning_router
    from hcs.mailings.api import router as mailings_router
    from hcs.memberships.api import router as memberships_router
    from hcs.organisations.api import router as organisations_router
    from hcs.platskompassen.api import router as platskompassen_router
    from hcs.platskompassen.api_results import router as platskompassen_results_router
    from hcs.reports.api import router as reports_router

    api.add_router("", organisations_router)
    api.add_router("", memberships_router)
    api.add_router("", fees_router)
    api.add_router("", invoices_router)
    api.add_router("", events_router)
    api.add_router("", governance_router)
    api.add_router("", criteria_router)
    api.add_router("", contacts_router)
    api.add_router("", accounts_router)
    api.add_router("", applications_router)
    api.add_router("", mailings_router)
    api.add_router("", reports_router)
    api.add_router("", followup_router)
    api.add_router("", learning_router)
    api.add_router("", platskompassen_router)
    api.add_router("", platskompassen_results_router)


_register_routers()
