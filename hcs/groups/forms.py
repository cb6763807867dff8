from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.contacts.models import ContactPerson
from hcs.groups.models import Group, GroupParticipant
from hcs.lib.forms import DateField, Form


class GroupForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Group.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start_date = DateField(label=_("From"))


class ParticipantForm(Form):
    """Someone joins the group: one of the members' contact persons."""

    person = forms.ModelChoiceField(
        label=_("Contact person"), queryset=ContactPerson.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Takes part as"),
        choices=[
            (GroupParticipant.Role.OFFICIAL, GroupParticipant.Role.OFFICIAL.label),
            (GroupParticipant.Role.POLITICIAN, GroupParticipant.Role.POLITICIAN.label),
        ],
    )
    start_date = DateField(label=_("From"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            ContactPerson.objects.filter(erased_at__isnull=True)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["person"].label_from_instance = lambda p: f"{p.organisation.name}: {p.name}"


class LeaveForm(Form):
    end_date = DateField(label=_("Last day in the group"))
