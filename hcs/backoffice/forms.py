from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.lib.forms import Form, YearField
from hcs.organisations.queries import known_codes
from hcs.organisations.reference import ReferenceFileError, parse_population_file

MAX_FILE_BYTES = 1024 * 1024


class PopulationUploadForm(Form):
    year = YearField(label=_("Year (population on 31 December)"), min_value=1950)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, header row code,population; SCB's 4-digit municipality codes and/or 2-digit "
            "region codes. Regions left out are summed from their municipalities."
        ),
    )
    source = forms.CharField(label=_("Source"), initial="SCB", max_length=100)
    dry_run = forms.BooleanField(label=_("Check only, do not save"), required=False, initial=True)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise ValidationError(_("Population figures for a future year cannot be loaded."))
        return year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("The file is not UTF-8 text.")) from exc
        try:
            self.figures = parse_population_file(text, known_codes=known_codes())
        except ReferenceFileError as exc:
            raise ValidationError(exc.problems) from exc
        return upload
