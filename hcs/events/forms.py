from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.events.models import Registration
from hcs.organisations.models import Organisation


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.ModelChoiceField(
        label=_("Municipality or region"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Another organisation"),
    )
    organisation_name = forms.CharField(
        label=_("Other organisation"), max_length=200, required=False
    )
    role = forms.ChoiceField(label=_("I take part as"), choices=Registration.Role.choices)
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("The form could not be sent."))
        return ""


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Takes part as"),
        choices=[
            (Registration.Role.POLITICIAN, Registration.Role.POLITICIAN.label),
            (Registration.Role.OFFICIAL, Registration.Role.OFFICIAL.label),
        ],
    )


# Five rows to fill; empty rows are ignored, at least one is needed.
ParticipantFormSet = forms.formset_factory(
    ParticipantForm, extra=5, max_num=30, validate_max=True, min_num=1, validate_min=True
)


class AttendeeForm(RegistrationForm):
    """Someone who took part without registering, recorded by the secretariat afterwards."""

    role = forms.ChoiceField(label=_("Took part as"), choices=Registration.Role.choices)
