"""HTML to PDF with WeasyPrint, one way for every document the platform makes.

WeasyPrint builds a font configuration for every document unless given one, and its native
memory is never returned: a worker grew ~21 MB per 100 invoices (bench/invoices.py). One per
thread keeps memory flat. WeasyPrint is imported when the first PDF is made, not when the app
loads: it costs every worker ~25 MB (bench/platskompassen.py), most of which never make a PDF.
"""

import threading

_local = threading.local()


def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


def html_to_pdf(html: str, *, tagged: bool = False) -> bytes:
    """The PDF of `html`; `tagged` adds the structure tags a screen reader follows (PDF/UA
    where WeasyPrint can)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf(font_config=_font_config(), pdf_tags=tagged)
