from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hcs.fees.rules import INDEX_RANGE
from hcs.lib.forms import Form, WholeNumberField
from hcs.lib.params import parse_percent


class IndexForm(Form):
    """Next year's fees from this year's: SKR's index and the rounding."""

    index_percent = forms.CharField(
        label=_("SKR index (%)"),
        max_length=8,
        help_text=_("The percentage from SKR's price index (PKV), e.g. 2,8."),
    )
    rounding = WholeNumberField(
        label=_("rounded to the nearest (SEK)"), min_value=1, max_value=10_000, initial=100
    )

    def clean_index_percent(self):
        minimum, maximum = INDEX_RANGE
        return parse_percent(self.cleaned_data["index_percent"], minimum=minimum, maximum=maximum)


class AdoptForm(Form):
    """The annual meeting's decision that adopts a fee model."""

    decision = forms.CharField(
        label=capfirst(_("decided by")),
        max_length=200,
        required=False,
        help_text=_("For example: Årsmötet 14 mars 2024, § 7."),
    )
