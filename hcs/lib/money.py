"""Money as Swedish readers write it: "58 500 kr" (whole kronor, space as thousands separator)."""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"  # keeps "58 500 kr" on one line


def format_sek(amount: int | Decimal | None) -> str:
    if amount is None:
        return ""
    whole = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "−" if whole < 0 else ""
    digits = f"{abs(whole):,}".replace(",", NBSP)
    return f"{sign}{digits}{NBSP}kr"
