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
