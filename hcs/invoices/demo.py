"""The 2024 fee invoices of the demo network, and their payments.

The sources give the year's fee revenue (878 050 kr), not who paid when: the demo invoices every
2024 member on 1 March 2024 and records payment in full for all but two, one of which paid half,
so that the compliance view's fee criterion shows both outcomes."""

from datetime import date
from decimal import Decimal

from hcs.invoices.models import Invoice
from hcs.invoices.services import invoices_generate, payment_register

ISSUED_ON = date(2024, 3, 1)
PAID_ON = date(2024, 3, 28)
UNPAID = {"1470"}  # Vara
PAID_HALF = {"2080"}  # Falun


def load_invoices_demo(actor) -> dict[str, int]:
    report = {"invoices": 0, "payments": 0}
    if Invoice.objects.filter(year=2024).exists():
        return report
    generated = invoices_generate(year=2024, actor=actor, issue_date=ISSUED_ON)
    report["invoices"] = len(generated.created)
    for invoice in Invoice.objects.filter(year=2024).select_related("organisation"):
        code = invoice.organisation.code
        if code in UNPAID or invoice.internal_transfer:  # the host's fee is booked internally
            continue
        amount = invoice.amount / 2 if code in PAID_HALF else invoice.amount
        payment_register(
            ocr=invoice.ocr,
            amount=amount.quantize(Decimal("0.01")),
            paid_on=PAID_ON,
            actor=actor,
            note="Demo",
        )
        report["payments"] += 1
    return report
