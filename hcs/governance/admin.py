from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from hcs.governance.models import (
    AnnualMeeting,
    AnnualMeetingDecision,
    BoardDecision,
    BoardMeeting,
    BoardTerm,
    Representation,
    RepresentationMeeting,
)
from hcs.governance.services import (
    annual_meeting_decision_delete,
    annual_meeting_decision_save,
    annual_meeting_delete,
    annual_meeting_save,
    board_decision_delete,
    board_decision_save,
    board_meeting_delete,
    board_meeting_save,
    board_term_check,
    board_term_delete,
    board_term_save,
    representation_check,
    representation_delete,
    representation_meeting_delete,
    representation_meeting_save,
    representation_save,
)
from hcs.lib.admin import PeriodStatusFilter, ServiceAdmin, StackedInline, TabularInline
from hcs.lib.forms import ModelForm


class BoardTermForm(ModelForm):
    class Meta:
        model = BoardTerm
        fields = [f.name for f in BoardTerm._meta.concrete_fields if f.editable and f.name != "id"]

    def _post_clean(self):
        super()._post_clean()
        if set(self.errors) - {NON_FIELD_ERRORS} or not self.instance.organisation_id:
            return
        try:
            board_term_check(self.instance)
        except ValidationError as error:
            # The service's message names the other term; it replaces the generic one of the
            # database constraint (one open chair term) that the form may have reported.
            self._errors.pop(NON_FIELD_ERRORS, None)
            self._update_errors(error)


class OnBoardFilter(PeriodStatusFilter):
    active_label = _("On the board today")


@admin.register(BoardTerm)
class BoardTermAdmin(ServiceAdmin):
    form = BoardTermForm
    list_display = ["person_name", "role", "party", "organisation", "start_date", "end_date"]
    list_filter = [OnBoardFilter, "role", "party"]
    search_fields = ["person_name", "organisation__name", "organisation__code"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    list_select_related = ["organisation"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["person_name", "role", "party", "organisation"]}),
        (
            _("Term"),
            {
                "fields": [
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "elected_at",
                ]
            },
        ),
        (None, {"fields": ["note", "user", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        board_term_save(term=obj, actor=request.user)

    def delete_model(self, request, obj):
        board_term_delete(term=obj, actor=request.user)


class BoardDecisionForm(ModelForm):
    class Meta:
        model = BoardDecision
        fields = ["number", "title", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, a new decision gets the meeting's next number (board_decision_save).
        self.fields["number"].required = False


class BoardDecisionInline(StackedInline):
    model = BoardDecision
    form = BoardDecisionForm
    extra = 0


@admin.register(BoardMeeting)
class BoardMeetingAdmin(ServiceAdmin):
    inlines = [BoardDecisionInline]
    list_display = ["__str__", "place", "decision_count"]
    list_filter = ["date_precision"]
    search_fields = ["place", "agenda", "minutes", "decisions__title"]
    date_hierarchy = "date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": [("date", "date_precision"), "place", "event"]}),
        (_("Agenda and minutes"), {"fields": ["agenda", "minutes", "minutes_document"]}),
        (None, {"fields": ["note", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("decisions"))
    def decision_count(self, obj):
        return obj.decisions.count()

    def save_model(self, request, obj, form, change):
        board_meeting_save(meeting=obj, actor=request.user)

    def delete_model(self, request, obj):
        board_meeting_delete(meeting=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        for decision in formset.save(commit=False):
            board_decision_save(decision=decision, actor=request.user)
        for decision in formset.deleted_objects:
            board_decision_delete(decision=decision, actor=request.user)


class AnnualMeetingDecisionForm(ModelForm):
    class Meta:
        model = AnnualMeetingDecision
        fields = ["number", "kind", "title", "text", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, a new decision gets the meeting's next number (annual_meeting_decision_save).
        self.fields["number"].required = False


class AnnualMeetingDecisionInline(StackedInline):
    model = AnnualMeetingDecision
    form = AnnualMeetingDecisionForm
    extra = 0


@admin.register(AnnualMeeting)
class AnnualMeetingAdmin(ServiceAdmin):
    inlines = [AnnualMeetingDecisionInline]
    list_display = ["date", "place", "decision_count"]
    search_fields = ["place", "note", "decisions__title"]
    date_hierarchy = "date"
    fields = ["date", "place", "event", "note"]

    @admin.display(description=_("decisions"))
    def decision_count(self, obj):
        return obj.decisions.count()

    def save_model(self, request, obj, form, change):
        annual_meeting_save(meeting=obj, actor=request.user)

    def delete_model(self, request, obj):
        annual_meeting_delete(meeting=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        for decision in formset.save(commit=False):
            annual_meeting_decision_save(decision=decision, actor=request.user)
        for decision in formset.deleted_objects:
            annual_meeting_decision_delete(decision=decision, actor=request.user)


class RepresentationForm(ModelForm):
    class Meta:
        model = Representation
        fields = [
            f.name for f in Representation._meta.concrete_fields if f.editable and f.name != "id"
        ]

    def _post_clean(self):
        super()._post_clean()
        if set(self.errors) - {NON_FIELD_ERRORS}:
            return
        try:
            representation_check(self.instance)
        except ValidationError as error:
            # The service's message names the field or the other seat; it replaces the generic
            # one of the database constraint that the form may have reported.
            self._errors.pop(NON_FIELD_ERRORS, None)
            self._update_errors(error)


class RepresentationMeetingInline(TabularInline):
    model = RepresentationMeeting
    fields = ["date", "date_precision", "digital", "place", "note"]
    extra = 0


class RepresentationActiveFilter(PeriodStatusFilter):
    active_label = _("Held today")


@admin.register(Representation)
class RepresentationAdmin(ServiceAdmin):
    form = RepresentationForm
    inlines = [RepresentationMeetingInline]
    list_display = ["person_name", "body", "role_description", "start_date", "end_date"]
    list_filter = [RepresentationActiveFilter, "body"]
    search_fields = ["person_name", "body_name", "role_description", "note"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["body", "body_name", "person_name", "role_description"]}),
        (
            _("Period"),
            {"fields": [("start_date", "start_precision"), ("end_date", "end_precision")]},
        ),
        (None, {"fields": ["note", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        representation_save(representation=obj, actor=request.user)

    def delete_model(self, request, obj):
        representation_delete(representation=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        for meeting in formset.save(commit=False):
            representation_meeting_save(meeting=meeting, actor=request.user)
        for meeting in formset.deleted_objects:
            representation_meeting_delete(meeting=meeting, actor=request.user)
