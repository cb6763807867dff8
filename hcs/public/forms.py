from django import forms
from django.utils.translation import gettext_lazy as _

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
