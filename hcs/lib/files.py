"""Checks for uploaded documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_pdf(upload) -> None:
    """A decision document must be a PDF (by its content, not only its name) and not too large."""
    if upload.size > settings.MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_DOCUMENT_BYTES),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    header = upload.read(5)
    upload.seek(position)
    if header != b"%PDF-":
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
