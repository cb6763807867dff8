from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BANK_FILE_BYTES = 2 * 1024 * 1024


def _sek(raw: str) -> Decimal:
    try:
        return Decimal(raw.strip().replace(" ", "").replace("\xa0", "").replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(_("Enter an amount such as 29 250 or 29250,50.")) from exc


class PaymentForm(forms.Form):
    amount = forms.CharField(label=_("Amount (SEK)"), max_length=20)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_amount(self):
        return _sek(self.cleaned_data["amount"])


class CreditForm(forms.Form):
    amount = forms.CharField(
        label=_("Amount to credit (SEK)"),
        max_length=20,
        required=False,
        help_text=_("Leave empty to credit what remains of the invoice."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def clean_amount(self):
        raw = self.cleaned_data["amount"]
        return _sek(raw) if raw.strip() else None


class BankFileForm(forms.Form):
    file = forms.FileField(
        label=_("Bank file (CSV)"),
        help_text=_("Columns ocr, amount and date (YYYY-MM-DD), separated by ; or ,"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BANK_FILE_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            upload.seek(0)
            self.text = upload.read().decode("cp1252")  # Swedish banks' older exports
        return upload
