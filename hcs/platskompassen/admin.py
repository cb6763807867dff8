"""Tool versions (themes, questions, scale) are data: the children's, young people's and Climate
Lens versions are added here without code. Places and rounds are shown; answers are anonymous
and are not edited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hcs.lib.admin import ServiceAdmin, StackedInline, TabularInline
from hcs.platskompassen.models import Place, Round, Theme, ToolVersion
from hcs.platskompassen.services import record_delete, record_save


class AuditedAdmin(ServiceAdmin):
    """Saves and deletes in the admin go through the services, each with its audit entry (the
    fields before and after); no bulk delete (ServiceAdmin): a round's answers are never
    deleted by the dozen, nor without a trace."""

    def save_model(self, request, obj, form, change):
        record_save(obj=obj, actor=request.user)

    def delete_model(self, request, obj):
        record_delete(obj=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            record_save(obj=obj, actor=request.user)
        for obj in formset.deleted_objects:
            record_delete(obj=obj, actor=request.user)
        formset.save_m2m()


class ThemeInline(StackedInline):
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


class RoundInline(TabularInline):
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
