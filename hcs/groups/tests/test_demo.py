"""The groups of 2024 as the seeds describe them, loaded on top of the demo network."""

from datetime import date

import pytest

from hcs.contacts.models import ContactRole
from hcs.events.models import Event
from hcs.groups.demo import STRATEGIC_GROUP, attach_group_events, load_groups_demo
from hcs.groups.models import Group
from hcs.groups.queries import group_members_on, groups_active_on, organisations_in_group
from hcs.lib.periods import in_effect
from hcs.memberships.queries import members_during

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(demo):
    load_groups_demo("test")
    attach_group_events("test")


def test_every_2024_member_with_an_administrative_contact_is_in_the_strategic_group(groups):
    day = date(2024, 6, 1)
    strategic = Group.objects.get(name=STRATEGIC_GROUP)
    with_contact = {
        row.code
        for row in members_during(2024)
        if ContactRole.objects.filter(
            in_effect(day), kind="administrative", person__organisation__code=row.code
        ).exists()
    }
    assert len(with_contact) == 19  # 20 members; Vara has no administrative contact
    assert "25" in with_contact  # Region Norrbotten, member from June 2024
    assert {o.code for o in organisations_in_group(strategic, day)} == with_contact
    assert {p.role for p in group_members_on(strategic, day)} == {"official"}


def test_region_norrbotten_joins_the_strategic_group_with_its_membership(groups):
    strategic = Group.objects.get(name=STRATEGIC_GROUP)
    codes = {o.code for o in organisations_in_group(strategic, date(2024, 5, 31))}
    assert "25" not in codes


def test_the_groups_open_in_2024_and_the_earlier_theme_groups_are_closed(groups):
    active = [(g.kind, g.name) for g in groups_active_on(date(2024, 6, 1))]
    assert active == [
        ("strategic", "Strategiska gruppen"),
        ("theme", "Delaktighet och inflytande"),
        ("theme", "Hälsofrämjande samhällsplanering"),
        ("working", "IOP-avtal"),
        ("working", "Mötesförberedelser"),
        ("working", "Regionernas grupp"),
    ]
    closed = Group.objects.filter(end_date__isnull=False).order_by("name")
    assert [(g.name, g.end_date.year, g.end_precision) for g in closed] == [
        ("Social och fysisk planering", 2023, "year"),
        ("Sociala investeringar", 2023, "year"),
    ]
    assert all("not in the sources" in g.note for g in closed)


def test_the_regions_group_gathers_the_regions(groups):
    regions = Group.objects.get(name="Regionernas grupp")
    assert {o.kind for o in organisations_in_group(regions, date(2024, 12, 31))} == {"region"}
    assert len(organisations_in_group(regions, date(2024, 12, 31))) == 6


def test_theme_and_working_groups_have_participants(groups):
    for name in ("Delaktighet och inflytande", "IOP-avtal", "Mötesförberedelser"):
        assert group_members_on(Group.objects.get(name=name), date(2024, 12, 31))


def test_the_theme_groups_events_are_linked_to_them(groups):
    linked = Event.objects.filter(group__name="Delaktighet och inflytande")
    assert linked.count() == 3
    assert Event.objects.filter(group__name="Hälsofrämjande samhällsplanering").count() == 2
    unlinked = Event.objects.filter(group__isnull=True)
    assert not unlinked.filter(organiser__startswith="Temagruppen").exists()
    # The strategic group's monthly meetings, where events.demo has them, go to that group.
    assert not unlinked.filter(kind=Event.Kind.STRATEGIC_GROUP).exists()


def test_loading_twice_adds_nothing(groups):
    assert load_groups_demo("test") == {"groups": 0, "participants": 0, "group_meetings": 0}
    assert attach_group_events("test") == 0
