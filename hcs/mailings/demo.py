"""The network's two newsletters of 2024 as sent mailings (the annual report: "Två nyhetsbrev
har skickats ut under året för att informera om aktuella evenemang, seminarier och andra
aktiviteter"). Their words are drawn from the report's events; their days of sending are not in
the sources: they are stored as the ends of the spring and autumn terms (14 June, 13 December
2024), and the recipients as the demo's contact persons of that day, all sent."""

from datetime import date, datetime, time

from django.utils import timezone

from hcs.mailings import audience as audiences
from hcs.mailings.models import Mailing, Recipient

NEWSLETTERS_2024 = [
    (
        date(2024, 6, 14),
        "Nyhetsbrev juni 2024: 20 år, årskonferens och ny medlem",
        """Hej alla medlemmar och andra intresserade!

## Årskonferens och årsmöte i Norrköping

Den 14–15 mars samlades nätverket i Norrköping, i samarbete med Region Östergötland, under
temat *Dåtid, nutid, framtid*. Deltagarna ställde sig bakom nätverkets gemensamma
ställningstagande *Folkhälsan och framtiden*. På årsmötet den 14 mars återvaldes Fredrik
Hansson (S) till ordförande och Håkan Eriksson (C) valdes in i styrelsen.

## Healthy Cities Sverige 20 år

Nätverket grundades 2004 och firar i år 20 år av arbete för social hållbarhet och jämlik hälsa.

## Ny medlem

Region Norrbotten är ny medlem i nätverket från juni. Välkomna!

## Under våren

- 12 april: webbinarium om EU-valet 2024 med temagruppen Delaktighet och inflytande.
- April: workshop om Platskompassen, det skotska verktyget The Place Standard Tool på svenska.
- Sex regionala webbinarier om medlemskap, med ungefär 75 deltagare.

[Läs mer under Aktuellt](/aktuellt/)
""",
    ),
    (
        date(2024, 12, 13),
        "Nyhetsbrev december 2024: höstmöte, välfärdsekonomi och dialoger med unga",
        """Hej alla medlemmar och andra intresserade!

## Höstmöte i Stockholm

Den 21–22 oktober höll nätverket sitt höstmöte i Stockholm under temat *För en jämlik hälsa i
framtiden*, med Folkhälsomyndighetens generaldirektör Olivia Wigzell och Olle Lundberg.

## Nordiskt seminarium om Wellbeing Economy

Den 12 september arrangerade de nordiska Healthy Cities-nätverken ett digitalt seminarium om
välfärdsekonomi, med runt 100 deltagare.

## Dialoger med barn och unga

Den 29 november höll temagruppen Delaktighet och inflytande ett webbinarium om dialoger med
barn och unga. Nästa webbinarium, den 31 januari 2025, handlar om platsens betydelse för
delaktighet och inflytande.

## Platskompassen

I december delade kommunerna som testat Platskompassen sina erfarenheter på ett uppföljande
webbinarium.

[Se kalendern](/kalender/)
""",
    ),
]


def load_mailings_demo(actor) -> int:
    """The two newsletters, sent. Idempotent."""
    created = 0
    zone = timezone.get_current_timezone()
    for day, subject, body in NEWSLETTERS_2024:
        if Mailing.objects.filter(subject=subject).exists():
            continue
        moment = datetime.combine(day, time(9), tzinfo=zone)
        audience = audiences.normalised({"contacts": "all", "subscribers": True})
        mailing = Mailing.objects.create(
            kind=Mailing.Kind.NEWSLETTER,
            subject=subject,
            body_markdown=body,
            audience=audience,
            status=Mailing.Status.SENT,
            send_at=moment,
            started_at=moment,
            finished_at=moment,
        )
        Recipient.objects.bulk_create(
            Recipient(
                mailing=mailing,
                email=a.email,
                name=a.name[:150],
                person_id=a.person_id,
                status=Recipient.Status.SENT,
                claimed_at=moment,
                sent_at=moment,
            )
            for a in audiences.addresses(audience, mailing.kind, day)
        )
        created += 1
    return created
