from django import forms
from django.contrib import admin

from hcs.fees.models import FeeSchedule, FeeTier
from hcs.fees.services import check_tiers, fee_schedule_save
from hcs.lib.admin import ServiceAdmin


class TierFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        tiers = [
            (f.cleaned_data["min_population"], f.cleaned_data["amount"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        check_tiers(sorted(tiers))  # the form may list them in any order; the rule sees them sorted


class FeeTierInline(admin.TabularInline):
    model = FeeTier
    formset = TierFormSet
    extra = 1
    fields = ["min_population", "amount"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(ServiceAdmin):
    list_display = ["year", "region_amount", "population_year", "proration", "index_percent"]
    readonly_fields = ["based_on", "index_percent"]
    fieldsets = [
        (None, {"fields": ["year", "region_amount", "population_year"]}),
        (None, {"fields": ["proration", "leaving", "rounding"]}),
        (None, {"fields": ["decision", "note", "based_on", "index_percent"]}),
    ]
    inlines = [FeeTierInline]

    def has_delete_permission(self, request, obj=None):
        return False  # a year's fees are a decision; correct them, do not delete them

    def save_model(self, request, obj, form, change):
        pass  # the schedule is saved with its tiers in save_related, in one service call

    def save_related(self, request, form, formsets, change):
        tiers = []
        for formset in formsets:
            formset.save(commit=False)  # for the admin's change message; writes nothing
            for tier_form in formset.forms:
                data = tier_form.cleaned_data
                if data and not data.get("DELETE"):
                    tiers.append((data["min_population"], data["amount"]))
        fee_schedule_save(schedule=form.instance, tiers=sorted(tiers), actor=request.user)
