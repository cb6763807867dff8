"""The residents' survey as a form built from its round: a score and two comments per theme of
the round's tool, the background questions the round asks, a honeypot, and for the organisation's
planner the kind of entry (a group's agreed scores or a paper survey).

Field names: `score-<theme key>` ("" = don't know / skip), `good-<key>`, `better-<key>`, the
background questions by their own names (`age_band`, `gender`, `relation`, `area`), `website` (the
honeypot) and `entry` (planners only). The form checks the shape of each answer; the round's rules
are checked again, and finally, by `services.response_submit`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.lib.forms import Form
from hcs.platskompassen.models import COMMENT_MAX_LENGTH, Response, Round, Theme
from hcs.platskompassen.services import AREA_MAX_LENGTH

THEME_PREFIXES = ("score-", "good-", "better-")

BACKGROUND_LABELS = {
    "age_band": _("Age"),
    "gender": _("Gender"),
    "relation": _("Your relation to the place"),
    "area": _("Area or postcode"),
}
BACKGROUND_CHOICES = {
    "age_band": Response.AgeBand.choices,
    "gender": Response.Gender.choices,
    "relation": Response.Relation.choices,
}

ENTRY_GROUP = "group"
ENTRY_PAPER = "paper"
ENTRY_CHOICES = [
    (ENTRY_GROUP, _("The group's agreed assessment (group session)")),
    (ENTRY_PAPER, _("A paper survey (one resident's answers)")),
]
ENTRY_KINDS = {ENTRY_GROUP: Response.Kind.GROUP, ENTRY_PAPER: Response.Kind.INDIVIDUAL}


class CommentField(forms.CharField):
    """Free text; line breaks count as one character, as the browser's `maxlength` counts them
    (browsers send them as CR LF)."""

    widget = forms.Textarea

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


class SurveyForm(Form):
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot

    def __init__(self, *args, round_: Round, themes: list[Theme], manager: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.themes = themes
        self.manager = manager
        top = round_.tool.scale_max
        self.scale = list(range(1, top + 1))
        for theme in themes:
            self.fields[f"score-{theme.key}"] = forms.TypedChoiceField(
                required=False,
                choices=[("", _("Don't know / skip"))] + [(str(n), str(n)) for n in self.scale],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose a score from 1 to %(top)d, or “Don't know / skip”.")
                    % {"top": top}
                },
            )
            for part in ("good", "better"):
                self.fields[f"{part}-{theme.key}"] = CommentField(
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    error_messages={
                        "max_length": _(
                            "A comment may be at most %(limit_value)d characters long "
                            "(this one has %(show_value)d)."
                        )
                    },
                )
        for question in round_.background_questions:
            if question == "area":
                self.fields["area"] = forms.CharField(
                    required=False,
                    max_length=AREA_MAX_LENGTH,
                    label=BACKGROUND_LABELS["area"],
                    error_messages={
                        "max_length": _("The area may be at most %(limit_value)d characters.")
                    },
                )
            elif question in BACKGROUND_CHOICES:
                self.fields[question] = forms.ChoiceField(
                    required=False,
                    label=BACKGROUND_LABELS[question],
                    choices=[*BACKGROUND_CHOICES[question], ("", _("Prefer not to say"))],
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choose one of the answers.")},
                )
        if manager:
            self.fields["entry"] = forms.ChoiceField(
                label=_("Entry"),
                choices=ENTRY_CHOICES,
                initial=ENTRY_GROUP if round_.mode == Round.Mode.GROUP else ENTRY_PAPER,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose what you are entering."),
                    "invalid_choice": _("Choose what you are entering."),
                },
            )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("The form could not be sent."))
        return ""

    def clean(self):
        data = super().clean()
        # Answers the page never asked for are refused, not silently dropped.
        keys = {theme.key for theme in self.themes}
        for name in self.data:
            for prefix in THEME_PREFIXES:
                if name.startswith(prefix) and name[len(prefix) :] not in keys:
                    raise forms.ValidationError(
                        _("The answer names a theme this survey does not have."), code="invalid"
                    )
        for question in Round.BACKGROUND_QUESTIONS:
            if self.data.get(question) and question not in self.fields:
                raise forms.ValidationError(
                    _("The answer includes a background question this survey does not ask."),
                    code="invalid",
                )
        return data

    # What `services.response_submit` takes, from cleaned data.

    def scores(self) -> dict[str, int | None]:
        return {t.key: self.cleaned_data.get(f"score-{t.key}") for t in self.themes}

    def comments(self) -> dict[str, dict[str, str]]:
        comments = {}
        for theme in self.themes:
            good = self.cleaned_data.get(f"good-{theme.key}", "")
            better = self.cleaned_data.get(f"better-{theme.key}", "")
            if good or better:
                comments[theme.key] = {"good": good, "better": better}
        return comments

    def background(self) -> dict[str, str]:
        return {
            q: self.cleaned_data.get(q) or ""
            for q in self.round.background_questions
            if q in self.fields
        }

    def kind(self) -> str:
        return ENTRY_KINDS[self.cleaned_data.get("entry") or ENTRY_PAPER]
