"""Learning examples (lärande exempel): good practice members share with each other.

A member's contact writes an example for their organisation (a draft), submits it, and the
secretariat approves it before anyone else sees it, or returns it with a note. An approved
example is seen by everyone when `public`, else by members only (hcs.accounts.access
`may_see_members_examples`). A member's change to an approved example is reviewed again.

Invariants: an example belongs to one organisation; its contact person, when named, is a
contact person of that organisation (services.py); `approved_at` is the first approval (the
example's date of publication, kept when a change is reviewed again); the search index holds
every example and is renewed by every save (search.py); the visibility rule is applied to the
results (queries.py).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hcs.contacts.models import ContactPerson
from hcs.lib.models import StoredFile
from hcs.organisations.models import Organisation

TITLE_MAX = 200
SUMMARY_MAX = 600
BODY_MAX = 30_000
LINKS_MAX = 10


class LearningExample(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Published")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="learning_examples",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    body = models.TextField(_("text"), max_length=BODY_MAX, blank=True)
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_examples",
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public: everyone sees it. Otherwise only the network's members."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("the secretariat's note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("published"), null=True, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=150, blank=True)
    # PostgreSQL only (the `swedish` configuration, a GIN index: migration 0002); on SQLite
    # the column stays empty and an FTS5 table holds the index (search.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("learning example")
        verbose_name_plural = _("learning examples")
        ordering = ["-approved_at", "-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The search vector is written by search.index() alone: a save of the other fields
        # must not put back the (empty) value this object was loaded or created with.
        if self.pk is not None and not kwargs.get("force_insert") and "update_fields" not in kwargs:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "search_vector"
            ]
        super().save(*args, **kwargs)


class Link(models.Model):
    example = models.ForeignKey(
        LearningExample,
        verbose_name=_("learning example"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("text"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["example", "position", "id"]

    def __str__(self) -> str:
        return self.label


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"larande-exempel/{instance.example_id}/{filename}"


class Attachment(StoredFile):
    """An image or PDF of an example, seen by whoever may see the example."""

    example = models.ForeignKey(
        LearningExample,
        verbose_name=_("learning example"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    description = models.CharField(_("description"), max_length=200)

    class Meta(StoredFile.Meta):
        pass
