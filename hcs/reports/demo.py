"""The 2024 annual report of the demo: published, with the board's closing words as the 2024
report prints them (seed 002, "STYRELSENS SLUTORD", its first, second and last paragraphs)."""

from hcs.reports.models import AnnualReportEdition
from hcs.reports.services import annual_report_edit, annual_report_publish

CLOSING_2024 = """Hej kära medlemmar!

2024 har varit ett omvälvande år där omvärldsläget har påverkat oss alla. Oro och krig i vårt
närområde, demokratin som utmanas på många håll i världen och ett debattklimat som polariserar och
skapar splittring och konflikter. Det känns som att Healthy Cities Sveriges nätverk, med våra
värderingar och ställningstaganden, behövs mer än någonsin!

Vi har under året tillsammans tagit ytterligare steg mot vår ambition om en positionsförflyttning
för jämlik hälsa.

Stort tack för alla värdefulla insatser och den energi ni medlemmar har bidragit med under året!
Vi i styrelsen ser fram emot ett 2025 där vi tillsammans vågar prioritera, samarbeta och växa –
både i antal medlemmar och i engagemang – för att nå våra gemensamma mål.

Med värme och framtidstro,
Styrelsen Healthy Cities Sverige
"""


def load_annual_report_demo(actor) -> int:
    """The 2024 report's closing words, published. Idempotent."""
    if AnnualReportEdition.objects.filter(year=2024).exists():
        return 0
    annual_report_edit(year=2024, texts={"closing": CLOSING_2024}, hidden=[], actor=actor)
    annual_report_publish(year=2024, actor=actor)
    return 1
