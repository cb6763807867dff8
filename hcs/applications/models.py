from django.db import models
from django.utils.translation import gettext_lazy as _

from hcs.organisations.models import Organisation

MESSAGE_MAX_LENGTH = 5000


class Application(models.Model):
    """A municipality's or region's application for membership, from the first inquiry on "Bli
    medlem" to a membership (or closed, with a reason). Its steps are in `ApplicationStep`.

    Personal data (GDPR): the applicant's name, title, address and phone, stored with their
    consent; part of the person's export and erasure (hcs.contacts.gdpr)."""

    class Status(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry")
        DIALOGUE = "dialogue", _("Dialogue")
        DECISION = "decision", _("Political decision")
        MEMBER = "member", _("Member")
        CLOSED = "closed", _("Closed")

    # The pipeline's order; CLOSED may follow any step but MEMBER.
    ORDER = (Status.INQUIRY, Status.DIALOGUE, Status.DECISION, Status.MEMBER)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=MESSAGE_MAX_LENGTH)
    consent_at = models.DateTimeField(_("consent to storing it given"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INQUIRY
    )
    closed_reason = models.TextField(_("reason for closing"), blank=True)
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    membership = models.OneToOneField(
        "memberships.Membership",
        verbose_name=_("membership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"


class ApplicationStep(models.Model):
    """One entry of an application's log: a move in the pipeline, or a note."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="steps"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.CharField(_("by"), max_length=150)
    from_status = models.CharField(
        _("from"), max_length=10, blank=True, choices=Application.Status.choices
    )
    to_status = models.CharField(
        _("to"), max_length=10, blank=True, choices=Application.Status.choices
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status}→{self.to_status}"
