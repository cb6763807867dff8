from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.lib.forms import DateField, Form
from hcs.organisations.models import Organisation
from hcs.platskompassen.models import Round, ToolVersion

BACKGROUND_LABELS = {
    "age_band": _("Age band"),
    "gender": _("Gender"),
    "relation": _("Relation to the place (live, work, study, visit)"),
    "area": _("Area or postcode"),
}


class PlaceForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Member organisation"), queryset=Organisation.objects.order_by("name")
    )
    name = forms.CharField(label=_("Name of the place"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality (for a region's place)"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name"),
        required=False,
        help_text=_("A municipality's own places are in the municipality itself."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            # A planner creates places for their own organisation only.
            self.fields["organisation"].queryset = Organisation.objects.filter(pk=organisation.pk)
            self.fields["organisation"].initial = organisation
            self.fields["organisation"].widget = forms.HiddenInput()


class RoundForm(Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    introduction = forms.CharField(
        label=_("Introduction for the residents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens = DateField(label=_("Opens"))
    closes = DateField(label=_("Closes"))
    tool = forms.ModelChoiceField(
        label=_("Tool version"), queryset=ToolVersion.objects.all(), empty_label=None
    )
    mode = forms.ChoiceField(label=_("How answers are given"), choices=Round.Mode.choices)
    background_questions = forms.MultipleChoiceField(
        label=_("Background questions (optional, anonymous)"),
        required=False,
        choices=list(BACKGROUND_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    publish_results = forms.BooleanField(label=_("Results are public"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = ToolVersion.objects.filter(is_default=True).first()
        if default:
            self.fields["tool"].initial = default.pk
