from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.criteria.models import Assessment, Status
from hcs.lib.forms import DateField, Form, ModelForm, YearField
from hcs.organisations.models import Organisation


class ComplianceFilter(Form):
    ar = YearField(label=_("Year"), min_value=2004, max_value=2100, required=False)
    typ = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *Organisation.Kind.choices],
    )
    kriterium = forms.SlugField(label=_("Criterion"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )


class AssessmentForm(ModelForm):
    evidence_url = forms.URLField(
        label=_("evidence (web address)"), required=False, max_length=500, assume_scheme="https"
    )
    assessed_on = DateField(label=_("assessed on"))

    class Meta:
        model = Assessment
        fields = ["status", "assessed_on", "evidence_url", "note"]
        widgets = {
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        # The service validates (with the criterion and member) when saving.
        pass
