"""Membership criteria as data per year, the secretariat's assessments, and reminders sent.

A criterion is assessed either automatically from the records (its `method` names the rule in
`rules.py`) or by the secretariat with evidence (`Assessment`). The verdicts themselves are never
stored for automatic criteria: they are computed from the records when asked (`queries.py`), so
they cannot go stale.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hcs.organisations.models import Organisation


class Status(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class Criterion(models.Model):
    class Method(models.TextChoices):
        CONTACTS = "contacts", _("Automatic: a current political and administrative contact")
        FEE_PAID = "fee_paid", _("Automatic: the year's fee is paid")
        ANNUAL_MEETING = (
            "annual_meeting",
            _("Automatic: a politician and an official at the annual meeting"),
        )
        EVENTS = "events", _("Automatic: took part in at least N network events")
        FOLLOW_UP_REPORT = "follow_up_report", _("Automatic: gave the year's follow-up report")
        STAFF = "staff", _("Assessed by the secretariat, with evidence")

    AUTOMATIC = (
        Method.CONTACTS,
        Method.FEE_PAID,
        Method.ANNUAL_MEETING,
        Method.EVENTS,
        Method.FOLLOW_UP_REPORT,
    )

    year = models.PositiveSmallIntegerField(_("year"))
    key = models.SlugField(
        _("key"), max_length=40, help_text=_("A short machine name, the same every year.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(_("assessed"), max_length=20, choices=Method.choices)
    threshold = models.PositiveSmallIntegerField(
        _("at least (events)"),
        null=True,
        blank=True,
        help_text=_("For “took part in at least N network events”: N."),
    )
    evidence_url_required = models.BooleanField(
        _("a web address is required as evidence"),
        default=False,
        help_text=_("For example: the page on the member's website that presents the membership."),
    )

    class Meta:
        verbose_name = _("membership criterion")
        verbose_name_plural = _("membership criteria")
        ordering = ["year", "position", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "key"],
                name="criterion_key_unique_per_year",
                violation_error_message=_("The year already has a criterion with this key."),
            ),
            models.CheckConstraint(
                condition=~Q(method="events") | Q(threshold__gte=1),
                name="criterion_events_has_threshold",
                violation_error_message=_(
                    "A criterion on taking part in events needs a number of events (at least 1)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.name}"

    @property
    def is_automatic(self) -> bool:
        return self.method in self.AUTOMATIC

    @property
    def method_label(self) -> str:
        """How the criterion is assessed, with its number of events where it has one."""
        if self.method == self.Method.EVENTS and self.threshold:
            return ngettext(
                "Automatic: took part in at least %(n)d network event",
                "Automatic: took part in at least %(n)d network events",
                self.threshold,
            ) % {"n": self.threshold}
        return self.get_method_display()

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class Assessment(models.Model):
    """The secretariat's verdict on a staff-assessed criterion for one member, with evidence."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="assessments"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=[(Status.MET, Status.MET.label), (Status.NOT_MET, Status.NOT_MET.label)],
    )
    evidence_url = models.URLField(_("evidence (web address)"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "organisation"],
                name="assessment_one_per_criterion_and_member",
                violation_error_message=_(
                    "The member already has an assessment of this criterion."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion} – {self.organisation}: {self.get_status_display()}"


class Reminder(models.Model):
    """A reminder to a member of the criteria it has not met. The e-mail itself, with whether
    it was sent, is in the platform's e-mail queue (`email`, hcs.mail)."""

    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    email = models.OneToOneField(
        "mail.OutgoingEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminder",
    )
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-queued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.year} {self.organisation}"
