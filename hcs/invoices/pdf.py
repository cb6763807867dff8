"""Invoices as PDF (WeasyPrint), in Swedish whatever the user's language: it is what is sent."""

import threading

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from hcs.invoices.models import Invoice
from hcs.invoices.peppol import OUTSIDE_VAT_TEXT

# WeasyPrint builds a font configuration for every document unless given one, and its native
# memory is never returned: a worker grew ~21 MB per 100 invoices (bench/invoices.py). One per
# thread keeps memory flat. WeasyPrint is imported when the first PDF is made, not when the app
# loads: it costs every worker ~25 MB (bench/platskompassen.py), most of which never make a PDF.
_local = threading.local()


def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


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
    from weasyprint import HTML

    return HTML(string=invoice_html(invoice)).write_pdf(font_config=_font_config())
