"""Pure rules of invoicing: OCR references and an invoice's status."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import luhn


class Status(models.TextChoices):
    ISSUED = "issued", _("Issued")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    OVERDUE = "overdue", _("Overdue")
    CREDITED = "credited", _("Credited")
    CREDIT_NOTE = "credit_note", _("Credit note")
    INTERNAL = "internal", _("Internal transfer")


def org_digits(org_number: str) -> str:
    return "".join(c for c in org_number if c.isascii() and c.isdigit())


def is_host(org_number: str) -> bool:
    """The buyer is the seller itself: the host municipality, which keeps the network's
    accounts. An e-invoice to it would be sent to its own sender, so its fee is an internal
    transfer within its books."""
    seller = org_digits(settings.INVOICE_SELLER["org_number"])
    return bool(seller) and org_digits(org_number) == seller


def ocr_for(number: int) -> str:
    """The OCR reference of invoice `number`: the number, a length digit and a Luhn check digit.

    The length digit (the reference's length modulo 10, check digit included) lets Bankgirot
    check variable-length references ("hård kontroll").
    """
    base = str(number)
    with_length = base + str((len(base) + 2) % 10)
    return with_length + luhn.calc_check_digit(with_length)


def ocr_is_valid(reference: str) -> bool:
    reference = reference.strip()
    if not reference.isdigit() or len(reference) < 3:
        return False
    return luhn.is_valid(reference) and int(reference[-2]) == len(reference) % 10


def invoice_status(
    *,
    amount: Decimal,
    credited: Decimal,
    paid: Decimal,
    due_date: date,
    today: date,
    internal: bool = False,
) -> str:
    """Credited wholly, an internal transfer (settled when booked), paid, partly paid, overdue
    (past due and not paid) or issued."""
    owed = amount - credited
    if owed <= 0:
        return Status.CREDITED
    if internal:
        return Status.INTERNAL
    if paid >= owed:
        return Status.PAID
    if due_date < today:
        return Status.OVERDUE
    if paid > 0:
        return Status.PARTLY_PAID
    return Status.ISSUED
