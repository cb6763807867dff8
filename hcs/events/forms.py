from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.events.models import Registration
from hcs.lib.forms import Form
from hcs.organisations.models import Organisation


class RegistrationForm(Form):
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

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The event's own questions, after the role and before the honeypot.
        website = self.fields.pop("website")
        for question in questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["website"] = website

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("The form could not be sent."))
        return ""

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("question_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_") and value
        }


class ParticipantForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Takes part as"),
        choices=[
            (Registration.Role.POLITICIAN, Registration.Role.POLITICIAN.label),
            (Registration.Role.OFFICIAL, Registration.Role.OFFICIAL.label),
        ],
    )

    def has_changed(self) -> bool:
        # A row is filled in when it has a name or an address; the role's select always holds
        # a value, so a row with nothing typed in it is empty whatever the select says.
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip() for name in ("name", "email")
        )


class ParticipantFormSetBase(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Add at least one participant."), code="too_few_forms")


# Six rows to fill; empty rows are skipped, at least one must be filled in.
ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=ParticipantFormSetBase, extra=6, max_num=30, validate_max=True
)


class AttendeeForm(RegistrationForm):
    """Someone who took part without registering, recorded by the secretariat afterwards."""

    role = forms.ChoiceField(label=_("Took part as"), choices=Registration.Role.choices)
