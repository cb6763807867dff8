from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.content.models import MESSAGE_MAX_LENGTH
from hcs.lib.forms import DateField, Form


class MembersFilterForm(Form):
    """Which members to show: on one date, or during one year (as the annual report lists them)."""

    datum = DateField(
        label=_("Members on date"),
        required=False,
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2024-12-31.")},
    )
    ar = forms.IntegerField(
        label=_("Members during year"),
        required=False,
        min_value=2004,  # the network was founded in 2004
        max_value=2100,
        error_messages={
            "invalid": _("Enter a year, e.g. 2024."),
            "min_value": _("The network was founded in 2004; choose 2004 or later."),
            "max_value": _("Choose a year no later than 2100."),
        },
    )


class ContactForm(Form):
    """The form on /kontakt/. `website` is a honeypot: hidden from people, filled in by robots."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_("The secretariat may store what I write here, to answer me (see Personal data)."),
        required=False,
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))
