"""Dates that the sources give only roughly, and how to show them."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact date")
    MONTH = "month", _("month known, day not")
    YEAR = "year", _("year known, date not")
    ON_OR_BEFORE = "on_or_before", _("on or before this date")


def format_date(day: date | datetime | None, precision: str = DatePrecision.DAY) -> str:
    """A date as a Swedish reader expects it, at the precision it is known.

    "14 mars 2024"; "juni 2024"; "2023"; "1 januari 2024 eller tidigare". A moment (an event's
    start) is read on Stockholm's clock first: midnight on 1 December is 30 November in UTC.
    """
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    # A table of a few hundred rows repeats a few dates thousands of times.
    return _format_date(day, str(precision), get_language())


@lru_cache(maxsize=4096)
def _format_date(day: date, precision: str, language: str | None) -> str:
    if precision == DatePrecision.MONTH:
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    if precision == DatePrecision.YEAR:
        return str(day.year)
    text = formats.date_format(day, "DATE_FORMAT")
    if precision == DatePrecision.ON_OR_BEFORE:
        return str(_("%(date)s or earlier") % {"date": text})
    return text


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first moment of `day` and of the day after, in Swedish time (the platform's time
    zone): a day is not 24 hours long when the clocks change."""
    return (
        timezone.make_aware(datetime.combine(day, time.min)),
        timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)),
    )
