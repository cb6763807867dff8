from django import forms
from django.contrib import admin

from hcs.lib.admin import ServiceAdmin, TabularInline
from hcs.reports.models import BudgetLine, FinancialYear
from hcs.reports.services import (
    BudgetLineData,
    check_budget_lines,
    financial_year_delete,
    financial_year_save,
)


def _lines(line_forms) -> list[BudgetLineData]:
    return [
        BudgetLineData(
            kind=data["kind"],
            label=data["label"],
            budget=data["budget"],
            outcome=data.get("outcome"),
            from_fees=data.get("from_fees", False),
        )
        for data in (form.cleaned_data for form in line_forms)
        if data and not data.get("DELETE")
    ]


class BudgetLineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not any(self.errors):
            check_budget_lines(_lines(self.forms))


class BudgetLineInline(TabularInline):
    model = BudgetLine
    formset = BudgetLineFormSet
    extra = 1
    fields = ["kind", "label", "budget", "outcome", "from_fees"]


@admin.register(FinancialYear)
class FinancialYearAdmin(ServiceAdmin):
    list_display = ["year", "opening_equity"]
    fields = ["year", "opening_equity", "note"]
    inlines = [BudgetLineInline]

    def save_model(self, request, obj, form, change):
        pass  # the year is saved with its lines in save_related, in one service call

    def save_related(self, request, form, formsets, change):
        line_forms = []
        for formset in formsets:
            formset.save(commit=False)  # for the admin's change message; writes nothing
            line_forms += formset.forms
        financial_year_save(
            financial_year=form.instance, lines=_lines(line_forms), actor=request.user
        )

    def delete_model(self, request, obj):
        financial_year_delete(financial_year=obj, actor=request.user)
