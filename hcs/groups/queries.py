"""Reads of the network's groups, each in a fixed number of queries."""

from datetime import date

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from hcs.groups.models import Group, GroupParticipant
from hcs.lib.periods import in_effect
from hcs.organisations.models import Organisation

# The strategic group first, then theme groups, then working groups.
_KIND_ORDER = Case(
    *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(Group.Kind.values)),
    output_field=IntegerField(),
)


def groups_active_on(day: date) -> list[Group]:
    """The groups open on `day`: the strategic group, theme groups, working groups, by name."""
    return list(
        Group.objects.filter(in_effect(day))
        .annotate(kind_rank=_KIND_ORDER)
        .order_by("kind_rank", "name")
    )


def group_members_on(group: Group, day: date) -> list[GroupParticipant]:
    """The participations of `group` in effect on `day`, by organisation and name."""
    return list(
        GroupParticipant.objects.filter(in_effect(day), group=group)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_name", "person_name")
    )


def organisations_in_group(group: Group, day: date) -> list[Organisation]:
    """The organisations of the register with someone in `group` on `day`, by name."""
    taking_part = GroupParticipant.objects.filter(
        in_effect(day), group=group, organisation=OuterRef("pk")
    )
    return list(Organisation.objects.filter(Exists(taking_part)).order_by("name"))
