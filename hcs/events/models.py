from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hcs.lib.dates import DatePrecision
from hcs.organisations.models import Organisation


class EventSeries(models.Model):
    """Occasions that belong together, such as 2024's six regional webinars: each occasion is
    an event of its own (with its date, place and registrations); the series gives them one
    title and one total of participants."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    """A meeting or event of the network: one or more days, in a place or online.

    `capacity` limits confirmed registrations (None: no limit); later registrations go on the
    waiting list and move up when someone cancels. `participant_count` records how many took
    part when there are no names (public webinars: "about 75 participants over six webinars").
    """

    class Kind(models.TextChoices):
        ANNUAL_MEETING = "annual_meeting", _("Annual meeting")
        AUTUMN_MEETING = "autumn_meeting", _("Autumn meeting")
        ANNUAL_CONFERENCE = "annual_conference", _("Annual conference")
        BOARD_MEETING = "board_meeting", _("Board meeting")
        STRATEGIC_GROUP = "strategic_group", _("Strategic group")
        THEME_GROUP_MEETING = "theme_group_meeting", _("Theme group meeting")
        WORKING_GROUP_MEETING = "working_group_meeting", _("Working group meeting")
        WEBINAR = "webinar", _("Webinar")
        SEMINAR = "seminar", _("Seminar")
        WORKSHOP = "workshop", _("Workshop")
        INTERNATIONAL_MEETING = "international_meeting", _("Nordic or international meeting")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members")
        GROUP = "group", _("A group")
        BOARD = "board", _("The board")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    description = models.TextField(_("description"), blank=True)
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("For past events whose exact date the sources do not give."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("digital link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, default="Healthy Cities Sverige")
    # The group behind the event (a theme group's webinar); `organiser` stays the display text.
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="+"
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants (without names)"), null=True, blank=True
    )
    # Set when the event is cancelled: it stays in the records (and the calendar, marked), and
    # nobody can register any more.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("ends")),
                name="event_deadline_before_end",
                violation_error_message=_(
                    "The registration deadline must be before the event ends."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_day:%Y-%m-%d})"

    def clean(self) -> None:
        """The audience fits the kind: a group's audience names the group, and a board meeting
        is for the board."""
        errors = {}
        if self.audience == self.Audience.GROUP and self.group_id is None:
            errors["group"] = _("An event for a group must name the group.")
        if self.kind == self.Kind.BOARD_MEETING and self.audience != self.Audience.BOARD:
            errors["audience"] = _("A board meeting is for the board.")
        if errors:
            raise ValidationError(errors)

    @property
    def first_day(self) -> date:
        """The day the event starts, in Swedish time (an all-day event on 14 March starts at
        midnight in Stockholm, which is 13 March in UTC)."""
        return timezone.localtime(self.starts).date()

    @property
    def last_day(self) -> date:
        return timezone.localtime(self.ends).date()

    @property
    def registration_closes(self) -> datetime:
        """The moment registration closes: the deadline, or else the event's end."""
        return self.registration_deadline or self.ends

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    def is_open_for_registration(self, now: datetime) -> bool:
        """The one rule for "may one still register": until the deadline (or the end), unless
        the event is cancelled."""
        return self.cancelled_at is None and now <= self.registration_closes


class EventQuestion(models.Model):
    """A question the event asks each registrant (dietary needs for the conference, say)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=200)
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Registration(models.Model):
    """A person's registration for an event: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        POLITICIAN = "politician", _("Politician (elected official)")
        OFFICIAL = "official", _("Official")
        EXTERNAL = "external", _("External")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation_name = models.CharField(_("other organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # The answers to the event's questions: {question id (as text): answer}.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # When the reminder the day before was queued (once per registration).
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="registration_one_per_email_and_event",
                violation_error_message=_("This e-mail address is already registered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.event}"
