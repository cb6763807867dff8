"""Dates and money as Swedish readers write them."""

from datetime import date

from django.utils import translation

from hcs.lib.dates import DatePrecision, format_date
from hcs.lib.money import format_sek


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_money_in_swedish_format():
    assert _plain(format_sek(58500)) == "58 500 kr"
    assert _plain(format_sek(878050)) == "878 050 kr"
    assert _plain(format_sek(23400)) == "23 400 kr"
    assert _plain(format_sek(-29250)) == "−29 250 kr"
    assert format_sek(None) == ""


def test_dates_in_swedish_at_the_precision_they_are_known():
    with translation.override("sv"):
        assert format_date(date(2024, 3, 14)) == "14 mars 2024"
        assert format_date(date(2024, 6, 1), DatePrecision.MONTH) == "juni 2024"
        assert format_date(date(2023, 12, 31), DatePrecision.YEAR) == "2023"
        assert (
            format_date(date(2024, 1, 1), DatePrecision.ON_OR_BEFORE)
            == "1 januari 2024 eller tidigare"
        )


def test_dates_in_english():
    with translation.override("en"):
        assert format_date(date(2024, 3, 14)) == "March 14, 2024"
