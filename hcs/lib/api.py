"""What every router of the API shares: the one error schema, and the types of its inputs with
their bounds, so that the OpenAPI schema tells clients what is accepted.

A text input is `Line` (one line) or `Text` (may hold line breaks), never a bare `str`: their
pattern refuses control characters, and pydantic refuses a lone surrogate in a patterned string
(422 naming the field). Years, amounts and ids carry their ranges.
"""

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from hcs.lib.params import FIRST_YEAR, LAST_YEAR, MAX_AMOUNT, MAX_INTEGER
from hcs.lib.text import LINE_PATTERN, TEXT_PATTERN

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ErrorOut(Schema):
    """Every error of the API: `detail` for a person, `errors` one problem each (on 422)."""

    detail: str
    errors: list[str] | None = None


def line(max_length: int = 200):
    return Annotated[str, Field(max_length=max_length, pattern=LINE_PATTERN)]


def text(max_length: int = 5000):
    return Annotated[str, Field(max_length=max_length, pattern=TEXT_PATTERN)]


Line = line()
Text = text()
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def _iso_date(value):
    """A date is written YYYY-MM-DD: not "0", not a timestamp (pydantic would read "0" as
    1 January 1970)."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value.strip()):
        raise PydanticCustomError("date_parsing", "Input should be a valid date (YYYY-MM-DD)")
    if isinstance(value, int | float):
        raise PydanticCustomError("date_parsing", "Input should be a valid date (YYYY-MM-DD)")
    return value


Day = Annotated[date, BeforeValidator(_iso_date)]

# The widest offset any time zone has (Kiribati, +14:00); a database refuses wider ones.
MAX_OFFSET = timedelta(hours=14)


def _moment(value: datetime) -> datetime:
    """A time in the years the platform deals in, with a real time zone's offset (or none:
    Swedish time); one with an offset is kept as UTC."""
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise PydanticCustomError(
            "datetime_offset", "Input should have an offset of at most 14 hours"
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError("datetime_range", "Input should be a time from 1900 to 2200")
    return value.astimezone(UTC) if offset is not None else value


Moment = Annotated[datetime, AfterValidator(_moment)]
Id = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
Amount = Annotated[
    Decimal, Field(gt=0, le=MAX_AMOUNT, max_digits=10, decimal_places=2, allow_inf_nan=False)
]

# The answers every operation may give besides its success.
ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers of an operation, for its `response=` mapping."""
    return {status: ErrorOut for status in statuses}


def file_response(content_type: str, description: str) -> dict:
    """`openapi_extra` for an operation that answers with a file (PDF, XML, CSV, …), so that
    the schema documents its 200 and its content type."""
    return {
        "responses": {
            "200": {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }
