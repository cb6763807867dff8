from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.content.forms import MARKDOWN_HELP
from hcs.events.models import Event, Registration
from hcs.groups.models import Group
from hcs.lib.forms import Form
from hcs.mailings.models import Mailing


class MailingForm(Form):
    """A mailing: its kind, words and audience, chosen from the records."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Mailing.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Anyone can unsubscribe from a newsletter; a member notice (the notice of the "
            "annual meeting, say) reaches a member's contacts whatever their choice."
        ),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body_markdown = forms.CharField(
        label=_("Text"),
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=MARKDOWN_HELP,
    )
    contacts = forms.ChoiceField(
        label=_("Members' contact persons"),
        choices=[
            ("none", _("None")),
            ("all", _("All current contact persons")),
            ("political", _("The political contacts")),
            ("administrative", _("The administrative contacts")),
        ],
        initial="none",
    )
    board = forms.BooleanField(label=_("The board"), required=False)
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups' participants"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Events' registrants"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("The events of the past year and the coming ones."),
    )
    event_statuses = forms.MultipleChoiceField(
        label=_("Registrants who are"),
        choices=Registration.Status.choices,
        initial=[Registration.Status.CONFIRMED],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subscribers = forms.BooleanField(label=_("The newsletter's public subscribers"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["groups"].queryset = Group.objects.filter(end_date__isnull=True)
        self.fields["events"].queryset = Event.objects.filter(
            starts__date__gte=today - timedelta(days=365)
        ).order_by("starts")

    @classmethod
    def initial_of(cls, mailing: Mailing) -> dict:
        audience = mailing.audience
        return {
            "kind": mailing.kind,
            "subject": mailing.subject,
            "body_markdown": mailing.body_markdown,
            "contacts": audience.get("contacts", "none"),
            "board": audience.get("board", False),
            "groups": audience.get("group_ids", []),
            "events": audience.get("event_ids", []),
            "event_statuses": audience.get("event_statuses", [Registration.Status.CONFIRMED]),
            "subscribers": audience.get("subscribers", False),
        }

    def audience(self) -> dict:
        data = self.cleaned_data
        return {
            "contacts": data["contacts"],
            "board": data["board"],
            "group_ids": [g.pk for g in data["groups"]],
            "event_ids": [e.pk for e in data["events"]],
            "event_statuses": data["event_statuses"] or [Registration.Status.CONFIRMED],
            "subscribers": data["subscribers"],
        }


class SendForm(Form):
    send_at = forms.DateTimeField(
        label=_("Send at (empty: now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class SubscribeForm(Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    website = forms.CharField(required=False, label=_("Leave this empty"))
