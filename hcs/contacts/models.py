from django.db import models
from django.utils.translation import gettext_lazy as _

from hcs.lib.periods import Period, ends_on_or_after_start
from hcs.organisations.models import Organisation


class ContactPerson(models.Model):
    """A person a member organisation has appointed to deal with the network.

    Personal data (GDPR): visible to staff with the permission to view contact persons only,
    every change is in the audit trail, and `gdpr.contact_person_erase` removes the
    personal values for good while keeping the history of roles.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contact_persons",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("For an official, e.g. Folkhälsostrateg."),
    )
    party = models.CharField(
        _("party"), max_length=40, blank=True, help_text=_("For a politician, e.g. S, M, C, KD.")
    )
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ContactRole(Period):
    """A contact person's role for their organisation over a period (end inclusive, or open)."""

    class Kind(models.TextChoices):
        POLITICAL = "political", _("Political contact")
        ADMINISTRATIVE = "administrative", _("Administrative contact")

    person = models.ForeignKey(
        ContactPerson, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=14, choices=Kind.choices)

    class Meta:
        verbose_name = _("contact role")
        verbose_name_plural = _("contact roles")
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["kind", "start_date", "end_date"])]
        constraints = [
            ends_on_or_after_start(
                "contact_role_ends_on_or_after_start",
                violation_error_message=_("A role cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person.name}"


class DataRequest(models.Model):
    """A person's request about their personal data (GDPR): to see it, correct it, have it
    erased or object to its use; received by the secretariat, open until handled.

    The request stays as the record that it was handled; erasing the person removes their
    name and address from it (hcs.contacts.gdpr)."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("A copy of their data")
        RECTIFICATION = "rectification", _("Correction")
        ERASURE = "erasure", _("Erasure")
        OBJECTION = "objection", _("Objection to its use")

    kind = models.CharField(_("request"), max_length=14, choices=Kind.choices)
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
        help_text=_("If the request is about a contact person in the registry."),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    received_on = models.DateField(_("received"))
    details = models.TextField(_("details"), blank=True)
    handled_on = models.DateField(_("handled"), null=True, blank=True)
    outcome = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["handled_on", "-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name} ({self.received_on:%Y-%m-%d})"


class ContactProposal(models.Model):
    """A member's proposal of a new contact person (after a reorganisation, say), sent from the
    member portal by one of its contacts; the secretariat applies it (the new person takes the
    role, the one replaced ends the day before) or declines it, with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the secretariat")
        APPLIED = "applied", _("Applied")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contact_proposals",
    )
    kind = models.CharField(_("role"), max_length=14, choices=ContactRole.Kind.choices)
    replaces = models.ForeignKey(
        ContactRole,
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The current holder of the role, whose role then ends."),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=120, blank=True)
    party = models.CharField(_("party"), max_length=40, blank=True)
    start_date = models.DateField(_("from"))
    message = models.TextField(_("message"), blank=True)
    proposed_by = models.ForeignKey(
        ContactPerson,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals_made",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.CharField(_("handled by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    role = models.ForeignKey(
        ContactRole,
        verbose_name=_("role given"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed contact person")
        verbose_name_plural = _("proposed contact persons")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name} ({self.organisation})"
