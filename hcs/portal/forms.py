from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.contacts.models import ContactProposal, ContactRole
from hcs.lib.forms import Form, ModelForm


class ProposalForm(ModelForm):
    """A new contact person for the member's own organisation, maybe in someone's place."""

    class Meta:
        model = ContactProposal
        fields = [
            "kind",
            "replaces",
            "name",
            "title",
            "party",
            "email",
            "phone",
            "start_date",
            "message",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "message": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": _("For an administrative contact, e.g. Folkhälsostrateg."),
            "party": _("For a political contact, e.g. S, M, C, KD."),
            "message": _("Anything the secretariat should know."),
        }

    def __init__(self, *args, current: list[ContactRole], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = ContactRole.objects.filter(
            pk__in=[role.pk for role in current]
        ).select_related("person")
        self.fields["replaces"].label_from_instance = lambda role: (
            f"{role.person.name} ({role.get_kind_display()})"
        )
        self.fields["replaces"].empty_label = _("No one: an additional contact")
        self.fields["email"].required = True


class EmailChangeForm(Form):
    new_address = forms.EmailField(label=_("New e-mail address"), max_length=254)


class ErasureRequestForm(Form):
    details = forms.CharField(
        label=_("Anything to add (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TokenForm(Form):
    label = forms.CharField(
        label=_("What the key is for"),
        max_length=100,
        required=False,
        help_text=_("For example: our intranet."),
    )
