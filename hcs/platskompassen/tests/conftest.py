from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from hcs.accounts.models import MemberAccount
from hcs.organisations.models import Organisation
from hcs.platskompassen.services import place_create, round_create


@pytest.fixture
def lulea(demo):
    return Organisation.objects.get(code="2580")


@pytest.fixture
def planner(lulea):
    user = get_user_model().objects.create_user("planerare", "planerare@example.org", "pw")
    MemberAccount.objects.create(user=user, organisation=lulea, planner=True)
    return user


@pytest.fixture
def planner_client(planner):
    client = Client()
    client.force_login(planner)
    return client


@pytest.fixture
def place(lulea):
    return place_create(organisation=lulea, name="Centrum", description="Torget", actor="test")


@pytest.fixture
def open_round(place):
    today = timezone.localdate()
    return round_create(
        place=place,
        title="Våren",
        opens=today - timedelta(days=1),
        closes=today + timedelta(days=30),
        background_questions=["age_band", "area"],
        actor="test",
    )


@pytest.fixture
def closed_round(place):
    return round_create(
        place=place, title="2024", opens=date(2024, 4, 1), closes=date(2024, 5, 31), actor="test"
    )
