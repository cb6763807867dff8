from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.contacts.models import ContactPerson, ContactRole
from hcs.contacts.services import (
    PERSONAL_FIELDS,
    contact_person_create,
    contact_person_update,
    contact_role_add,
    contact_role_delete,
    contact_role_update,
)
from hcs.lib.admin import ServiceAdmin, TabularInline
from hcs.lib.periods import in_effect, periods_overlap


class RoleFormSet(forms.BaseInlineFormSet):
    """Checks the roles against the person as edited in the same form, before anything is saved."""

    def clean(self):
        super().clean()
        person = self.instance
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        for data in kept:
            if data["kind"] == ContactRole.Kind.POLITICAL and not person.party:
                raise ValidationError(_("A political contact needs a party."))
            if data["kind"] == ContactRole.Kind.ADMINISTRATIVE and not person.title:
                raise ValidationError(_("An administrative contact needs a title."))
        for i, a in enumerate(kept):
            for b in kept[i + 1 :]:
                if a["kind"] == b["kind"] and periods_overlap(
                    a["start_date"], a.get("end_date"), b["start_date"], b.get("end_date")
                ):
                    raise ValidationError(_("Two periods of the same role overlap."))


class ContactRoleInline(TabularInline):
    model = ContactRole
    formset = RoleFormSet
    extra = 1
    fields = ["kind", "start_date", "end_date"]


class CurrentRoleFilter(admin.SimpleListFilter):
    title = _("current role")
    parameter_name = "roll"

    def lookups(self, request, model_admin):
        return [*ContactRole.Kind.choices, ("ingen", _("No current role"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        current = ContactRole.objects.filter(in_effect(today))
        if self.value() in ContactRole.Kind.values:
            ids = current.filter(kind=self.value()).values("person_id")
            return queryset.filter(pk__in=ids)
        if self.value() == "ingen":
            return queryset.exclude(pk__in=current.values("person_id"))
        return queryset


@admin.register(ContactPerson)
class ContactPersonAdmin(ServiceAdmin):
    change_form_template = "admin/contacts/contactperson/change_form.html"
    list_display = ["name", "organisation", "current_roles", "email", "erased"]
    list_filter = [CurrentRoleFilter, "organisation__kind"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    readonly_fields = ["erased_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "name", ("email", "phone")]}),
        (_("Role details"), {"fields": ["title", "party"]}),
        (_("History"), {"fields": ["erased_at", "created_at", "updated_at"]}),
    ]
    inlines = [ContactRoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description=_("current roles"))
    def current_roles(self, obj):
        today = timezone.localdate()
        return ", ".join(r.get_kind_display() for r in obj.roles.all() if r.is_active_on(today))

    @admin.display(boolean=True, description=_("erased"))
    def erased(self, obj):
        return obj.erased_at is not None

    def has_delete_permission(self, request, obj=None):
        # Removing a person is an erasure (GDPR), done from the person's page with its own check.
        return False

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in ["organisation", *PERSONAL_FIELDS]}
        if change:
            stored = ContactPerson.objects.get(pk=obj.pk)
            contact_person_update(person=stored, actor=request.user, **values)
        else:
            created = contact_person_create(actor=request.user, **values)
            obj.pk = created.pk
            obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        for deleted in formset.deleted_objects if hasattr(formset, "deleted_objects") else []:
            contact_role_delete(role=deleted, actor=request.user)
        for role_form in formset.forms:
            data = role_form.cleaned_data
            if not data or data.get("DELETE") or not role_form.has_changed():
                continue
            values = {name: data.get(name) for name in ("kind", "start_date", "end_date")}
            if role_form.instance.pk:
                contact_role_update(role=role_form.instance, actor=request.user, **values)
            else:
                contact_role_add(person=form.instance, actor=request.user, **values)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            formset.save(commit=False)  # fills deleted_objects; nothing is written here
            self.save_formset(request, form, formset, change)
