"""Shared pieces for admin classes whose writes go through the services."""

from collections.abc import Mapping
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.lib.errors import messages_of
from hcs.lib.forms import ModelForm
from hcs.lib.periods import in_effect

# A web address typed without a scheme ("www.lund.se") means https.
URL_FIELDS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class BaseAdmin(admin.ModelAdmin):
    """The base of every admin of the platform: its forms apply the text rule (hcs.lib.text)."""

    form = ModelForm
    formfield_overrides = URL_FIELDS


class TabularInline(admin.TabularInline):
    form = ModelForm
    formfield_overrides = URL_FIELDS


class StackedInline(admin.StackedInline):
    form = ModelForm
    formfield_overrides = URL_FIELDS


class ServiceAdmin(BaseAdmin):
    """A ModelAdmin whose saves call services; a refused write becomes a message, not a crash.

    The admin's change view runs in one transaction, so when a service refuses a write
    (ValidationError), everything the request had done is rolled back before the message shows.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            return self._refused(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error)

    def _refused(self, request, error: ValidationError):
        for message in messages_of(error):
            self.message_user(request, message, level=messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def get_actions(self, request):
        # The bulk delete action would bypass the services and the audit trail.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class PeriodStatusFilter(admin.SimpleListFilter):
    """Filter rows with a start and end date: in effect today, or ended. Subclasses name the
    first choice ("Active today", "On the board today")."""

    title = _("status")
    parameter_name = "status"
    active_label = _("Active today")

    def lookups(self, request, model_admin):
        return [("aktiv", self.active_label), ("avslutad", _("Ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "aktiv":
            return queryset.filter(in_effect(today))
        if self.value() == "avslutad":
            return queryset.filter(end_date__lt=today)
        return queryset
