from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hcs.lib.forms import AmountField, DateField, Form

MAX_BANK_FILE_BYTES = 2 * 1024 * 1024


class PaymentForm(Form):
    amount = AmountField(label=_("Amount (SEK)"))
    paid_on = DateField(label=_("Paid on"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CreditForm(Form):
    amount = AmountField(
        label=_("Amount to credit (SEK)"),
        required=False,
        help_text=_("Leave empty to credit what remains of the invoice."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class BankFileForm(Form):
    file = forms.FileField(
        label=_("Bank file (CSV)"),
        help_text=_("Columns ocr, amount and date (YYYY-MM-DD), separated by ; or ,"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BANK_FILE_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        self.content = upload.read()
        try:
            self.text = self.content.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.text = self.content.decode("cp1252", errors="replace")  # banks' older exports
        return upload
