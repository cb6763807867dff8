"""Invoices as PDF (WeasyPrint), in Swedish whatever the user's language: it is what is sent."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from hcs.invoices.models import Invoice
from hcs.invoices.peppol import OUTSIDE_VAT_TEXT
from hcs.lib.pdf import html_to_pdf


def invoice_html(invoice: Invoice) -> str:
    """The document as HTML, before it becomes the PDF."""
    with translation.override("sv"):
        return render_to_string(
            "invoices/invoice_pdf.html",
            {
                "invoice": invoice,
                "organisation": invoice.organisation,
                "seller": settings.INVOICE_SELLER,
                "vat_text": OUTSIDE_VAT_TEXT,
            },
        )


def invoice_pdf(invoice: Invoice) -> bytes:
    return html_to_pdf(invoice_html(invoice))
