from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.files import validate_pdf
from hcs.lib.periods import PrecisePeriod, ends_on_or_after_start
from hcs.organisations.models import Organisation


class Membership(PrecisePeriod):
    """One period of membership of one organisation: from `start_date` to `end_date` (inclusive).

    Backed by the member's own political decisions: the joining decision (an avsiktsförklaring in
    kommunstyrelsen/regionstyrelsen) and, when the period ends, the exit decision. A decision is
    stored with the period it decides, so that "decided on or before it takes effect" is a check
    on one row that the database itself enforces.

    Invariants (database and `services.py`): end ≥ start; at most one open period per
    organisation; periods of one organisation never overlap (PostgreSQL: an exclusion
    constraint, see migration 0002); a decision's date is on or before the date it takes effect.
    Dates the sources do not give exactly carry a precision other than "day" and are shown as
    approximate.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    start_date = models.DateField(_("member from"))
    end_date = models.DateField(
        _("member until"), null=True, blank=True, help_text=_("The last day of membership.")
    )

    join_decision_body = models.CharField(
        _("joining decision: body"),
        max_length=100,
        blank=True,
        help_text=_("For example Kommunstyrelsen or Regionstyrelsen."),
    )
    join_decision_date = models.DateField(_("joining decision: date"), null=True, blank=True)
    join_decision_paragraph = models.CharField(
        _("joining decision: paragraph"), max_length=20, blank=True, help_text=_("For example § 9.")
    )
    join_decision_registry_number = models.CharField(
        _("joining decision: registry number"),
        max_length=50,
        blank=True,
        help_text=_("For example KS-2022/2516.10."),
    )
    join_decision_document = models.FileField(
        _("joining decision: minutes extract (PDF)"),
        upload_to="decisions/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )

    exit_decision_body = models.CharField(_("exit decision: body"), max_length=100, blank=True)
    exit_decision_date = models.DateField(_("exit decision: date"), null=True, blank=True)
    exit_decision_paragraph = models.CharField(
        _("exit decision: paragraph"), max_length=20, blank=True
    )
    exit_decision_registry_number = models.CharField(
        _("exit decision: registry number"), max_length=50, blank=True
    )
    exit_decision_document = models.FileField(
        _("exit decision: minutes extract (PDF)"),
        upload_to="decisions/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )

    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "start_date"]
        indexes = [models.Index(fields=["start_date", "end_date"])]
        constraints = [
            ends_on_or_after_start(
                "membership_ends_on_or_after_start",
                violation_error_message=_("The membership cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_period_per_organisation",
                violation_error_message=_("The organisation already has an open membership."),
            ),
            models.CheckConstraint(
                condition=Q(join_decision_date__isnull=True)
                | Q(join_decision_date__lte=F("start_date")),
                name="membership_joining_decided_before_start",
                violation_error_message=_(
                    "The joining decision must be dated on or before the membership starts."
                ),
            ),
            models.CheckConstraint(
                condition=Q(exit_decision_date__isnull=True)
                | Q(end_date__isnull=False, exit_decision_date__lte=F("end_date")),
                name="membership_exit_decided_before_end",
                violation_error_message=_(
                    "The exit decision must be dated on or before the membership ends."
                ),
            ),
            models.CheckConstraint(
                condition=Q(join_decision_body="") | Q(join_decision_date__isnull=False),
                name="membership_joining_decision_has_date",
                violation_error_message=_("A joining decision needs a date."),
            ),
            models.CheckConstraint(
                condition=Q(exit_decision_body="") | Q(exit_decision_date__isnull=False),
                name="membership_exit_decision_has_date",
                violation_error_message=_("An exit decision needs a date."),
            ),
        ]

    def __str__(self) -> str:
        until = self.end_date.isoformat() if self.end_date else "…"
        return f"{self.organisation} {self.start_date.isoformat()}–{until}"

    @property
    def join_decision(self) -> "Decision | None":
        return Decision.from_membership(self, "join")

    @property
    def exit_decision(self) -> "Decision | None":
        return Decision.from_membership(self, "exit")


class Decision:
    """A read-only view of one of a membership's two decisions."""

    KINDS = ("join", "exit")

    def __init__(self, *, kind, body, date, paragraph, registry_number, document):
        self.kind = kind
        self.body = body
        self.date = date
        self.paragraph = paragraph
        self.registry_number = registry_number
        self.document = document

    @classmethod
    def from_membership(cls, membership: Membership, kind: str) -> "Decision | None":
        date = getattr(membership, f"{kind}_decision_date")
        if date is None:
            return None
        return cls(
            kind=kind,
            body=getattr(membership, f"{kind}_decision_body"),
            date=date,
            paragraph=getattr(membership, f"{kind}_decision_paragraph"),
            registry_number=getattr(membership, f"{kind}_decision_registry_number"),
            document=getattr(membership, f"{kind}_decision_document"),
        )
