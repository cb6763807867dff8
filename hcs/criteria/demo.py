"""The membership criteria as the seeds give them, and the secretariat's 2024 assessments.

- 2024: the current criteria of "Bli medlem" (seed 004). Its third point holds two duties, so it
  is two criteria: taking part in network events, and the annual meeting.
- 2023: the older WHO criteria as Huddinge's minutes list them (seed 000). When the network
  changed to the current ones is not in the sources; 2023 is the last year Huddinge was a member.
- The staff-assessed website criterion is assessed from each member's website as the demo
  records it; the other staff criteria are left for the secretariat.
"""

from datetime import date

from django.db import transaction

from hcs.criteria.models import Criterion, Status
from hcs.criteria.services import assessment_save, criterion_save
from hcs.memberships.queries import members_during
from hcs.organisations.models import Organisation

M = Criterion.Method

# (key, method, Swedish name, English name, extra fields)
CRITERIA_2024 = [
    (
        "contact_persons",
        M.CONTACTS,
        "Utser minst en politisk och en administrativ kontaktperson",
        "Appoints at least one political and one administrative contact person",
        {},
    ),
    (
        "fee_paid",
        M.FEE_PAID,
        "Betalar den årliga medlemsavgiften",
        "Pays the annual membership fee",
        {},
    ),
    (
        "annual_meeting",
        M.ANNUAL_MEETING,
        "Minst en politiker och en tjänsteperson deltar på årsmötet",
        "At least one politician and one official attend the annual meeting",
        {},
    ),
    (
        "network_events",
        M.EVENTS,
        "Deltar i nätverksträffar och andra evenemang",
        "Takes part in network meetings and other events",
        {"threshold": 3},
    ),
    (
        "website",
        M.STAFF,
        "Informerar om medlemskapet på sin hemsida",
        "Presents the membership on its website",
        {"evidence_url_required": True},
    ),
    (
        "local_work",
        M.STAFF,
        "Bidrar med information om sitt lokala och regionala arbete",
        "Contributes information about its local and regional work",
        {},
    ),
    (
        "goals_and_strategies",
        M.STAFF,
        "Ansluter sig till nätverkets mål och strategier",
        "Subscribes to the network's goals and strategies",
        {},
    ),
]

CRITERIA_WHO = [
    (
        "public_health_programme",
        M.STAFF,
        "Har ett politiskt antaget program för det lokala folkhälsoarbetet",
        "Has a politically adopted programme for local public health work",
        {},
    ),
    (
        "public_health_coordinator",
        M.STAFF,
        "Har en heltidsanställd tjänsteperson som samordnar folkhälsoarbetet",
        "Has a full-time official coordinating public health work",
        {},
    ),
    (
        "designated_politician",
        M.STAFF,
        "Har en särskilt utsedd förtroendevald med ansvar för folkhälsoarbetet",
        "Has a designated elected official responsible for public health work",
        {},
    ),
    (
        "public_health_council",
        M.STAFF,
        "Utvecklar det tvärsektoriella folkhälsoarbetet genom folkhälsoråd",
        "Develops cross-sector public health work through a public health council",
        {},
    ),
    (
        "follow_up_and_evaluation",
        M.STAFF,
        "Följer systematiskt upp och utvärderar det lokala folkhälsoarbetet",
        "Systematically follows up and evaluates local public health work",
        {},
    ),
    (
        "follow_up_report",
        M.FOLLOW_UP_REPORT,
        "Redovisar regelbundet den lokala uppföljningen till Healthy Cities",
        "Regularly reports its local follow-up to Healthy Cities",
        {},
    ),
    (
        "cooperation",
        M.STAFF,
        "Samarbetar med andra nätverk och partners kring folkhälsoarbetet",
        "Cooperates with other networks and partners on public health",
        {},
    ),
    (
        "network_meetings",
        M.EVENTS,
        "Deltar i nätverksträffar",
        "Takes part in network meetings",
        {"threshold": 2},
    ),
    (
        "hosting",
        M.STAFF,
        "Är värd för nätverksengagemang",
        "Hosts network activities",
        {},
    ),
]

ASSESSED_ON = date(2024, 12, 10)
# Members whose website the demo secretariat has not yet checked.
WEBSITE_NOT_CHECKED = {"1470", "25"}


@transaction.atomic
def load_criteria_demo(actor) -> dict[str, int]:
    report = {"criteria": 0, "assessments": 0}
    for year, rows in ((2023, CRITERIA_WHO), (2024, CRITERIA_2024)):
        if Criterion.objects.filter(year=year).exists():
            continue
        for position, (key, method, name, name_en, extra) in enumerate(rows, start=1):
            criterion_save(
                criterion=Criterion(
                    year=year,
                    key=key,
                    position=position,
                    name=name,
                    name_en=name_en,
                    method=method,
                    **extra,
                ),
                actor=actor,
            )
            report["criteria"] += 1

    website = Criterion.objects.get(year=2024, key="website")
    if website.assessments.exists():
        return report
    organisations = Organisation.objects.in_bulk(field_name="code")
    for member in members_during(2024):
        if member.code in WEBSITE_NOT_CHECKED or not member.website:
            continue
        assessment_save(
            criterion=website,
            organisation=organisations[member.code],
            status=Status.MET,
            assessed_on=ASSESSED_ON,
            evidence_url=member.website,
            note="Medlemskapet presenteras på webbplatsen.",
            actor=actor,
        )
        report["assessments"] += 1
    return report
