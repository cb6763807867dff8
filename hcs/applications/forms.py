from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.applications.models import MESSAGE_MAX_LENGTH
from hcs.lib.forms import DateField, Form


class ApplicationForm(Form):
    """The application on "Bli medlem". The organisation is typed (with the browser's own
    suggestions from a list, no script needed) as its name or "Name (code)". `website` is a
    honeypot: hidden from people, filled in by robots."""

    organisation = forms.CharField(
        label=_("Municipality or region"),
        max_length=120,
        help_text=_("Start typing its name and choose it from the list."),
    )
    name = forms.CharField(label=_("Your name"), max_length=120)
    title = forms.CharField(label=_("Your title"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example where you are in the process, or what you would like to know."),
    )
    consent = forms.BooleanField(
        label=_(
            "The secretariat may store what I write here, to handle the application "
            "(see Personal data)."
        ),
        required=False,
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))


class FeeQueryForm(Form):
    organisation = forms.CharField(label=_("Municipality or region"), max_length=120)


class MemberForm(Form):
    """The political decision that makes the applicant a member, and from when."""

    start_date = DateField(label=_("Member from"))
    body = forms.CharField(
        label=_("Decided by"), max_length=100, help_text=_("For example Kommunstyrelsen.")
    )
    decision_date = DateField(label=_("Date of the decision"))
    paragraph = forms.CharField(label=_("Paragraph (§)"), max_length=20, required=False)
    registry_number = forms.CharField(label=_("Registry number"), max_length=50, required=False)
    document = forms.FileField(label=_("The decision (PDF)"), required=False)
    political_name = forms.CharField(
        label=_("Political contact: name"),
        max_length=120,
        required=False,
        help_text=_("The contact persons the decision appointed; each is invited to an account."),
    )
    political_title = forms.CharField(
        label=_("Political contact: title"), max_length=120, required=False
    )
    political_party = forms.CharField(
        label=_("Political contact: party"), max_length=20, required=False
    )
    political_email = forms.EmailField(label=_("Political contact: e-mail"), required=False)
    administrative_name = forms.CharField(
        label=_("Administrative contact: name"), max_length=120, required=False
    )
    administrative_title = forms.CharField(
        label=_("Administrative contact: title"), max_length=120, required=False
    )
    administrative_email = forms.EmailField(
        label=_("Administrative contact: e-mail"), required=False
    )

    def clean(self):
        data = super().clean()
        for kind in ("political", "administrative"):
            given = [data.get(f"{kind}_{name}") for name in ("title", "party", "email")]
            if any(given) and not data.get(f"{kind}_name"):
                self.add_error(f"{kind}_name", _("Give the contact person's name."))
        # What the registry asks of each role (contacts.services): a party, a title.
        if data.get("political_name") and not data.get("political_party"):
            self.add_error("political_party", _("A political contact needs a party."))
        if data.get("administrative_name") and not data.get("administrative_title"):
            self.add_error("administrative_title", _("An administrative contact needs a title."))
        return data

    def contacts(self):
        """The contact persons given, as the service takes them."""
        from hcs.applications.services import AppointedContact

        data = self.cleaned_data
        return [
            AppointedContact(
                kind=kind,
                name=data[f"{kind}_name"],
                title=data.get(f"{kind}_title", ""),
                party=data.get(f"{kind}_party", ""),
                email=data.get(f"{kind}_email", ""),
            )
            for kind in ("political", "administrative")
            if data.get(f"{kind}_name")
        ]
