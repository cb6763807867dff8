"""The core Place Standard tool (2015 wording) with the network's draft Swedish labelling.

Loaded by migration 0002 so every installation has it; the network edits the Swedish text in the
admin. The prompts are the platform's own short aids, not the official tool's text."""

CORE_TOOL = {
    "key": "core-2015",
    "name": "Platskompassen (grundversionen)",
    "name_en": "Place Standard (core tool)",
    "scale_max": 7,
    "is_default": True,
}

# (key, Swedish name, English name, Swedish question, English question, Swedish prompts,
#  English prompts)
CORE_THEMES = [
    (
        "moving_around",
        "Att ta sig fram",
        "Moving around",
        "Kan jag enkelt gå och cykla här på bra gång- och cykelvägar?",
        "Can I easily walk and cycle around using good-quality routes?",
        "Är vägarna sammanhängande och trygga?\nFungerar de för alla, med rullstol eller barnvagn?",
        "Are the routes connected and safe?\nDo they work for all, with a wheelchair or a pram?",
    ),
    (
        "public_transport",
        "Kollektivtrafik",
        "Public transport",
        "Motsvarar kollektivtrafiken mina behov?",
        "Does public transport meet my needs?",
        "Går den dit jag behöver, när jag behöver?\nÄr hållplatserna lätta att nå?",
        "Does it go where and when I need it?\nAre the stops easy to reach?",
    ),
    (
        "traffic_parking",
        "Trafik och parkering",
        "Traffic and parking",
        "Gör trafiken och parkeringen att människor kan röra sig säkert och att "
        "områdets behov möts?",
        "Do traffic and parking arrangements allow people to move around safely and meet the "
        "community's needs?",
        "Hastigheter, buller och luft\nFinns det plats för både fotgängare och fordon?",
        "Speeds, noise and air\nIs there room for people on foot as well as vehicles?",
    ),
    (
        "streets_spaces",
        "Gator och platser",
        "Streets and spaces",
        "Skapar byggnader, gator och offentliga platser en tilltalande plats som är lätt att "
        "hitta i?",
        "Do buildings, streets and public spaces create an attractive place that is easy to "
        "get around?",
        "Är platsen lätt att hitta i?\nFinns det ställen att sitta och vila?",
        "Is it easy to find your way?\nAre there places to sit and rest?",
    ),
    (
        "natural_space",
        "Natur",
        "Natural space",
        "Kan jag regelbundet vistas i natur och grönska av god kvalitet?",
        "Can I regularly experience good-quality natural space?",
        "Parker, skog, vatten och träd\nÄr grönområdena nära och välkomnande?",
        "Parks, woods, water and trees\nAre green spaces close and welcoming?",
    ),
    (
        "play_recreation",
        "Lek och rekreation",
        "Play and recreation",
        "Har jag tillgång till olika platser för lek och rekreation?",
        "Can I access a range of spaces with opportunities for play and recreation?",
        "För barn, unga, vuxna och äldre\nUnder hela året",
        "For children, young people, adults and older people\nAll year round",
    ),
    (
        "facilities_amenities",
        "Service och faciliteter",
        "Facilities and amenities",
        "Motsvarar service och faciliteter mina behov?",
        "Do facilities and amenities meet my needs?",
        "Affärer, skola, vård, bibliotek\nÄr de lätta att nå?",
        "Shops, school, health care, library\nAre they easy to reach?",
    ),
    (
        "work_economy",
        "Arbete och lokal ekonomi",
        "Work and local economy",
        "Finns det ett aktivt lokalt näringsliv och möjlighet till bra arbete?",
        "Is there an active local economy and the opportunity to access good-quality work?",
        "Arbetstillfällen, praktik och utbildning\nLokala företag och föreningar",
        "Jobs, work experience and training\nLocal businesses and associations",
    ),
    (
        "housing_community",
        "Bostäder och gemenskap",
        "Housing and community",
        "Motsvarar bostäderna i mitt område behoven hos dem som bor här?",
        "Do the homes in my area support the needs of the community?",
        "Olika slags bostäder och storlekar\nÄr boendet tryggt, varmt och prisvärt?",
        "Different kinds and sizes of homes\nAre homes safe, warm and affordable?",
    ),
    (
        "social_contact",
        "Sociala kontakter",
        "Social contact",
        "Finns det olika platser och tillfällen att träffa andra?",
        "Is there a range of spaces and opportunities to meet people?",
        "Mötesplatser inomhus och utomhus\nAktiviteter för alla åldrar",
        "Meeting places indoors and out\nActivities for all ages",
    ),
    (
        "identity_belonging",
        "Identitet och tillhörighet",
        "Identity and belonging",
        "Har platsen en positiv identitet och känner jag att jag hör hemma här?",
        "Does this place have a positive identity and do I feel I belong?",
        "Platsens historia och kultur\nKänner sig alla välkomna?",
        "The place's history and culture\nDoes everyone feel welcome?",
    ),
    (
        "feeling_safe",
        "Trygghet",
        "Feeling safe",
        "Känner jag mig trygg här?",
        "Do I feel safe here?",
        "På dagen och på kvällen\nBelysning och överblick",
        "By day and in the evening\nLighting and being seen",
    ),
    (
        "care_maintenance",
        "Skötsel och underhåll",
        "Care and maintenance",
        "Är byggnader och platser väl omhändertagna?",
        "Are buildings and spaces well cared for?",
        "Skräp, klotter och skadegörelse\nVet jag vem jag ska kontakta?",
        "Litter, graffiti and damage\nDo I know whom to contact?",
    ),
    (
        "influence_control",
        "Inflytande och delaktighet",
        "Influence and sense of control",
        "Känner jag att jag kan vara med och påverka beslut och förändra till det bättre?",
        "Do I feel able to take part in decisions and help change things for the better?",
        "Blir jag lyssnad på?\nVet jag hur jag kan påverka?",
        "Am I listened to?\nDo I know how to make a difference?",
    ),
]


def load_core_tool(ToolVersion, Theme) -> None:
    """Create the core tool if it is missing (models passed in: usable from a migration)."""
    if ToolVersion.objects.filter(key=CORE_TOOL["key"]).exists():
        return
    tool = ToolVersion.objects.create(**CORE_TOOL)
    Theme.objects.bulk_create(
        Theme(
            tool=tool,
            key=key,
            position=position,
            name=name,
            name_en=name_en,
            question=question,
            question_en=question_en,
            prompts=prompts,
            prompts_en=prompts_en,
        )
        for position, (key, name, name_en, question, question_en, prompts, prompts_en) in enumerate(
            CORE_THEMES, start=1
        )
    )
    # bulk_create sends no signals: forget any theme ids this process has kept.
    from hcs.platskompassen.services import forget_theme_ids

    forget_theme_ids()
