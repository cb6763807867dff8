"""The network's groups: the strategic group, theme and working groups, and who takes part."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.periods import Period, PrecisePeriod, ends_on_or_after_start
from hcs.organisations.models import Organisation


class Group(PrecisePeriod):
    """A group of the network, from `start_date` to `end_date` (its last day, or open).

    A group that stops is closed (an end date), never deleted, so its history stays. The
    strategic group is permanent: all members are represented in it. Theme and working groups
    gather members by interest.

    Invariants (database and `services.py`): end ≥ start; one strategic group at a time
    (database: at most one open strategic group; services: strategic periods never overlap).
    """

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic group")
        THEME = "theme", _("Theme group")
        WORKING = "working", _("Working group")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("The group's last day. A closed group keeps its history."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["kind", "name"]
        constraints = [
            ends_on_or_after_start(
                "group_ends_on_or_after_start",
                violation_error_message=_("A group cannot close before it starts."),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="strategic", end_date__isnull=True),
                name="group_one_open_strategic_group",
                violation_error_message=_("The network already has an open strategic group."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GroupParticipant(Period):
    """A person taking part in a group, for an organisation, from `start_date` to `end_date`.

    Personal data (GDPR): `services.participations_erase` blanks the name and e-mail and keeps
    the organisation, role and dates, so the group's history can still be counted.
    """

    class Role(models.TextChoices):
        # The keys of events.Registration.Role, so attendance and participation count alike.
        POLITICIAN = "politician", _("Politician (elected official)")
        OFFICIAL = "official", _("Official")

    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        # A group with participants is closed, not deleted (services.group_delete).
        on_delete=models.PROTECT,
        related_name="participants",
    )
    person_name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_participations",
    )
    organisation_name = models.CharField(
        _("other organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a participant from an organisation outside the register."),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day in the group.")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("group participant")
        verbose_name_plural = _("group participants")
        ordering = ["group", "start_date", "person_name"]
        indexes = [
            models.Index(fields=["start_date", "end_date"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            ends_on_or_after_start(
                "group_participant_ends_on_or_after_start",
                violation_error_message=_("A participation cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(organisation_name=""))
                | (Q(organisation__isnull=True) & ~Q(organisation_name="")),
                name="group_participant_one_organisation",
                violation_error_message=_(
                    "Choose an organisation from the register or name another one, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["group", "email"],
                condition=Q(end_date__isnull=True) & ~Q(email=""),
                name="group_participant_one_open_per_email",
                violation_error_message=_(
                    "This e-mail address already has an open participation in the group."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.group})"

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name
