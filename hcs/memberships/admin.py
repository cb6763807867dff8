from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.admin import PeriodStatusFilter, ServiceAdmin
from hcs.lib.dates import DatePrecision
from hcs.lib.forms import ModelForm
from hcs.memberships.models import Membership
from hcs.memberships.services import membership_check, membership_delete, membership_save


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = [f.name for f in Membership._meta.concrete_fields if f.editable and f.name != "id"]

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.instance.organisation_id:
            return
        try:
            membership_check(self.instance)
        except ValidationError as error:
            self._update_errors(error)


class ApproximateFilter(admin.SimpleListFilter):
    title = _("dates")
    parameter_name = "ungefarligt"

    def lookups(self, request, model_admin):
        return [("ja", _("Approximate")), ("nej", _("Exact"))]

    def queryset(self, request, queryset):
        approximate = ~Q(start_precision=DatePrecision.DAY) | (
            Q(end_date__isnull=False) & ~Q(end_precision=DatePrecision.DAY)
        )
        if self.value() == "ja":
            return queryset.filter(approximate)
        if self.value() == "nej":
            return queryset.exclude(approximate)
        return queryset


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    form = MembershipForm
    list_display = ["organisation", "start_date", "end_date", "approximate", "has_joining_decision"]
    list_filter = [PeriodStatusFilter, ApproximateFilter, "organisation__kind"]
    search_fields = [
        "organisation__name",
        "organisation__code",
        "join_decision_registry_number",
        "exit_decision_registry_number",
    ]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            _("Period"),
            {
                "fields": [
                    "organisation",
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                ]
            },
        ),
        (
            _("Joining decision"),
            {
                "fields": [
                    ("join_decision_body", "join_decision_date"),
                    ("join_decision_paragraph", "join_decision_registry_number"),
                    "join_decision_document",
                ]
            },
        ),
        (
            _("Exit decision"),
            {
                "fields": [
                    ("exit_decision_body", "exit_decision_date"),
                    ("exit_decision_paragraph", "exit_decision_registry_number"),
                    "exit_decision_document",
                ]
            },
        ),
        (None, {"fields": ["note", "created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description=_("approximate dates"))
    def approximate(self, obj):
        return obj.is_approximate

    @admin.display(boolean=True, description=_("joining decision recorded"))
    def has_joining_decision(self, obj):
        return obj.join_decision_date is not None

    def save_model(self, request, obj, form, change):
        membership_save(membership=obj, actor=request.user)

    def delete_model(self, request, obj):
        membership_delete(membership=obj, actor=request.user)
