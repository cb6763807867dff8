from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.lib.admin import ServiceAdmin, TabularInline
from hcs.lib.periods import in_effect
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation, Population
from hcs.organisations.services import EDITABLE_FIELDS, organisation_update


class MemberStatusFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "medlem"

    def lookups(self, request, model_admin):
        return [("nu", _("Member today")), ("tidigare", _("Former member")), ("aldrig", _("Never"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        current = Membership.objects.filter(in_effect(today), organisation=OuterRef("pk"))
        ever = Membership.objects.filter(organisation=OuterRef("pk"))
        if self.value() == "nu":
            return queryset.filter(Exists(current))
        if self.value() == "tidigare":
            return queryset.filter(Exists(ever), ~Exists(current))
        if self.value() == "aldrig":
            return queryset.filter(~Exists(ever))
        return queryset


class PopulationInline(TabularInline):
    model = Population
    extra = 0
    fields = ["year", "population", "source"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    fields = ["start_date", "start_precision", "end_date", "end_precision", "join_decision_date"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ["name", "code", "kind", "county_name", "website"]
    list_filter = [MemberStatusFilter, "kind", "county_name"]
    search_fields = ["name", "code", "org_number"]
    readonly_fields = ["code", "kind", "county_code", "county_name", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "code", "kind", "county_code", "county_name"]}),
        (_("Contact details"), {"fields": ["website", "org_number", "updated_at"]}),
        (
            _("Invoicing"),
            {
                "fields": [
                    "invoice_reference",
                    "invoice_street",
                    ("invoice_postal_code", "invoice_city"),
                ]
            },
        ),
    ]
    inlines = [MembershipInline, PopulationInline]

    # Organisations come from SCB's reference data (manage.py load_reference_data).
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {
            name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.changed_data
        }
        if values:
            organisation_update(organisation=obj, actor=request.user, **values)
