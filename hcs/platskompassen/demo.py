"""A demo of Platskompassen: a fictional pilot place with a closed, published round of
generated answers, and a planner's login for the member. The sources say the theme group piloted
the tool with members in 2024, not where: the place and the answers are invented (seeded, so the
demo is the same every time)."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hcs.accounts.models import MemberAccount
from hcs.organisations.models import Organisation
from hcs.platskompassen.core_tool import load_core_tool
from hcs.platskompassen.models import Place, Response, Theme, ToolVersion
from hcs.platskompassen.services import place_create, response_submit, round_create

PLANNER = {"username": "planerare", "password": "healthy-cities-demo", "member": "1488"}
ANSWERS = 60
COMMENTS = {
    "moving_around": ("Nya cykelbanan längs älven", "Saknas övergångsställe vid skolan"),
    "natural_space": ("Närheten till Göta älv", "Fler bänkar i parken"),
    "feeling_safe": ("Många människor i rörelse på dagen", "Mörkt vid busshållplatsen på kvällen"),
    "social_contact": ("Biblioteket är en bra mötesplats", "Inget för unga på kvällarna"),
}


@transaction.atomic
def load_platskompassen_demo(actor) -> dict[str, int]:
    report = {"places": 0, "responses": 0}
    # Migration 0002 loads it; a database emptied since (a test's flush) gets it back here.
    load_core_tool(ToolVersion, Theme)
    organisation = Organisation.objects.get(code=PLANNER["member"])
    _planner(organisation)
    if Place.objects.filter(organisation=organisation).exists():
        return report
    place = place_create(
        organisation=organisation,
        name="Centrum (pilot)",
        description="Exempel: en påhittad pilotplats med genererade svar.",
        actor=actor,
    )
    report["places"] = 1
    round_ = round_create(
        place=place,
        title="Pilot hösten 2024",
        opens=date(2024, 9, 2),
        closes=date(2024, 10, 31),
        background_questions=["age_band", "relation"],
        publish_results=True,
        actor=actor,
    )
    themes = list(ToolVersion.objects.get(is_default=True).themes.order_by("position"))
    rng = random.Random(2024)
    for n in range(ANSWERS):
        scores = {}
        for position, theme in enumerate(themes):
            if rng.random() < 0.1:
                scores[theme.key] = None  # skipped
            else:
                centre = 3 + (position % 4)  # some themes fare better than others
                scores[theme.key] = max(1, min(7, round(rng.gauss(centre, 1.3))))
        comments = {}
        for key, (good, better) in COMMENTS.items():
            if rng.random() < 0.25:
                comments[key] = {"good": good, "better": better}
        background = {
            "age_band": rng.choice([*Response.AgeBand.values, ""]),
            "relation": rng.choice(["live", "live", "work", "visit"]),
        }
        response_submit(
            round_=round_,
            scores=scores,
            comments=comments,
            background=background,
            today=date(2024, 9, 2 + n % 28),
        )
    report["responses"] = ANSWERS
    # An open round from the day the demo is loaded, to try the survey on.
    today = timezone.localdate()
    round_create(
        place=place,
        title="Uppföljning",
        opens=today,
        closes=today + timedelta(days=90),
        background_questions=["age_band", "relation", "area"],
        publish_results=True,
        actor=actor,
    )
    return report


def _planner(organisation: Organisation) -> None:
    users = get_user_model()
    if users.objects.filter(username=PLANNER["username"]).exists():
        return
    user = users.objects.create_user(
        PLANNER["username"], "planerare@example.org", PLANNER["password"]
    )
    MemberAccount.objects.create(user=user, organisation=organisation, planner=True)
