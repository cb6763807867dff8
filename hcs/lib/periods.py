"""A period: from `start_date` to `end_date`, both inclusive, an empty end meaning open. One
home for what every period of the platform shares: memberships, board terms, representation,
groups and their participants (and contact persons' roles, which keep their own fields).

- `Period` and `PrecisePeriod` (with how precisely each date is known): abstract models giving
  the fields and `is_active_on`; a model may give a field its own label by declaring it again.
- `ends_on_or_after_start(name)`: the database's check that a period does not end before it
  starts, under the model's own constraint name.
- `in_effect(first, last)`: the filter on periods that share a day with `first`..`last`.
- `periods_overlap(...)`: the same rule in Python, for the services' checks.
"""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.dates import DatePrecision


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two periods share at least one day. Ends are inclusive; None means open."""
    a_ends_before_b = a_end is not None and a_end < b_start
    b_ends_before_a = b_end is not None and b_end < a_start
    return not (a_ends_before_b or b_ends_before_a)


def in_effect(first: date, last: date | None = None, *, through: str = "") -> Q:
    """Rows whose period shares at least one day with `first`..`last` (just `first` if no
    `last`). The fields are `start_date` and `end_date`; an empty end means open. `through`:
    the path to a related model holding the period ("participants__")."""
    last = last or first
    return Q(**{f"{through}start_date__lte": last}) & (
        Q(**{f"{through}end_date__isnull": True}) | Q(**{f"{through}end_date__gte": first})
    )


def ends_on_or_after_start(name: str, violation_error_message=None) -> models.CheckConstraint:
    """The database's check that a period does not end before it starts."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
        name=name,
        violation_error_message=violation_error_message
        or _("A period cannot end before it starts."),
    )


class Period(models.Model):
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_active_on(self, day: date) -> bool:
        """In effect on `day` (the same rule as `in_effect`)."""
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def overlaps(self, other: "Period") -> bool:
        return periods_overlap(self.start_date, self.end_date, other.start_date, other.end_date)


def _precision(label) -> models.CharField:
    return models.CharField(
        label, max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )


class PrecisePeriod(Period):
    """A period whose dates the sources may give only roughly (a month, a year, "or earlier")."""

    start_precision = _precision(_("precision of start date"))
    end_precision = _precision(_("precision of end date"))

    class Meta:
        abstract = True

    @property
    def is_approximate(self) -> bool:
        return self.start_precision != DatePrecision.DAY or (
            self.end_date is not None and self.end_precision != DatePrecision.DAY
        )
