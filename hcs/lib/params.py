"""Whole numbers, years, dates and amounts read from a URL or a form: one reading of each, with
its bounds, so that "²", "NaN", a year 0 or a 20-digit number is a clear error, never a crash.

Pages read URL parameters with `year_param` & co., which raise `BadParameter`: the visitor gets
400 with the message (hcs.lib.views.bad_request). Forms use the fields in hcs.lib.forms, built on
the same functions; API schemas use the same bounds (hcs.lib.api), so that the OpenAPI schema
says what is accepted.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext as _

# Years the platform deals in: the network's history and any plausible future.
FIRST_YEAR, LAST_YEAR = 1900, 2200
# Amounts in kronor: a membership fee is tens of thousands; a bank row above this is a mistake.
MAX_AMOUNT = Decimal("99999999.99")
# The largest whole number any field stores (PostgreSQL's bigint).
MAX_INTEGER = 2**63 - 1

_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
_AMOUNT = re.compile(
    r"[0-9]{1,3}(?:[ \u00a0]?[0-9]{3})*(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]{1,2})?"
)


class BadParameter(BadRequest):
    """A URL parameter that cannot be read; its message is shown to the visitor (400)."""


def parse_int(raw: str, *, minimum: int = 0, maximum: int = MAX_INTEGER) -> int:
    """A whole number written with the digits 0–9 (no "²", no "1e3"), within the bounds."""
    text = str(raw).strip()
    if not _INTEGER.fullmatch(text):
        raise ValidationError(_("Enter a whole number."), code="invalid")
    value = int(text)
    if not minimum <= value <= maximum:
        raise ValidationError(
            _("Enter a whole number from %(minimum)s to %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum},
            code="out_of_range",
        )
    return value


def parse_year(raw: str) -> int:
    text = str(raw).strip()
    try:
        return parse_int(text, minimum=FIRST_YEAR, maximum=LAST_YEAR)
    except ValidationError as error:
        raise ValidationError(
            _("%(value)s is not a year from %(first)d to %(last)d.")
            % {"value": text[:20], "first": FIRST_YEAR, "last": LAST_YEAR},
            code="invalid_year",
        ) from error


def parse_date(raw: str) -> date:
    """A date written YYYY-MM-DD, in a year the platform deals in."""
    text = str(raw).strip()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError as error:
        raise ValidationError(
            _("%(value)s is not a date (YYYY-MM-DD).") % {"value": text[:20]}, code="invalid_date"
        ) from error
    parse_year(str(day.year))
    return day


def parse_amount(raw: str, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """An amount in kronor as Swedes write it: "29 250", "29250,50", "29 250 kr", "29250.50".
    Positive, at most two decimals, at most `maximum`; "NaN", "Infinity" and "1e3" are not
    amounts."""
    text = str(raw).strip().removesuffix("kr").strip()
    if not _AMOUNT.fullmatch(text):
        raise ValidationError(
            _("Enter an amount such as 29 250 or 29250,50."), code="invalid_amount"
        )
    try:
        amount = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation as error:  # cannot happen after the pattern; kept as a guard
        raise ValidationError(_("Enter an amount such as 29 250 or 29250,50.")) from error
    if not Decimal(0) < amount <= maximum:
        raise ValidationError(
            _("The amount must be more than 0 and at most %(maximum)s kr.")
            % {"maximum": f"{maximum:,.0f}".replace(",", "\u00a0")},
            code="invalid_amount",
        )
    return amount


_PERCENT = re.compile(r"[+-]?[0-9]{1,3}(?:[.,][0-9]{1,2})?")


def parse_percent(raw: str, *, minimum: Decimal = Decimal(-50), maximum: Decimal = Decimal(100)):
    """A percentage such as "2,8", "2.8 %" or "-1,5": at most two decimals, within bounds."""
    text = str(raw).strip().removesuffix("%").strip()
    if not _PERCENT.fullmatch(text):
        raise ValidationError(_("Enter a percentage such as 2,8."), code="invalid_percent")
    value = Decimal(text.replace(",", "."))
    if not minimum <= value <= maximum:
        raise ValidationError(
            _("Enter a percentage from %(minimum)s to %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum},
            code="out_of_range",
        )
    return value


def _param(request, name: str, read, default):
    raw = request.GET.get(name, "")
    if not raw.strip():
        return default
    try:
        return read(raw)
    except ValidationError as error:
        raise BadParameter(" ".join(error.messages)) from error


def year_param(request, name: str = "ar", default: int | None = None) -> int | None:
    """The year in `?ar=2024`, `default` when absent; BadParameter (400) when unreadable."""
    return _param(request, name, parse_year, default)


def date_param(request, name: str, default: date | None = None) -> date | None:
    return _param(request, name, parse_date, default)
