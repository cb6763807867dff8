"""A follow-up form of the current year for the demo, its questions drawn from the criteria the
seeds name (seed 000's WHO criteria: a politically adopted programme, a public-health council,
systematic follow-up; seed 004: information about the local work). Illustrative: the network's
own form is not in the seeds."""

from datetime import date

from django.utils import timezone

from hcs.followup.models import FollowupForm
from hcs.followup.services import form_create, question_add

QUESTIONS = [
    ("Beskriv kort årets viktigaste insatser för en god och jämlik hälsa.", "text", [], True),
    ("Har ni ett politiskt antaget program för folkhälsoarbetet?", "yesno", [], True),
    ("Har ni ett tvärsektoriellt folkhälsoråd?", "yesno", [], False),
    (
        "Hur följer ni upp och utvärderar folkhälsoarbetet?",
        "choice",
        ["Varje år", "Vartannat år", "Mer sällan", "Inte systematiskt"],
        True,
    ),
    (
        "Hur många tjänstepersoner arbetar strategiskt med folkhälsa (heltider)?",
        "number",
        [],
        False,
    ),
    ("Vilka av nätverkets strategier har ni arbetat med?", "tags", [], False),
]


def load_followup_demo(actor) -> int:
    year = timezone.localdate().year
    if FollowupForm.objects.filter(year=year).exists():
        return 0
    form = form_create(year=year, deadline=date(year + 1, 1, 31), actor=actor)
    for text, kind, choices, required in QUESTIONS:
        question_add(
            form=form, text=text, kind=kind, choices=choices, required=required, actor=actor
        )
    return 1
