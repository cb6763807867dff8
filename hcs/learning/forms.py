from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.followup.tags import LABELS
from hcs.learning.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX
from hcs.learning.services import ExampleData
from hcs.lib.forms import Form

MARKDOWN_HELP = _(
    "Markdown: ## for a heading, - for a list, **bold**, *italic*, [text](https://…) for a link."
)


class ExampleForm(Form):
    """The words of an example and who may see it; the service checks the rules and names
    every problem (services.example_problems)."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences: what was done, for whom, and what came of it."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=MARKDOWN_HELP,
    )
    audience = forms.ChoiceField(
        label=_("Who may read it"),
        choices=[
            ("public", _("Everyone (on the public website)")),
            ("members", _("The network's members only")),
        ],
        initial="public",
        widget=forms.RadioSelect,
    )
    contact_person = forms.TypedChoiceField(
        label=_("Contact person"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Whom other members may ask about the example."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: the address, then a space and the link's text."),
    )
    tags = forms.MultipleChoiceField(label=_("Tags"), choices=list(LABELS.items()), required=False)

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].choices = [("", "—"), *[(p.pk, p.name) for p in persons]]

    @classmethod
    def initial_of(cls, data: ExampleData) -> dict:
        return {
            "title": data.title,
            "summary": data.summary,
            "body": data.body,
            "audience": "public" if data.public else "members",
            "contact_person": data.contact_person_id,
            "links": "\n".join(f"{url} {label}".strip() for url, label in data.links),
            "tags": data.tags,
        }

    def data_of(self) -> ExampleData:
        links = []
        for line in (self.cleaned_data.get("links") or "").splitlines():
            if line.strip():
                url, _space, label = line.strip().partition(" ")
                links.append((url, label.strip()))
        return ExampleData(
            title=self.cleaned_data.get("title") or "",
            summary=self.cleaned_data.get("summary") or "",
            body=self.cleaned_data.get("body") or "",
            public=self.cleaned_data.get("audience") != "members",
            contact_person_id=self.cleaned_data.get("contact_person"),
            links=links,
            tags=self.cleaned_data.get("tags") or [],
        )


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("File"), help_text=_("An image (PNG, JPEG, GIF, WebP) or a PDF document.")
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        help_text=_("For an image: what it shows. For a document: its title."),
    )


class SearchForm(Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
