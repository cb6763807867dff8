"""Shared pieces for admin classes whose writes go through the services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from hcs.lib.errors import messages_of


class ServiceAdmin(admin.ModelAdmin):
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
