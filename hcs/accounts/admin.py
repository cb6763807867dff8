from django.contrib import admin
from django.db import transaction

from hcs.accounts.models import ApiToken, MemberAccount
from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.lib.admin import BaseAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(BaseAdmin):
    """Tokens are created with `manage.py create_api_token`; here they can be seen and revoked."""

    list_display = ["user", "label", "created_at", "last_used_at"]
    fields = ["user", "label", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MemberAccount)
class MemberAccountAdmin(BaseAdmin):
    """Which organisation (and contact person) a login belongs to. Contact persons get theirs by
    an invitation from the secretariat's organisation page; here the administrator can make a
    planner's account without a person (create the user first, under Users)."""

    list_display = ["user", "organisation", "person", "planner", "created_at"]
    list_select_related = ["user", "organisation", "person"]
    list_filter = ["planner"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user", "person"]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
                obj=obj,
                changes={"organisation": [None, obj.organisation.code]},
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action=AuditEntry.Action.DELETE,
                obj=obj,
                changes={"organisation": [obj.organisation.code, None]},
            )
            super().delete_model(request, obj)
