from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from hcs.audit.models import AuditEntry
from hcs.lib.admin import BaseAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(BaseAdmin):
    """The audit trail: read-only for everyone, the secretariat included."""

    list_display = ["at", "actor_name", "action", "content_type", "object_repr", "summary"]
    list_filter = ["action", "content_type", "at"]
    search_fields = ["object_repr", "actor_name", "message"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    fields = [
        "at",
        "actor_name",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "message",
        "changes_table",
    ]
    readonly_fields = fields

    @admin.display(description=_("changes"))
    def summary(self, obj):
        return ", ".join(obj.changes)[:120]

    @admin.display(description=_("changes"))
    def changes_table(self, obj):
        return format_html_join(
            "\n",
            "<div><strong>{}</strong>: {} → {}</div>",
            ((name, _show(values[0]), _show(values[1])) for name, values in obj.changes.items()),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _show(value):
    return "–" if value in (None, "") else value
