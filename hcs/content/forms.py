from django import forms
from django.utils.translation import gettext_lazy as _

from hcs.content.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX, Entry
from hcs.lib.forms import DateField, Form

MARKDOWN_HELP = _(
    "Markdown: ## for a heading, - for a list, **bold**, *italic*, [text](/address/) for a "
    "link, ![what it shows](/filer/…) for an image."
)


class EntryForm(Form):
    """A version of a text: its words in Swedish and English, and (for news and publications)
    its date and category. The address is chosen once, when the text is created."""

    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("The last part of the address, e.g. arskonferens-2025."),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *Entry.Category.choices], required=False
    )
    dated = DateField(label=_("Date"), required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=TITLE_MAX)
    title_en = forms.CharField(label=_("Title (English)"), max_length=TITLE_MAX, required=False)
    summary_sv = forms.CharField(
        label=_("Summary (Swedish)"),
        max_length=SUMMARY_MAX,
        required=False,
        help_text=_("One or two sentences: shown in lists and to search engines."),
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"), max_length=SUMMARY_MAX, required=False
    )
    body_sv = forms.CharField(
        label=_("Text (Swedish)"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=MARKDOWN_HELP,
    )
    body_en = forms.CharField(
        label=_("Text (English)"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
    )
    note = forms.CharField(
        label=_("What changed (for the history)"), max_length=200, required=False
    )

    def __init__(self, *args, kind: str, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if not creating:
            del self.fields["slug"]
        else:
            self.fields["slug"].required = True
        if kind != Entry.Kind.PUBLICATION:
            del self.fields["category"]
        if kind not in (Entry.Kind.NEWS, Entry.Kind.PUBLICATION):
            del self.fields["dated"]
        if kind != Entry.Kind.QUOTE:
            del self.fields["position"]
        if kind == Entry.Kind.QUOTE:
            self.fields["title_sv"].label = _("Name")
            self.fields["title_en"].label = _("Name (English, if different)")
            self.fields["summary_sv"].label = _("Title and organisation (Swedish)")
            self.fields["summary_sv"].help_text = ""
            self.fields["summary_en"].label = _("Title and organisation (English)")
            self.fields["body_sv"].label = _("Their words (Swedish)")
            self.fields["body_en"].label = _("Their words (English)")


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Image or PDF"),
        help_text=_("PNG, JPEG, GIF or WebP images, or PDF documents."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        help_text=_("For an image: what it shows. For a document: its title."),
    )
