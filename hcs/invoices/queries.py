"""Reads of invoices with their payment status, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from hcs.invoices.models import Invoice, Payment
from hcs.invoices.rules import Status, invoice_status


@dataclass(frozen=True)
class InvoiceRow:
    invoice: Invoice
    credited: Decimal
    paid: Decimal
    status: str

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def settled(self) -> Decimal:
        """What is paid: the payments, or the whole amount owed for an internal transfer,
        which is settled when it is booked."""
        if self.invoice.internal_transfer and not self.invoice.is_credit_note:
            return max(Decimal(0), self.invoice.amount - self.credited)
        return self.paid

    @property
    def outstanding(self) -> Decimal:
        if self.invoice.is_credit_note:
            return Decimal(0)
        return max(Decimal(0), self.invoice.amount - self.credited - self.settled)


def invoice_rows(queryset, today: date) -> list[InvoiceRow]:
    """Invoices with what has been credited and paid, and their status on `today` (1 query)."""
    credited = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk"))
        .order_by()
        .values("credited_invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    paid = (
        Payment.objects.filter(invoice=OuterRef("pk"))
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    annotated = queryset.select_related("organisation", "credited_invoice").annotate(
        credited_total=Coalesce(Subquery(credited[:1]), Value(Decimal(0)), output_field=money),
        paid_total=Coalesce(Subquery(paid[:1]), Value(Decimal(0)), output_field=money),
    )
    rows = []
    for invoice in annotated:
        status = (
            Status.CREDIT_NOTE
            if invoice.is_credit_note
            else invoice_status(
                amount=invoice.amount,
                credited=invoice.credited_total,
                paid=invoice.paid_total,
                due_date=invoice.due_date,
                today=today,
                internal=invoice.internal_transfer,
            )
        )
        rows.append(InvoiceRow(invoice, invoice.credited_total, invoice.paid_total, status))
    return rows


def overdue_invoices(today: date) -> list[InvoiceRow]:
    """Every year's invoices that are past due and not paid in full, oldest due first
    (1 query)."""
    candidates = Invoice.objects.filter(
        kind=Invoice.Kind.INVOICE, internal_transfer=False, due_date__lt=today
    ).order_by("due_date", "number")
    return [row for row in invoice_rows(candidates, today) if row.status == Status.OVERDUE]
