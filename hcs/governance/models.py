"""The network's governance: annual meetings and their decisions, the board's terms, board
meetings and decisions, and the network's seats in other bodies (representation)."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hcs.events.models import Event
from hcs.lib.dates import DatePrecision, format_date
from hcs.lib.files import validate_pdf
from hcs.lib.periods import PrecisePeriod, ends_on_or_after_start
from hcs.organisations.models import Organisation


class AnnualMeeting(models.Model):
    """An annual meeting (årsmöte): adopts the annual plan and budget, elects the board."""

    date = models.DateField(_("date"), unique=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    # The meeting in the calendar: its registrations are the attendance (queries.py).
    event = models.OneToOneField(
        Event,
        verbose_name=_("event in the calendar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annual_meeting",
        limit_choices_to={"kind": Event.Kind.ANNUAL_MEETING},
        help_text=_("Who registered and attended is read from the event's registrations."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("annual meeting")
        verbose_name_plural = _("annual meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.place}".strip()


class AnnualMeetingDecision(models.Model):
    """A numbered decision (§ 1, § 2 …) of an annual meeting; numbered per meeting.

    The kind lets the annual report and the follow-up find the adopted annual plan and budget,
    the elections and the fee decisions without reading every title.
    """

    class Kind(models.TextChoices):
        ANNUAL_PLAN_AND_BUDGET = "annual_plan_and_budget", _("Annual plan and budget adopted")
        ELECTION = "election", _("Election")
        FEES = "fees", _("Membership fees")
        POSITION_STATEMENT = "position_statement", _("Position statement")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        AnnualMeeting,
        verbose_name=_("annual meeting"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.PositiveIntegerField(_("paragraph (§)"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("decision"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("annual meeting decision")
        verbose_name_plural = _("annual meeting decisions")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="annual_meeting_decision_number_unique_per_meeting",
                violation_error_message=_("The meeting already has a decision with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class BoardTerm(PrecisePeriod):
    """One person's term on the board in one role, from `start_date` to `end_date` (inclusive).

    Invariants (database and `services.py`): end ≥ start; one chair and one vice chair at a time;
    one person's terms in the same role never overlap (PostgreSQL: exclusion constraints, see
    migration 0002; everywhere: at most one open chair or vice chair term).
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        MEMBER = "member", _("member")
        DEPUTY = "deputy", _("deputy")

    # Roles held by one person at a time.
    SINGLE_HOLDER_ROLES = (Role.CHAIR, Role.VICE_CHAIR)

    person_name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    party = models.CharField(
        _("party"), max_length=20, blank=True, help_text=_("For example S, M, C, KD or SD.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="board_terms",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day of the term.")
    )
    elected_at = models.ForeignKey(
        AnnualMeeting,
        verbose_name=_("elected at"),
        on_delete=models.PROTECT,
        related_name="elected_terms",
        null=True,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)
    # The board member's own login, if they have one: it sees the board's events during the
    # term (hcs.accounts.access.is_board_member).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_terms",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")
        ordering = ["start_date", "person_name"]
        indexes = [models.Index(fields=["start_date", "end_date"])]
        constraints = [
            ends_on_or_after_start(
                "board_term_ends_on_or_after_start",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(end_date__isnull=True, role__in=["chair", "vice_chair"]),
                name="board_term_one_open_chair_per_role",
                violation_error_message=_("The board already has an open term in this role."),
            ),
            models.UniqueConstraint(
                fields=["person_name", "role"],
                condition=Q(end_date__isnull=True),
                name="board_term_one_open_term_per_person_and_role",
                violation_error_message=_("This person already has an open term in this role."),
            ),
        ]

    def __str__(self) -> str:
        until = self.end_date.isoformat() if self.end_date else "…"
        return (
            f"{self.person_name} ({self.get_role_display()}) {self.start_date.isoformat()}–{until}"
        )


class BoardMeeting(models.Model):
    """A decision-making board meeting (sammanträde) with its agenda, minutes and decisions."""

    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of date"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("A town, or “digital”.")
    )
    event = models.OneToOneField(
        Event,
        verbose_name=_("event in the calendar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_meeting",
        limit_choices_to={"kind": Event.Kind.BOARD_MEETING},
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_document = models.FileField(
        _("minutes (PDF)"),
        upload_to="board/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return format_date(self.date, self.date_precision)


class BoardDecision(models.Model):
    """A numbered decision (§ 1, § 2 …) of a board meeting; numbered per meeting."""

    meeting = models.ForeignKey(
        BoardMeeting,
        verbose_name=_("board meeting"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.PositiveIntegerField(_("paragraph (§)"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("board decision")
        verbose_name_plural = _("board decisions")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="board_decision_number_unique_per_meeting",
                violation_error_message=_("The meeting already has a decision with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class Representation(PrecisePeriod):
    """A seat the network holds in another body – WHO's committees, the Nordic coordinators'
    group – held by one person from `start_date` to `end_date` (inclusive; open: still held).

    Invariants (database and `services.py`): end ≥ start; "other" bodies are named; one person's
    periods in the same body never overlap (everywhere: at most one open period).
    """

    class Body(models.TextChoices):
        WHO_POLITICAL_COMMITTEE = (
            "who_political_committee",
            _("WHO European Healthy Cities Political Committee"),
        )
        WHO_ADVISORY_COMMITTEE = (
            "who_advisory_committee",
            _("WHO European Healthy Cities Advisory Committee"),
        )
        NORDIC_COORDINATORS = "nordic_coordinators", _("Nordic Healthy Cities coordinators' group")
        OTHER = "other", _("other")

    body = models.CharField(_("body"), max_length=32, choices=Body.choices)
    body_name = models.CharField(
        _("name of the body"),
        max_length=200,
        blank=True,
        help_text=_("Required for “other”; for the named bodies, a more precise name if needed."),
    )
    person_name = models.CharField(_("name"), max_length=150)
    role_description = models.CharField(
        _("represents the network as"),
        max_length=150,
        blank=True,
        help_text=_("For example “the network's chair” or “the coordinator”."),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day of the seat.")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["body", "start_date", "person_name"]
        indexes = [models.Index(fields=["start_date", "end_date"])]
        constraints = [
            ends_on_or_after_start(
                "representation_ends_on_or_after_start",
                violation_error_message=_("The representation cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(body="other") | ~Q(body_name=""),
                name="representation_other_body_is_named",
                violation_error_message=_("Name the body."),
            ),
            models.UniqueConstraint(
                fields=["person_name", "body", "body_name"],
                condition=Q(end_date__isnull=True),
                name="representation_one_open_seat_per_person_and_body",
                violation_error_message=_("This person already has an open seat in this body."),
            ),
        ]

    def __str__(self) -> str:
        until = self.end_date.isoformat() if self.end_date else "…"
        return f"{self.person_name} ({self.body_label}) {self.start_date.isoformat()}–{until}"

    @property
    def body_label(self) -> str:
        if self.body == self.Body.OTHER or not self.body:
            return self.body_name
        return str(self.Body(self.body).label)


class RepresentationMeeting(models.Model):
    """A meeting of the other body that the network's representative attended."""

    representation = models.ForeignKey(
        Representation,
        verbose_name=_("representation"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of date"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    place = models.CharField(_("place"), max_length=150, blank=True)
    digital = models.BooleanField(_("digital"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("meeting attended")
        verbose_name_plural = _("meetings attended")
        ordering = ["representation", "date"]

    def __str__(self) -> str:
        return format_date(self.date, self.date_precision)
