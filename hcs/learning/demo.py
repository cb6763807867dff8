"""Learning examples for the demo: four members' good practice, published, one for members only
and one waiting for approval. Illustrative: the seeds name the idea (seed 004: spreading
learning examples) but no example of a member; the texts are written for the demo, from the
kinds of work the seeds describe (Platskompassen, health-promoting planning, participation,
social investments)."""

from hcs.learning.models import LearningExample
from hcs.learning.services import ExampleData, example_create, example_submit
from hcs.organisations.models import Organisation

EXAMPLES = [
    (
        "1380",
        ExampleData(
            title="Platskompassen på skolgården: eleverna bedömer sin närmiljö",
            summary=(
                "Halmstads kommun använde Platskompassen tillsammans med elever i årskurs 8 på "
                "tre skolor. Eleverna bedömde skolans närmiljö, och resultaten blev underlag "
                "för en ny skolgård och säkrare skolvägar."
            ),
            body=(
                "## Vad vi gjorde\n\nTre skolor deltog under våren. Eleverna gick runt i "
                "närområdet i grupper och svarade på Platskompassens 14 frågor.\n\n"
                "## Vad det gav\n\n- Skolvägarna pekades ut som otrygga på kvällen\n"
                "- Skolgården fick fler platser för rörelse och vila\n"
                "- Eleverna fick se att deras svar ledde till beslut\n"
            ),
            tags=["fhp2", "fhp5", "fhp7", "sdg3", "sdg11", "p_place", "p_participation", "s1"],
            links=[("https://www.halmstad.se/", "Halmstads kommun")],
        ),
        "approve",
    ),
    (
        "1280",
        ExampleData(
            title="Hälsofrämjande samhällsplanering i en ny stadsdel",
            summary=(
                "Malmö stad förde in hälsokonsekvensbedömningar tidigt i planeringen av en ny "
                "stadsdel, med boende, skolor och föreningar i dialogen."
            ),
            body=(
                "Planerare och folkhälsostrateger arbetade i samma grupp från början. "
                "Dialogerna hölls på platser där de boende redan fanns: i skolan, på "
                "biblioteket och på torget."
            ),
            tags=["fhp5", "fhp7", "sdg11", "p_place", "p_planet", "s1", "s3"],
        ),
        "approve",
    ),
    (
        "2580",
        ExampleData(
            title="Ungas inflytande genom ett ungdomsråd med egen budget",
            summary=(
                "Luleå kommuns ungdomsråd fördelar en egen budget till ungas förslag. Flera "
                "förslag har gällt mötesplatser och aktiviteter på kvällar och helger."
            ),
            body="Rådet väljs varje år av eleverna på kommunens gymnasieskolor.",
            tags=["fhp7", "sdg10", "sdg16", "p_participation", "p_peace", "s2"],
            public=False,
        ),
        "approve",
    ),
    (
        "05",
        ExampleData(
            title="Sociala investeringar för barns tidiga livsvillkor",
            summary=(
                "Region Östergötland och två kommuner prövar en social investeringsfond för "
                "tidiga insatser till familjer med små barn."
            ),
            tags=["fhp1", "fhp4", "sdg1", "sdg3", "p_people", "p_prosperity"],
        ),
        "submit",
    ),
]


def load_learning_demo(actor) -> int:
    if LearningExample.objects.exists():
        return 0
    made = 0
    for code, data, step in EXAMPLES:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            continue
        example = example_create(
            organisation=organisation, data=data, actor=actor, approve=step == "approve"
        )
        if step == "submit":
            example_submit(example=example, actor=actor)
        made += 1
    return made
