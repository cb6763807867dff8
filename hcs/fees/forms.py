from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class IndexForm(forms.Form):
    """Next year's fees from this year's: SKR's index and the rounding."""

    index_percent = forms.CharField(
        label=_("SKR index (%)"),
        max_length=8,
        help_text=_("The percentage from SKR's price index (PKV), e.g. 2,8."),
    )
    rounding = forms.IntegerField(label=_("rounded to the nearest (SEK)"), min_value=1, initial=100)

    def clean_index_percent(self):
        raw = self.cleaned_data["index_percent"].strip().replace(",", ".").rstrip("%").strip()
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise ValidationError(_("Enter a percentage such as 2,8.")) from exc


class AdoptForm(forms.Form):
    """The annual meeting's decision that adopts a fee model."""

    decision = forms.CharField(
        label=capfirst(_("decided by")),
        max_length=200,
        required=False,
        help_text=_("For example: Årsmötet 14 mars 2024, § 7."),
    )
