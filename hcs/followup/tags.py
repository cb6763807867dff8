"""What a follow-up answer is tagged with: the national public-health policy's eight target
areas, the 17 Sustainable Development Goals, WHO's six Ps and the network's four strategies
(DOMAIN.md; the strategies from seed 003). Keys are stable; labels are shown."""

from django.utils.translation import gettext_lazy as _

POLICY_AREAS = [
    ("fhp1", "1 Det tidiga livets villkor"),
    ("fhp2", "2 Kunskaper, kompetenser och utbildning"),
    ("fhp3", "3 Arbete, arbetsförhållanden och arbetsmiljö"),
    ("fhp4", "4 Inkomster och försörjningsmöjligheter"),
    ("fhp5", "5 Boende och närmiljö"),
    ("fhp6", "6 Levnadsvanor"),
    ("fhp7", "7 Kontroll, inflytande och delaktighet"),
    ("fhp8", "8 En jämlik och hälsofrämjande hälso- och sjukvård"),
]
SDGS = [(f"sdg{n}", f"Mål {n}") for n in range(1, 18)]
SIX_PS = [
    ("p_people", "People"),
    ("p_place", "Place"),
    ("p_participation", "Participation"),
    ("p_prosperity", "Prosperity"),
    ("p_peace", "Peace"),
    ("p_planet", "Planet"),
]
STRATEGIES = [
    ("s1", "1 Visa på interventioner som fungerar"),
    ("s2", "2 Stödja förtroendevalda och tjänstepersoner"),
    ("s3", "3 Höja kunskapsnivån och sprida kunskapen"),
    ("s4", "4 Bli en röst i samhället"),
]
GROUPS = [
    (_("The national public-health policy's target areas"), POLICY_AREAS),
    (_("Agenda 2030: the Sustainable Development Goals"), SDGS),
    (_("WHO's six Ps"), SIX_PS),
    (_("The network's four strategies"), STRATEGIES),
]
LABELS = {key: label for _group, tags in GROUPS for key, label in tags}
