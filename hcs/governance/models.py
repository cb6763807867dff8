"""The network's governance: annual meetings, the board's terms, board meetings and decisions."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.dates import DatePrecision, format_date
from hcs.lib.files import validate_pdf
from hcs.organisations.models import Organisation


class AnnualMeeting(models.Model):
    """An annual meeting (årsmöte): adopts the annual plan and budget, elects the board."""

    date = models.DateField(_("date"), unique=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("annual meeting")
        verbose_name_plural = _("annual meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.place}".strip()


class BoardTerm(models.Model):
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
    start_precision = models.CharField(
        _("precision of start date"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day of the term.")
    )
    end_precision = models.CharField(
        _("precision of end date"),
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")
        ordering = ["start_date", "person_name"]
        indexes = [models.Index(fields=["start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="board_term_ends_on_or_after_start",
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

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


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
