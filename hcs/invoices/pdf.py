"""Invoices as PDF (WeasyPrint), in Swedish whatever the user's language: it is what is sent."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from hcs.invoices.models import Invoice
from hcs.invoices.peppol import OUTSIDE_VAT_TEXT


def invoice_pdf(invoice: Invoice) -> bytes:
    with translation.override("sv"):
        html = render_to_string(
            "invoices/invoice_pdf.html",
            {
                "invoice": invoice,
                "organisation": invoice.organisation,
                "seller": settings.INVOICE_SELLER,
                "vat_text": OUTSIDE_VAT_TEXT,
            },
        )
    return HTML(string=html).write_pdf()
