"""Checks for uploaded documents and images."""

from dataclasses import dataclass

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


IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"GIF87a": ("image/gif", ".gif"),
    b"GIF89a": ("image/gif", ".gif"),
}


def image_or_pdf(upload) -> tuple[str, str, str]:
    """("image" or "pdf", content type, extension) of an upload, judged by its content (never
    its name: an SVG or an HTML file named .png is refused); a PDF is also checked for size."""
    upload.seek(0)
    header = upload.read(16)
    upload.seek(0)
    if header.startswith(b"%PDF-"):
        validate_pdf(upload)
        return "pdf", "application/pdf", ".pdf"
    for signature, (content_type, extension) in IMAGE_SIGNATURES.items():
        if header.startswith(signature):
            return "image", content_type, extension
    if header.startswith(b"RIFF") and header[8:12] == b"WEBP":
        return "image", "image/webp", ".webp"
    raise ValidationError(
        _("The file must be an image (PNG, JPEG, GIF, WebP) or a PDF document."),
        code="file_type",
    )


def file_name(name: str, extension: str) -> str:
    """A safe file name: the upload's stem in ASCII lower case, and the extension its content
    gives."""
    from django.utils.text import slugify

    stem = slugify((name or "fil").rsplit(".", 1)[0])[:60] or "fil"
    return f"{stem}{extension}"


@dataclass(frozen=True)
class UploadFacts:
    kind: str  # "image" or "pdf"
    name: str
    content_type: str
    size: int


def upload_facts(upload) -> UploadFacts:
    """What an uploaded image or PDF is, judged by its content, with the safe name to store it
    under; ValidationError for another kind of file or one over MAX_DOCUMENT_BYTES."""
    size = upload.size or 0
    if size > settings.MAX_DOCUMENT_BYTES:
        validate_pdf(upload)  # names the size and the limit
    kind, content_type, extension = image_or_pdf(upload)
    return UploadFacts(kind, file_name(upload.name or "", extension), content_type, size)


def description_problem(description: str, kind: str) -> str | None:
    """What is wrong with the description of an uploaded image or PDF (`kind`), or None: an
    image says what it shows (read aloud to those who cannot see it), a document its title,
    on one line of at most 200 characters."""
    from hcs.lib.text import forbidden_character

    if not description:
        if kind == "image":
            return _("Description: say what the image shows.")
        return _("Description: give the document's title.")
    if len(description) > 200 or forbidden_character(description):
        return _("Description: at most 200 characters on one line.")
    return None
