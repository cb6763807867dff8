"""The base of every form: the text rule on every text field, and fields for years, whole
numbers and amounts that read them the one way (hcs.lib.params).

Every form of the platform, the admin's included (hcs.lib.admin), derives from `Form` or
`ModelForm`; a test walks them all.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hcs.lib.params import FIRST_YEAR, LAST_YEAR, MAX_AMOUNT, parse_amount, parse_int
from hcs.lib.text import validate_line, validate_text


def apply_text_rule(form: forms.BaseForm) -> None:
    """Add the text rule to each text field of `form`: long text (a textarea) may hold line
    breaks and tabs, a single line may not."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField):
            continue
        validator = validate_text if isinstance(field.widget, forms.Textarea) else validate_line
        if validator not in field.validators:
            field.validators.append(validator)


class TextRuleMixin(forms.BaseForm):
    def full_clean(self):
        # At cleaning, not at creation: forms add fields in their own __init__ (the survey).
        apply_text_rule(self)
        super().full_clean()


class Form(TextRuleMixin, forms.Form):
    pass


class ModelForm(TextRuleMixin, forms.ModelForm):
    pass


class _TypedTextField(forms.Field):
    """A value typed as text and read by one of hcs.lib.params' functions (`read`)."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text:
            return None
        if len(text) > 40:
            raise ValidationError(_("Enter a shorter value."), code="too_long")
        return self.read(text)

    def read(self, text: str):
        raise NotImplementedError


class WholeNumberField(_TypedTextField):
    """A whole number typed by a person: digits 0–9 only, within `min_value`..`max_value`."""

    def __init__(self, *, min_value: int = 0, max_value: int, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def read(self, text: str) -> int:
        return parse_int(text, minimum=self.min_value, maximum=self.max_value)


class YearField(WholeNumberField):
    def __init__(self, *, min_value: int = FIRST_YEAR, max_value: int = LAST_YEAR, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class AmountField(_TypedTextField):
    """An amount in kronor as Swedes write it ("29 250", "29250,50"); see params.parse_amount."""

    def __init__(self, *, maximum: Decimal = MAX_AMOUNT, **kwargs):
        self.maximum = maximum
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def read(self, text: str) -> Decimal:
        return parse_amount(text, maximum=self.maximum)


class DateField(forms.DateField):
    """A date (YYYY-MM-DD, a date picker in the browser) in a year the platform deals in."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("Enter a date from the year %(first)d to %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                code="out_of_range",
            )
