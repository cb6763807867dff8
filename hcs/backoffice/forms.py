from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.contacts.models import ContactPerson, ContactRole, DataRequest
from hcs.lib.files import validate_pdf
from hcs.lib.forms import DateField, Form, ModelForm, YearField
from hcs.memberships.services import DecisionData
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


class DecisionForm(Form):
    """A member's political decision: body, date, paragraph, registry number and the PDF."""

    body = forms.CharField(
        label=_("Decided by"),
        max_length=100,
        help_text=_("E.g. Kommunstyrelsen or Regionfullmäktige."),
    )
    date = DateField(label=_("Date of the decision"))
    paragraph = forms.CharField(label=_("Paragraph (§)"), max_length=20, required=False)
    registry_number = forms.CharField(label=_("Registry number"), max_length=40, required=False)
    document = forms.FileField(
        label=_("The decision (PDF)"),
        required=False,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )

    def decision(self) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            body=data["body"],
            date=data["date"],
            paragraph=data["paragraph"],
            registry_number=data["registry_number"],
            document=data["document"],
        )


class JoinForm(DecisionForm):
    start_date = DateField(label=_("Member from"))
    field_order = ["start_date"]


class ExitForm(DecisionForm):
    end_date = DateField(label=_("Last day as a member"))
    field_order = ["end_date"]


class ContactForm(Form):
    """A new contact person with their role."""

    kind = forms.ChoiceField(label=_("Role"), choices=ContactRole.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        required=False,
        help_text=_("For an official, e.g. Folkhälsostrateg."),
    )
    party = forms.CharField(
        label=_("Party"),
        max_length=40,
        required=False,
        help_text=_("For a politician, e.g. S, M, C, KD."),
    )
    start_date = DateField(label=_("From"))


class RoleEndForm(Form):
    end_date = DateField(label=_("Last day in the role"))


class DataRequestForm(ModelForm):
    received_on = DateField(label=_("Received"))

    class Meta:
        model = DataRequest
        fields = ["kind", "name", "email", "person", "received_on", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            ContactPerson.objects.filter(erased_at__isnull=True)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["person"].label_from_instance = lambda p: f"{p.organisation.name}: {p.name}"


class DataRequestHandledForm(Form):
    handled_on = DateField(label=_("Handled on"))
    outcome = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
