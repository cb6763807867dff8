from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.events.models import Event, Registration
from hcs.lib.dates import local_day_bounds
from hcs.lib.forms import Form, ModelForm
from hcs.organisations.models import Organisation


class RegistrationForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.ModelChoiceField(
        label=_("Municipality or region"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Another organisation"),
    )
    organisation_name = forms.CharField(
        label=_("Other organisation"), max_length=200, required=False
    )
    role = forms.ChoiceField(label=_("I take part as"), choices=Registration.Role.choices)
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The event's own questions, after the role and before the honeypot.
        website = self.fields.pop("website")
        for question in questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["website"] = website

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("The form could not be sent."))
        return ""

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("question_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_") and value
        }

    def registration(self) -> dict:
        """The form as `registration_create`'s keyword arguments."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "role": data["role"],
            "organisation": data["organisation"],
            "organisation_name": data["organisation_name"],
            "answers": self.answers(),
        }


class ParticipantForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Takes part as"),
        choices=[
            (Registration.Role.POLITICIAN, Registration.Role.POLITICIAN.label),
            (Registration.Role.OFFICIAL, Registration.Role.OFFICIAL.label),
        ],
    )

    def has_changed(self) -> bool:
        # A row is filled in when it has a name or an address; the role's select always holds
        # a value, so a row with nothing typed in it is empty whatever the select says.
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip() for name in ("name", "email")
        )


class ParticipantFormSetBase(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Add at least one participant."), code="too_few_forms")


# Six rows to fill; empty rows are skipped, at least one must be filled in.
ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=ParticipantFormSetBase, extra=6, max_num=30, validate_max=True
)


class AttendeeForm(RegistrationForm):
    """Someone who took part without registering, recorded by the secretariat afterwards."""

    role = forms.ChoiceField(label=_("Took part as"), choices=Registration.Role.choices)


# The secretariat's forms ---------------------------------------------------------------------

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the browser's own picker, read as Swedish time."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return super().prepare_value(value)


class EventForm(ModelForm):
    """An event of any kind, with its registration settings and its questions (one per line;
    a line ending in * must be answered)."""

    starts = LocalDateTimeField(label=_("Starts"))
    ends = LocalDateTimeField(label=_("Ends"))
    registration_deadline = LocalDateTimeField(
        label=_("Registration deadline"),
        required=False,
        help_text=_("Empty: registration is open until the event ends."),
    )
    new_series = forms.CharField(
        label=_("Or a new series"),
        max_length=200,
        required=False,
        help_text=_("For occasions that belong together, e.g. six regional webinars."),
    )
    questions = forms.CharField(
        label=_("Questions to those who register"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One question per line, e.g. “Dietary needs”. End a line with * if an answer is "
            "required."
        ),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "audience",
            "group",
            "series",
            "starts",
            "ends",
            "all_day",
            "place",
            "online_url",
            "organiser",
            "partners",
            "capacity",
            "registration_deadline",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"online_url": forms.URLField}

    online_url = forms.URLField(
        label=_("digital link"), required=False, max_length=200, assume_scheme="https"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        self.fields["partners"].widget.attrs["size"] = 6
        self.fields["capacity"].help_text = _("Empty: no limit. When full, a waiting list.")
        self.fields["group"].help_text = _("The group behind the event, or its audience.")
        self.fields["capacity"].max_value = 100_000
        if self.instance.pk and not self.is_bound:
            self.initial["questions"] = "\n".join(
                q.text + (" *" if q.required else "") for q in self.instance.questions.all()
            )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if data.get("all_day") and starts and ends:
            # All day: from the first day's midnight to the last day's end, Swedish time.
            data["starts"] = local_day_bounds(timezone.localtime(starts).date())[0]
            data["ends"] = local_day_bounds(timezone.localtime(ends).date())[1] - timedelta(
                minutes=1
            )
            self.instance.starts, self.instance.ends = data["starts"], data["ends"]
        if data.get("series") and data.get("new_series"):
            self.add_error("new_series", _("Choose a series or name a new one, not both."))
        return data

    def question_list(self) -> list[tuple[str, bool]]:
        result = []
        for line in self.cleaned_data.get("questions", "").splitlines():
            line = line.strip()
            if not line:
                continue
            required = line.endswith("*")
            result.append((line.rstrip("*").strip(), required))
        return result

    def clean_questions(self):
        value = self.cleaned_data["questions"]
        lines = [line for line in value.splitlines() if line.strip()]
        if len(lines) > 20:
            raise forms.ValidationError(_("At most 20 questions."))
        if any(len(line.rstrip("* ")) > 200 for line in lines):
            raise forms.ValidationError(_("A question may be at most 200 characters long."))
        if any(not line.rstrip("* ").strip() for line in lines):
            raise forms.ValidationError(_("A question must have a text."))
        return value


class EventCopyForm(Form):
    starts = LocalDateTimeField(label=_("The copy starts"))


class EventCancelForm(Form):
    message = forms.CharField(
        label=_("A message to those registered (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MessageForm(Form):
    RECIPIENTS = [
        ("all", _("Everyone registered (confirmed and waiting)")),
        ("confirmed", _("The confirmed")),
        ("waitlisted", _("Those on the waiting list")),
    ]
    recipients = forms.ChoiceField(label=_("To"), choices=RECIPIENTS)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def statuses(self) -> list[str]:
        chosen = self.cleaned_data["recipients"]
        return ["confirmed", "waitlisted"] if chosen == "all" else [chosen]


class EventFilterForm(Form):
    """The filters of the secretariat's list of events; a value that does not fit is ignored."""

    ar = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    typ = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )
    publik = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("All audiences")), *Event.Audience.choices],
    )
    grupp = forms.ModelChoiceField(
        label=_("Group"), required=False, queryset=None, empty_label=_("All groups")
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from hcs.groups.models import Group

        self.fields["grupp"].queryset = Group.objects.order_by("name")
