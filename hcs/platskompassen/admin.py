"""Tool versions (themes, questions, scale) are data: the children's, young people's and Climate
Lens versions are added here without code. Places and rounds are shown; answers are anonymous
and are not edited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.platskompassen.models import Place, Round, Theme, ToolVersion


class AuditedAdmin(admin.ModelAdmin):
    """Saves and deletes in the admin leave an entry in the audit trail, like the services."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=obj,
            changes={name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data},
        )

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=AuditEntry.Action.DELETE, obj=obj)
        super().delete_model(request, obj)


class ThemeInline(admin.StackedInline):
    model = Theme
    extra = 0
    fields = [
        ("position", "key"),
        ("name", "name_en"),
        "question",
        "question_en",
        ("prompts", "prompts_en"),
    ]


@admin.register(ToolVersion)
class ToolVersionAdmin(AuditedAdmin):
    list_display = ["name", "key", "scale_max", "is_default"]
    inlines = [ThemeInline]
    fieldsets = [
        (None, {"fields": [("name", "name_en"), "key", "scale_max", "is_default"]}),
        (
            _("Texts"),
            {
                "fields": [
                    ("low_label", "low_label_en"),
                    ("high_label", "high_label_en"),
                    ("good_question", "good_question_en"),
                    ("better_question", "better_question_en"),
                ]
            },
        ),
    ]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    fields = ["title", "opens", "closes", "tool", "mode", "publish_results", "slug"]
    readonly_fields = ["slug"]
    show_change_link = True


@admin.register(Place)
class PlaceAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "municipality", "created_at"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation", "municipality"]
    inlines = [RoundInline]


@admin.register(Round)
class RoundAdmin(AuditedAdmin):
    list_display = ["title", "place", "opens", "closes", "mode", "publish_results"]
    list_filter = ["mode", "publish_results"]
    search_fields = ["title", "place__name", "slug"]
    readonly_fields = ["slug", "created_at"]
    autocomplete_fields = ["place"]
