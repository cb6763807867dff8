"""The public website's texts: pages, news, publications and members' voices.

An `Entry` is one text of the site; its words live in `Revision`s. Every save adds a revision
(nothing is overwritten, so the history can be read and any version restored); `Entry.live` is
the revision the public sees, or none while the entry is a draft or taken down. A newer
revision than the live one is a draft of changes, which the public does not see until it is
published. Images and PDFs belong to an entry as `Attachment`s.

Invariants (database): a slug is unique within its kind; the live revision belongs to its
entry (services.py: `revision_publish` only publishes the entry's own revisions).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hcs.lib.models import StoredFile

TITLE_MAX = 200
SUMMARY_MAX = 300
BODY_MAX = 60_000


class Entry(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Page")
        NEWS = "news", _("News")
        PUBLICATION = "publication", _("Publication")
        QUOTE = "quote", _("Member's voice")

    class Category(models.TextChoices):
        POSITION = "position", _("Position statement")
        OP_ED = "op_ed", _("Op-ed")
        CONSULTATION = "consultation", _("Consultation response")
        ANNUAL_REPORT = "annual_report", _("Annual report")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        help_text=_("The last part of the page's address: lower-case letters, digits, hyphens."),
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    dated = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The date the news or publication is shown with."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    live = models.OneToOneField(
        "Revision",
        verbose_name=_("published version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_of",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("text of the website")
        verbose_name_plural = _("texts of the website")
        ordering = ["kind", "position", "-dated", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "slug"],
                name="content_entry_slug_unique_per_kind",
                violation_error_message=_("Another text of this kind has that address."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.slug}"


class Revision(models.Model):
    """One version of an entry's words, in Swedish and English. Never changed once saved."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("text"), on_delete=models.CASCADE, related_name="revisions"
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=TITLE_MAX)
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX, blank=True)
    summary_sv = models.CharField(_("summary (Swedish)"), max_length=SUMMARY_MAX, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=SUMMARY_MAX, blank=True)
    body_sv = models.TextField(_("text (Swedish)"), blank=True, max_length=BODY_MAX)
    body_en = models.TextField(_("text (English)"), blank=True, max_length=BODY_MAX)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_name = models.CharField(_("by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    TEXT_FIELDS = ("title_sv", "title_en", "summary_sv", "summary_en", "body_sv", "body_en")

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title_sv

    def _in(self, name: str, language: str | None = None) -> str:
        """The field in the visitor's language, Swedish where the English is missing."""
        if (language or get_language() or "sv").startswith("en"):
            english = getattr(self, f"{name}_en")
            if english:
                return english
        return getattr(self, f"{name}_sv")

    @property
    def title(self) -> str:
        return self._in("title")

    @property
    def summary(self) -> str:
        return self._in("summary")

    @property
    def body(self) -> str:
        return self._in("body")

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.TEXT_FIELDS}


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"innehall/{instance.entry_id}/{filename}"


class Attachment(StoredFile):
    """An image or PDF of an entry, shown at /filer/<id>/<name> once the entry is published."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF document")

    entry = models.ForeignKey(
        Entry, verbose_name=_("text"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    description = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("For an image: what it shows (read aloud to those who cannot see it)."),
    )

    class Meta(StoredFile.Meta):
        pass


MESSAGE_MAX_LENGTH = 5000


class ContactMessage(models.Model):
    """A message sent with the form on /kontakt/, kept until the secretariat has handled it.

    Personal data (GDPR): the sender's name, address and organisation, stored with their
    consent; part of the person's export and erasure (hcs.contacts.gdpr); the secretariat
    erases a message when it no longer needs keeping (`services.contact_message_erase`)."""

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    consent_at = models.DateTimeField(_("consent to storing it given"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.CharField(_("handled by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("message from the contact form")
        verbose_name_plural = _("messages from the contact form")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Message from %(name)s") % {"name": self.name}
