from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.events.forms import LocalDateTimeField
from hcs.governance.models import AnnualMeeting, AnnualMeetingDecision, BoardMeeting, BoardTerm
from hcs.lib.forms import DateField, Form, ModelForm
from hcs.organisations.models import Organisation


class TermForm(ModelForm):
    start_date = DateField(label=_("From"))
    end_date = DateField(label=_("Until (the last day)"), required=False)

    class Meta:
        model = BoardTerm
        fields = [
            "person_name",
            "role",
            "party",
            "organisation",
            "start_date",
            "end_date",
            "elected_at",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class TermEndForm(Form):
    end_date = DateField(label=_("Last day on the board"))


class MeetingForm(Form):
    """A new meeting (board or annual): when, where, and its agenda."""

    starts = LocalDateTimeField(label=_("Starts"))
    ends = LocalDateTimeField(label=_("Ends"))
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    online_url = forms.URLField(
        label=_("digital link"), max_length=200, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("An event cannot end before it starts."))
        return data


class BoardMeetingForm(ModelForm):
    class Meta:
        model = BoardMeeting
        fields = ["place", "agenda", "minutes", "minutes_document"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }


class AnnualMeetingForm(ModelForm):
    class Meta:
        model = AnnualMeeting
        fields = ["place", "agenda", "note"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Decision"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnnualDecisionForm(DecisionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AnnualMeetingDecision.Kind.choices)
    field_order = ["kind", "title", "text"]
