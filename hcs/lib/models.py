"""Shared abstract models (no tables of their own); the module also lets `migrate` signal this
app (apps.py)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """An uploaded image or PDF kept with a record (a text of the site, a mailing): its safe
    name, its type as its content shows it, its size (hcs.lib.files.upload_facts). The subclass
    adds the `file` field with its own folder, and the record it belongs to."""

    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    file: Any  # the subclass's FileField

    def __str__(self) -> str:
        return self.name

    @contextmanager
    def stored(self, upload) -> Iterator["StoredFile"]:
        """Write `upload` to the file's folder and save the row; what the block does next (the
        audit entry) belongs to the same step. If the row or the block fails, the written file
        is removed again: no file without its row. Use inside the caller's transaction."""
        self.file.save(self.name, upload, save=False)
        try:
            self.save()
            yield self
        except BaseException:
            self.file.delete(save=False)
            raise
