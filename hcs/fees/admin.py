from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hcs.fees.models import FeeModel, FeeModelTier, FeeSchedule, FeeTier
from hcs.fees.services import (
    check_fee_model_tiers,
    check_tiers,
    fee_model_delete,
    fee_model_save,
    fee_schedule_save,
)
from hcs.lib.admin import ServiceAdmin, TabularInline


class TierFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        tiers = [
            (f.cleaned_data["min_population"], f.cleaned_data["amount"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        check_tiers(sorted(tiers))  # the form may list them in any order; the rule sees them sorted


class FeeTierInline(TabularInline):
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


def _model_tiers(forms) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The municipalities' and the regions' tiers in a fee model's inline forms, sorted."""
    groups: dict[str, list[tuple[int, int]]] = {"municipality": [], "region": []}
    for form in forms:
        data = form.cleaned_data
        if data and not data.get("DELETE"):
            groups[data["applies_to"]].append((data["min_population"], data["amount"]))
    return sorted(groups["municipality"]), sorted(groups["region"])


class ModelTierFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        model = self.instance  # already holds the main form's values
        if any(self.errors) or not model.kind or not model.region_kind:
            return
        tiers, region_tiers = _model_tiers(self.forms)
        check_fee_model_tiers(
            kind=model.kind, region_kind=model.region_kind, tiers=tiers, region_tiers=region_tiers
        )


class FeeModelTierInline(TabularInline):
    model = FeeModelTier
    formset = ModelTierFormSet
    extra = 1
    fields = ["applies_to", "min_population", "amount"]


@admin.register(FeeModel)
class FeeModelAdmin(ServiceAdmin):
    list_display = ["name", "year", "kind", "region_kind", "adopted_as"]
    list_filter = ["year", "kind", "region_kind"]
    search_fields = ["name", "description"]
    readonly_fields = ["adopted_as"]
    fieldsets = [
        (None, {"fields": ["name", "year", "description"]}),
        (_("Municipalities"), {"fields": ["kind", "per_inhabitant", "floor", "ceiling"]}),
        (
            _("Regions"),
            {
                "fields": [
                    "region_kind",
                    "region_amount",
                    "region_per_inhabitant",
                    "region_floor",
                    "region_ceiling",
                ]
            },
        ),
        (None, {"fields": ["rounding", "adopted_as"]}),
    ]
    inlines = [FeeModelTierInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.adopted_as_id:
            return False  # the record of a decision: seen, not changed
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.adopted_as_id:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        pass  # the model is saved with its tiers in save_related, in one service call

    def save_related(self, request, form, formsets, change):
        forms_ = []
        for formset in formsets:
            formset.save(commit=False)  # for the admin's change message; writes nothing
            forms_ += formset.forms
        tiers, region_tiers = _model_tiers(forms_)
        fee_model_save(
            model=form.instance, tiers=tiers, region_tiers=region_tiers, actor=request.user
        )

    def delete_model(self, request, obj):
        fee_model_delete(model=obj, actor=request.user)
