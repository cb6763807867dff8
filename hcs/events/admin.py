from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hcs.events.models import Event, Registration
from hcs.events.services import event_delete, event_save
from hcs.lib.admin import ServiceAdmin, TabularInline


class RegistrationInline(TabularInline):
    """Registrations are made on the event's page and marked on the attendance page."""

    model = Registration
    fields = ["name", "organisation", "organisation_name", "role", "status", "attended"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ServiceAdmin):
    list_display = ["title", "kind", "starts", "audience", "capacity", "attendance_link"]
    list_filter = ["kind", "audience", "group"]
    search_fields = ["title", "place", "organiser"]
    date_hierarchy = "starts"
    filter_horizontal = ["partners"]
    autocomplete_fields = ["group"]
    inlines = [RegistrationInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "audience", "group", "description"]}),
        (
            _("When and where"),
            {"fields": ["starts", "ends", "all_day", "date_precision", "place", "online_url"]},
        ),
        (_("Organisers"), {"fields": ["organiser", "partners"]}),
        (
            _("Registration and participants"),
            {"fields": ["capacity", "registration_deadline", "participant_count"]},
        ),
    ]

    @admin.display(description=_("attendance"))
    def attendance_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("kansli_events:attendance", args=[obj.pk]),
            _("Mark attendance"),
        )

    def save_model(self, request, obj, form, change):
        # Saved in save_related, together with its partners, in one call to the service.
        pass

    def save_related(self, request, form, formsets, change):
        event_save(event=form.instance, actor=request.user, partners=form.cleaned_data["partners"])
        for formset in formsets:
            # The registrations are read-only here, so nothing is written; the admin's change
            # message reads what each formset saved (`new_objects`, …), which save() sets.
            formset.save(commit=False)

    def delete_model(self, request, obj):
        event_delete(event=obj, actor=request.user)
