from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.groups.models import Group, GroupParticipant
from hcs.groups.services import (
    group_check,
    group_delete,
    group_save,
    participant_check,
    participant_delete,
    participant_save,
)
from hcs.lib.admin import PeriodStatusFilter, ServiceAdmin, TabularInline
from hcs.lib.dates import format_date
from hcs.lib.forms import ModelForm
from hcs.lib.periods import in_effect


def _replace_errors(form: ModelForm, check, obj) -> None:
    try:
        check(obj)
    except ValidationError as error:
        # The service's message names the conflict; it replaces the generic one of the
        # database constraint that the form may have reported.
        form._errors.pop(NON_FIELD_ERRORS, None)
        form._update_errors(error)


class GroupForm(ModelForm):
    class Meta:
        model = Group
        fields = [f.name for f in Group._meta.concrete_fields if f.editable and f.name != "id"]

    def _post_clean(self):
        super()._post_clean()
        if set(self.errors) - {NON_FIELD_ERRORS}:
            return
        _replace_errors(self, group_check, self.instance)


class ParticipantForm(ModelForm):
    class Meta:
        model = GroupParticipant
        fields = [
            "person_name",
            "email",
            "organisation",
            "organisation_name",
            "role",
            "start_date",
            "end_date",
        ]

    def _post_clean(self):
        super()._post_clean()
        # Unchanged rows are not saved; closing the group ends them (services.group_save).
        if not self.has_changed() or set(self.errors) - {NON_FIELD_ERRORS}:
            return
        if self.cleaned_data.get("DELETE"):
            return
        _replace_errors(self, participant_check, self.instance)


class ParticipantInline(TabularInline):
    model = GroupParticipant
    form = ParticipantForm
    extra = 0
    autocomplete_fields = ["organisation"]
    ordering = ["-end_date", "start_date", "person_name"]


@admin.register(Group)
class GroupAdmin(ServiceAdmin):
    form = GroupForm
    inlines = [ParticipantInline]
    list_display = ["name", "kind", "since", "closed", "participants_today"]
    list_filter = [PeriodStatusFilter, "kind"]
    search_fields = [
        "name",
        "purpose",
        "participants__person_name",
        "participants__organisation__name",
        "participants__organisation_name",
    ]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "purpose"]}),
        (
            _("Period"),
            {"fields": [("start_date", "start_precision"), ("end_date", "end_precision")]},
        ),
        (None, {"fields": ["note", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        today = timezone.localdate()
        current = in_effect(today, through="participants__")
        return (
            super()
            .get_queryset(request)
            .annotate(participant_count=Count("participants", filter=current))
        )

    @admin.display(description=_("from"), ordering="start_date")
    def since(self, obj):
        return format_date(obj.start_date, obj.start_precision)

    @admin.display(description=_("closed on"), ordering="end_date")
    def closed(self, obj):
        return format_date(obj.end_date, obj.end_precision) or "–"

    @admin.display(description=_("participants today"), ordering="participant_count")
    def participants_today(self, obj):
        return obj.participant_count

    def save_model(self, request, obj, form, change):
        group_save(group=obj, actor=request.user)

    def delete_model(self, request, obj):
        group_delete(group=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        changed = formset.save(commit=False)  # fills deleted_objects; nothing is written here
        for participant in formset.deleted_objects:
            participant_delete(participant=participant, actor=request.user)
        for participant in changed:
            participant_save(participant=participant, actor=request.user)
