"""Deny by default: a walk over every URL, by seven roles, checks what each may see.

The roles: an anonymous visitor; the member contact of member A (Luleå) and of member B
(Malmö); a planner of member C (Trollhättan); staff without any permission; the coordinator
(the Kansli group); the administrator (a superuser). Each URL is opened by each role with real
objects (an event, an invoice, a place, a round …), and the answer must be the one written in
ROUTES below; a member's contact must find nothing of another member's in any page made for
them. A URL not in ROUTES fails the build until someone decides who may see it.

API routes that need a token are opened with the role's token (staff) or none; the rest with
the role's session.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.admin import site as admin_site
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from hcs.accounts.services import api_token_create, coordinator_group_ensure
from hcs.accounts.testing import member_contact_user, planner_user
from hcs.applications.services import application_submit
from hcs.contacts.models import ContactPerson, ContactProposal
from hcs.content.models import Attachment, Entry
from hcs.content.services import contact_message_submit, entry_create
from hcs.events.emails import cancel_token
from hcs.events.models import Event
from hcs.events.services import registration_create
from hcs.governance.models import AnnualMeeting, BoardMeeting, BoardTerm
from hcs.groups.models import Group, GroupParticipant
from hcs.invoices.models import Invoice
from hcs.learning.models import Attachment as LearningAttachment
from hcs.learning.models import LearningExample
from hcs.learning.services import ExampleData, example_create
from hcs.mail.models import OutgoingEmail
from hcs.mailings.emails import unsubscribe_token
from hcs.mailings.models import Mailing
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation
from hcs.platskompassen.services import place_create, round_create

pytestmark = pytest.mark.long

ROLES = (
    "anonymous",
    "member_a",
    "member_b",
    "planner",
    "former",
    "board",
    "staff",
    "coordinator",
    "superuser",
)
A, B, C = "2580", "1280", "1488"  # Luleå, Malmö, Trollhättan

# Who gets what: one status per role, in the order of ROLES.
PUBLIC = (200,) * 9
LOGIN = "login"  # 302 to the log-in page
SECRETARIAT = (LOGIN, 403, 403, 403, 403, 403, 403, 200, 200)
# a form's POST, opened by GET
SECRETARIAT_POST = (LOGIN, 403, 403, 403, 403, 403, 403, 405, 405)
MEMBERS = (LOGIN, 200, 200, 403, 403, 403, 403, 403, 403)  # member contacts of a member
ONLY_A = (LOGIN, 200, 403, 403, 403, 403, 403, 200, 200)  # A's own Platskompassen records
PLANNERS = (LOGIN, 200, 403, 200, 403, 403, 403, 200, 200)
DOCUMENTS = (LOGIN, 200, 200, 403, 403, 200, 403, 200, 200)  # members' documents
BOARD_PAPERS = (LOGIN, 403, 403, 403, 403, 200, 403, 200, 200)
OWN_ACCOUNT = (LOGIN, 200, 200, 200, 200, 403, 403, 403, 403)  # My data: a member account
LOGGED_IN = (LOGIN,) + (200,) * 8
POST_ONLY = (LOGIN,) + (405,) * 8  # a logged-in form's POST, opened by GET
TOKEN = (401, 401, 401, 401, 401, 401, 403, 200, 200)  # the API with a staff token
TOKEN_POST = (401, 401, 401, 401, 401, 401, 403, 405, 405)
NOT_GET = (405,) * 9


@dataclass(frozen=True)
class Sample:
    """One URL of a route, and the status each role must get."""

    url: str
    expected: tuple[int, ...]


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


def _own_routes():
    return sorted(
        r for r in set(_routes(get_resolver().url_patterns)) if not r.startswith("/admin/")
    )


def samples(o) -> dict[str, list[Sample]]:
    """Every route of the platform with the URLs it is walked with; `o` holds the objects."""
    year = 2024
    return {
        # The public site
        "/": [Sample("/", PUBLIC)],
        "/medlemmar/": [Sample("/medlemmar/?ar=2024", PUBLIC)],
        "/medlemmar/<str:code>/": [Sample(f"/medlemmar/{A}/", PUBLIC)],
        "/bli-medlem/": [Sample("/bli-medlem/", PUBLIC)],
        "/om-natverket/": [Sample("/om-natverket/", PUBLIC)],
        "/grupper/": [Sample("/grupper/", PUBLIC)],
        "/aktuellt/": [Sample("/aktuellt/", PUBLIC)],
        "/aktuellt/atom.xml": [Sample("/aktuellt/atom.xml", PUBLIC)],
        "/aktuellt/<slug:slug>/": [
            Sample(f"/aktuellt/{o.news}/", PUBLIC),
            Sample("/aktuellt/walk-utkast/", (404,) * 9),  # a draft, even for the secretariat
        ],
        "/publikationer/": [Sample("/publikationer/", PUBLIC)],
        "/publikationer/<slug:slug>/": [Sample(f"/publikationer/{o.publication}/", PUBLIC)],
        "/kontakt/": [Sample("/kontakt/", PUBLIC)],
        "/larande-exempel/": [Sample("/larande-exempel/?q=skolan&tagg=fhp5", PUBLIC)],
        "/larande-exempel/<int:pk>/": [
            Sample(f"/larande-exempel/{o.learning_public}/", PUBLIC),
            # For members only: the anonymous visitor is asked to log in.
            Sample(
                f"/larande-exempel/{o.learning_members}/",
                (LOGIN, 200, 200, 404, 404, 200, 404, 200, 200),
            ),
            # Malmö's draft: Malmö's contact and the secretariat only.
            Sample(
                f"/larande-exempel/{o.learning_draft_b}/",
                (404, 404, 200, 404, 404, 404, 404, 200, 200),
            ),
        ],
        "/larande-exempel/filer/<int:pk>/<str:name>": [
            Sample(
                f"/larande-exempel/filer/{o.learning_file}/walk.gif",
                (404, 200, 200, 404, 404, 200, 404, 200, 200),
            ),
            Sample(f"/larande-exempel/filer/{o.learning_file}/annat.gif", (404,) * 9),
        ],
        "/tillganglighet/": [Sample("/tillganglighet/", PUBLIC)],
        "/personuppgifter/": [Sample("/personuppgifter/", PUBLIC)],
        "/filer/<int:pk>/<str:name>": [
            Sample(f"/filer/{o.draft_attachment}/walk.gif", (404,) * 7 + (200, 200)),
            Sample(f"/filer/{o.draft_attachment}/annat.gif", (404,) * 9),
        ],
        # The annual activity report: public once published (2024 in the demo)
        "/verksamhetsberattelse/<int:year>/": [
            Sample("/verksamhetsberattelse/2024/", PUBLIC),
            Sample("/verksamhetsberattelse/2023/", (404,) * 7 + (200, 200)),
            Sample("/verksamhetsberattelse/1999/", (404,) * 9),
        ],
        "/verksamhetsberattelse/<int:year>.pdf": [
            Sample("/verksamhetsberattelse/2024.pdf", PUBLIC),
            Sample("/verksamhetsberattelse/2023.pdf", (404,) * 7 + (200, 200)),
        ],
        "/kansli/ekonomi/verksamhetsberattelse/<int:year>/": [
            Sample("/kansli/ekonomi/verksamhetsberattelse/2024/", SECRETARIAT)
        ],
        "/api/v1/annual-report/<year>": [
            Sample("/api/v1/annual-report/2024", PUBLIC),  # published in the demo
            Sample("/api/v1/annual-report/2023", (404,) * 7 + (200, 200)),  # not published
        ],
        # Members' follow-up
        "/kansli/uppfoljning/<int:year>/": [Sample("/kansli/uppfoljning/2024/", SECRETARIAT)],
        "/kansli/uppfoljning/svar/<int:pk>/": [
            Sample("/kansli/uppfoljning/svar/999999/", (LOGIN,) + (403,) * 6 + (404, 404))
        ],
        "/api/v1/followups/<year>": [Sample("/api/v1/followups/2024", TOKEN)],
        "/api/v1/learning-examples": [Sample("/api/v1/learning-examples?q=skolan", PUBLIC)],
        "/kansli/larande-exempel/": [Sample("/kansli/larande-exempel/", SECRETARIAT)],
        "/kansli/larande-exempel/nytt/": [
            Sample(f"/kansli/larande-exempel/nytt/?org={A}", SECRETARIAT)
        ],
        "/kansli/larande-exempel/<int:pk>/": [
            Sample(f"/kansli/larande-exempel/{o.learning_draft_b}/", SECRETARIAT)
        ],
        "/kansli/uppfoljning/<int:year>.xlsx": [
            Sample("/kansli/uppfoljning/1999.xlsx", (LOGIN,) + (403,) * 6 + (404, 404))
        ],
        # Newsletters and mailings
        "/nyhetsbrev/": [Sample("/nyhetsbrev/", PUBLIC)],
        "/nyhetsbrev/<int:pk>/": [Sample(f"/nyhetsbrev/{o.newsletter}/", PUBLIC)],
        "/nyhetsbrev/prenumerera/": [Sample("/nyhetsbrev/prenumerera/", PUBLIC)],
        "/nyhetsbrev/bekrafta/<str:token>/": [Sample("/nyhetsbrev/bekrafta/nagot/", PUBLIC)],
        "/nyhetsbrev/avregistrera/<str:token>/": [
            Sample(f"/nyhetsbrev/avregistrera/{unsubscribe_token('walk@example.org')}/", PUBLIC),
            Sample("/nyhetsbrev/avregistrera/forged:x/", (404,) * 9),
        ],
        "/kansli/utskick/": [Sample("/kansli/utskick/", SECRETARIAT)],
        "/kansli/utskick/nytt/": [Sample("/kansli/utskick/nytt/", SECRETARIAT)],
        "/kansli/utskick/<int:pk>/": [Sample(f"/kansli/utskick/{o.newsletter}/", SECRETARIAT)],
        "/api/v1/mailings": [Sample("/api/v1/mailings", NOT_GET)],
        "/api/v1/mailings/<mailing_id>": [Sample(f"/api/v1/mailings/{o.newsletter}", TOKEN)],
        "/api/v1/mailings/<mailing_id>/send": [
            Sample(f"/api/v1/mailings/{o.newsletter}/send", NOT_GET)
        ],
        "/api/v1/subscribers": [Sample("/api/v1/subscribers", NOT_GET)],
        # The secretariat's texts and messages
        "/kansli/innehall/": [Sample("/kansli/innehall/?typ=news", SECRETARIAT)],
        "/kansli/innehall/forhandsvisning/": [
            Sample("/kansli/innehall/forhandsvisning/", SECRETARIAT_POST)
        ],
        "/kansli/innehall/ny/<str:kind>/": [
            Sample("/kansli/innehall/ny/publication/", SECRETARIAT),
            Sample("/kansli/innehall/ny/page/", (LOGIN,) + (403,) * 6 + (404, 404)),
        ],
        "/kansli/innehall/<int:pk>/": [Sample("/kansli/innehall/1/", SECRETARIAT)],
        "/kansli/innehall/<int:pk>/historik/": [
            Sample("/kansli/innehall/1/historik/", SECRETARIAT)
        ],
        "/kansli/innehall/<int:pk>/avpublicera/": [
            Sample("/kansli/innehall/1/avpublicera/", SECRETARIAT_POST)
        ],
        "/kansli/innehall/<int:pk>/bilagor/": [
            Sample("/kansli/innehall/1/bilagor/", SECRETARIAT_POST)
        ],
        "/kansli/innehall/bilagor/<int:pk>/ta-bort/": [
            Sample(f"/kansli/innehall/bilagor/{o.draft_attachment}/ta-bort/", SECRETARIAT_POST)
        ],
        "/kansli/meddelanden/": [Sample("/kansli/meddelanden/", SECRETARIAT)],
        "/kansli/meddelanden/<int:pk>/": [
            Sample(f"/kansli/meddelanden/{o.contact_message}/", SECRETARIAT_POST)
        ],
        "/healthz": [Sample("/healthz", PUBLIC)],
        # Public (no log-in for anyone); 503 here because no worker beats during this walk.
        "/readyz": [Sample("/readyz", (503,) * 9)],
        "/sitemap.xml": [Sample("/sitemap.xml", PUBLIC)],
        "/robots.txt": [Sample("/robots.txt", PUBLIC)],
        "/kalender/": [Sample("/kalender/", PUBLIC)],
        "/kalender.ics": [Sample("/kalender.ics", PUBLIC)],
        "/kalender/<int:pk>/": [
            Sample(f"/kalender/{o.public_event}/", PUBLIC),
            Sample(f"/kalender/{o.members_event}/", (404, 200, 200, 404, 404, 200, 404, 200, 200)),
            Sample(f"/kalender/{o.board_event}/", (404, 404, 404, 404, 404, 200, 404, 200, 200)),
        ],
        "/kalender/<int:pk>/anmal-flera/": [
            Sample(f"/kalender/{o.members_event}/anmal-flera/", MEMBERS)
        ],
        "/kalender/avboka/<str:token>/": [
            Sample(f"/kalender/avboka/{o.cancel_token}/", PUBLIC),
            Sample("/kalender/avboka/MQ:forged/", (404,) * 9),
        ],
        "/i18n/setlang/": [Sample("/i18n/setlang/", (302,) * 9)],
        # Accounts
        "/konto/": [Sample("/konto/", (LOGIN,) + (302,) * 8)],
        "/konto/logga-in/": [Sample("/konto/logga-in/", (200,) + (302,) * 8)],
        "/konto/logga-ut/": [Sample("/konto/logga-ut/", POST_ONLY)],
        "/konto/tva-steg/": [Sample("/konto/tva-steg/", (LOGIN,) * 9)],
        "/konto/tva-steg/aktivera/": [Sample("/konto/tva-steg/aktivera/", LOGGED_IN)],
        "/konto/tva-steg/reservkoder/": [Sample("/konto/tva-steg/reservkoder/", LOGGED_IN)],
        "/konto/tva-steg/reservkoder/nya/": [Sample("/konto/tva-steg/reservkoder/nya/", POST_ONLY)],
        "/konto/tva-steg/stang-av/": [Sample("/konto/tva-steg/stang-av/", POST_ONLY)],
        "/konto/inbjudan/<str:token>/": [Sample("/konto/inbjudan/ogiltig/", (404,) * 9)],
        "/konto/inbjudan/": [Sample("/konto/inbjudan/", (404,) * 9)],
        "/konto/ny-adress/<str:token>/": [Sample("/konto/ny-adress/MQ:forged/", (404,) * 9)],
        "/konto/nytt-losenord/": [Sample("/konto/nytt-losenord/", PUBLIC)],
        "/konto/nytt-losenord/skickat/": [Sample("/konto/nytt-losenord/skickat/", PUBLIC)],
        "/konto/nytt-losenord/<uidb64>/<token>/": [
            Sample("/konto/nytt-losenord/MQ/ogiltig/", PUBLIC)
        ],
        "/konto/nytt-losenord/klart/": [Sample("/konto/nytt-losenord/klart/", PUBLIC)],
        # The member portal
        "/medlem/kriterier/": [Sample("/medlem/kriterier/", MEMBERS)],
        **{
            f"/medlem/{suffix}": [Sample(f"/medlem/{suffix}", MEMBERS)]
            for suffix in (
                "",
                "fakturor/",
                "kontaktpersoner/",
                "evenemang/",
                "grupper/",
                "uppfoljning/",
                "larande-exempel/",
                "larande-exempel/nytt/",
            )
        },
        "/medlem/larande-exempel/<int:pk>/": [
            Sample(
                f"/medlem/larande-exempel/{o.learning_draft_b}/",
                (LOGIN, 404, 200, 403, 403, 403, 403, 403, 403),
            )
        ],
        "/medlem/evenemang/anmalningar/<int:pk>/avboka/": [
            Sample(f"/medlem/evenemang/anmalningar/{o.registration}/avboka/", POST_ONLY)
        ],
        "/medlem/dokument/": [Sample("/medlem/dokument/", DOCUMENTS)],
        "/medlem/dokument/arsmoten/<int:pk>/": [
            Sample(f"/medlem/dokument/arsmoten/{o.annual_meeting}/", DOCUMENTS)
        ],
        "/medlem/dokument/styrelsemoten/<int:pk>/": [
            Sample(f"/medlem/dokument/styrelsemoten/{o.board_meeting}/", BOARD_PAPERS)
        ],
        "/medlem/dokument/styrelsemoten/<int:pk>/protokoll.pdf": [
            Sample(f"/medlem/dokument/styrelsemoten/{o.board_meeting}/protokoll.pdf", BOARD_PAPERS)
        ],
        "/medlem/mina-uppgifter/": [Sample("/medlem/mina-uppgifter/", OWN_ACCOUNT)],
        "/medlem/mina-uppgifter/export.json": [
            Sample("/medlem/mina-uppgifter/export.json", OWN_ACCOUNT)
        ],
        **{
            f"/medlem/mina-uppgifter/{suffix}": [
                Sample(f"/medlem/mina-uppgifter/{suffix}", POST_ONLY)
            ]
            for suffix in ("ny-adress/", "radering/", "api-nyckel/")
        },
        "/medlem/mina-uppgifter/api-nyckel/<int:pk>/aterkalla/": [
            Sample("/medlem/mina-uppgifter/api-nyckel/1/aterkalla/", POST_ONLY)
        ],
        # Platskompassen
        "/platskompassen/": [Sample("/platskompassen/", PLANNERS)],
        "/platskompassen/platser/ny/": [Sample("/platskompassen/platser/ny/", PLANNERS)],
        "/platskompassen/platser/<int:pk>/": [
            Sample(f"/platskompassen/platser/{o.place_a}/", ONLY_A)
        ],
        "/platskompassen/platser/<int:pk>/ny-omgang/": [
            Sample(f"/platskompassen/platser/{o.place_a}/ny-omgang/", ONLY_A)
        ],
        "/platskompassen/<slug:slug>/": [Sample(f"/platskompassen/{o.round_a}/", PUBLIC)],
        "/platskompassen/<slug:slug>/tack/": [Sample(f"/platskompassen/{o.round_a}/tack/", PUBLIC)],
        "/platskompassen/<slug:slug>/qr.svg": [
            Sample(f"/platskompassen/{o.round_a}/qr.svg", ONLY_A)
        ],
        **{
            f"/platskompassen/<slug:slug>/{suffix}": [
                Sample(f"/platskompassen/{o.round_a}/{suffix}", ONLY_A),
                Sample(f"/platskompassen/{o.published}/{suffix}", PUBLIC),
            ]
            for suffix in (
                "resultat/",
                "resultat/kompass.svg",
                "resultat.csv",
                "resultat.xlsx",
                "resultat.pdf",
            )
        },
        # The secretariat
        "/kansli/": [Sample("/kansli/", SECRETARIAT)],
        "/kansli/organisationer/": [Sample("/kansli/organisationer/?q=lu", SECRETARIAT)],
        "/kansli/organisationer/<str:code>/": [
            Sample(f"/kansli/organisationer/{A}/", SECRETARIAT),
            Sample("/kansli/organisationer/9999/", (LOGIN, 403, 403, 403, 403, 403, 403, 404, 404)),
        ],
        "/kansli/medlemskap/<int:pk>/intradesbeslut/": [
            Sample(f"/kansli/medlemskap/{o.membership_a}/intradesbeslut/", SECRETARIAT_POST)
        ],
        "/kansli/medlemskap/<int:pk>/uttrade/": [
            Sample(f"/kansli/medlemskap/{o.membership_a}/uttrade/", SECRETARIAT_POST)
        ],
        "/kansli/kontaktpersoner/<int:pk>/bjud-in/": [
            Sample(f"/kansli/kontaktpersoner/{o.contact_b}/bjud-in/", SECRETARIAT_POST)
        ],
        "/kansli/kontaktforslag/<int:pk>/genomfor/": [
            Sample(f"/kansli/kontaktforslag/{o.proposal}/genomfor/", SECRETARIAT_POST)
        ],
        "/kansli/kontaktforslag/<int:pk>/avsla/": [
            Sample(f"/kansli/kontaktforslag/{o.proposal}/avsla/", SECRETARIAT_POST)
        ],
        "/kansli/kontaktroller/<int:pk>/avsluta/": [
            Sample(f"/kansli/kontaktroller/{o.contact_b}/avsluta/", SECRETARIAT_POST)
        ],
        "/kansli/sok/": [Sample("/kansli/sok/?q=Malm", SECRETARIAT)],
        "/kansli/personuppgifter/": [Sample("/kansli/personuppgifter/", SECRETARIAT)],
        "/kansli/personuppgifter/<int:pk>/hanterad/": [
            Sample("/kansli/personuppgifter/1/hanterad/", SECRETARIAT_POST)
        ],
        "/kansli/styrelsen/": [Sample("/kansli/styrelsen/?datum=2024-06-01", SECRETARIAT)],
        "/kansli/styrelsen/uppdrag/<int:pk>/avsluta/": [
            Sample(f"/kansli/styrelsen/uppdrag/{o.board_term}/avsluta/", SECRETARIAT_POST)
        ],
        "/kansli/styrelsen/moten/nytt/": [Sample("/kansli/styrelsen/moten/nytt/", SECRETARIAT)],
        "/kansli/styrelsen/moten/<int:pk>/": [
            Sample(f"/kansli/styrelsen/moten/{o.board_meeting}/", SECRETARIAT)
        ],
        "/kansli/styrelsen/arsmoten/nytt/": [
            Sample("/kansli/styrelsen/arsmoten/nytt/", SECRETARIAT)
        ],
        "/kansli/styrelsen/arsmoten/<int:pk>/": [
            Sample(f"/kansli/styrelsen/arsmoten/{o.annual_meeting}/", SECRETARIAT)
        ],
        "/styrelsen/": [Sample("/styrelsen/?datum=2024-06-01", PUBLIC)],
        "/kansli/ansokningar/": [Sample("/kansli/ansokningar/", SECRETARIAT)],
        "/kansli/ansokningar/<int:pk>/": [
            Sample(f"/kansli/ansokningar/{o.application}/", SECRETARIAT)
        ],
        "/api/v1/applications": [Sample("/api/v1/applications", TOKEN)],
        "/api/v1/prospects": [Sample("/api/v1/prospects", TOKEN)],
        "/kansli/rekrytering/": [Sample("/kansli/rekrytering/?lan=01&sortera=events", SECRETARIAT)],
        "/kansli/rekrytering.csv": [Sample("/kansli/rekrytering.csv?typ=region", SECRETARIAT)],
        "/api/v1/applications/<application_id>/membership": [
            Sample(f"/api/v1/applications/{o.application}/membership", NOT_GET)
        ],
        "/kansli/grupper/": [Sample("/kansli/grupper/", SECRETARIAT)],
        "/kansli/grupper/<int:pk>/": [Sample(f"/kansli/grupper/{o.group}/", SECRETARIAT)],
        "/kansli/grupper/deltagare/<int:pk>/avsluta/": [
            Sample(f"/kansli/grupper/deltagare/{o.participant}/avsluta/", SECRETARIAT_POST)
        ],
        "/kansli/befolkning/": [Sample("/kansli/befolkning/", SECRETARIAT)],
        "/kansli/e-post/": [Sample("/kansli/e-post/", SECRETARIAT)],
        "/kansli/e-post/<int:pk>/skicka-igen/": [
            Sample(f"/kansli/e-post/{o.email}/skicka-igen/", SECRETARIAT_POST)
        ],
        "/kansli/kontaktpersoner/<int:pk>/export/": [
            Sample(f"/kansli/kontaktpersoner/{o.contact_b}/export/", SECRETARIAT)
        ],
        "/kansli/kontaktpersoner/<int:pk>/radera/": [
            Sample(f"/kansli/kontaktpersoner/{o.contact_b}/radera/", SECRETARIAT)
        ],
        "/kansli/avgifter/": [Sample("/kansli/avgifter/", SECRETARIAT)],
        "/kansli/avgifter/<year:year>/": [Sample(f"/kansli/avgifter/{year}/", SECRETARIAT)],
        "/kansli/avgifter/modeller/": [Sample("/kansli/avgifter/modeller/", SECRETARIAT)],
        "/kansli/avgifter/modeller/<int:pk>/": [
            Sample(f"/kansli/avgifter/modeller/{o.fee_model}/", SECRETARIAT)
        ],
        "/kansli/avgifter/modeller/<int:pk>/anta/": [
            Sample(f"/kansli/avgifter/modeller/{o.fee_model}/anta/", SECRETARIAT)
        ],
        "/kansli/avgifter/modeller/<int:pk>/jamforelse.xlsx": [
            Sample(f"/kansli/avgifter/modeller/{o.fee_model}/jamforelse.xlsx", SECRETARIAT)
        ],
        "/kansli/ekonomi/": [Sample(f"/kansli/ekonomi/?ar={year}", SECRETARIAT)],
        "/kansli/ekonomi/<year:year>/intakter.csv": [
            Sample(f"/kansli/ekonomi/{year}/intakter.csv", SECRETARIAT)
        ],
        "/kansli/ekonomi/<year:year>/intakter.xlsx": [
            Sample(f"/kansli/ekonomi/{year}/intakter.xlsx", SECRETARIAT)
        ],
        "/kansli/fakturor/": [Sample(f"/kansli/fakturor/?ar={year}", SECRETARIAT)],
        "/kansli/fakturor/skapa/<year:year>/": [
            Sample(f"/kansli/fakturor/skapa/{year}/", SECRETARIAT)
        ],
        "/kansli/fakturor/bankfil/": [Sample("/kansli/fakturor/bankfil/", SECRETARIAT)],
        "/kansli/fakturor/sie/<year:year>.si": [
            Sample(f"/kansli/fakturor/sie/{year}.si", SECRETARIAT)
        ],
        "/kansli/fakturor/<int:number>/": [Sample(f"/kansli/fakturor/{o.invoice_b}/", SECRETARIAT)],
        "/kansli/fakturor/<int:number>/betalning/": [
            Sample(f"/kansli/fakturor/{o.invoice_b}/betalning/", SECRETARIAT_POST)
        ],
        "/kansli/fakturor/<int:number>/kreditera/": [
            Sample(f"/kansli/fakturor/{o.invoice_b}/kreditera/", SECRETARIAT_POST)
        ],
        "/kansli/fakturor/<int:number>.pdf": [
            Sample(f"/kansli/fakturor/{o.invoice_b}.pdf", SECRETARIAT)
        ],
        "/kansli/fakturor/<int:number>.xml": [
            Sample(f"/kansli/fakturor/{o.invoice_b}.xml", SECRETARIAT)
        ],
        "/kansli/kriterier/": [Sample(f"/kansli/kriterier/?ar={year}", SECRETARIAT)],
        "/kansli/kriterier/medlemskriterier.csv": [
            Sample("/kansli/kriterier/medlemskriterier.csv?ar=2024", SECRETARIAT)
        ],
        "/kansli/kriterier/medlemskriterier.xlsx": [
            Sample("/kansli/kriterier/medlemskriterier.xlsx?ar=2024", SECRETARIAT)
        ],
        "/kansli/kriterier/<year:year>/kopiera/": [
            Sample("/kansli/kriterier/2025/kopiera/", SECRETARIAT_POST)
        ],
        "/kansli/kriterier/<year:year>/paminnelser/": [
            Sample(f"/kansli/kriterier/{year}/paminnelser/", SECRETARIAT)
        ],
        "/kansli/kriterier/<year:year>/<slug:key>/<str:code>/": [
            Sample(f"/kansli/kriterier/{year}/local_work/{B}/", SECRETARIAT)
        ],
        "/kansli/evenemang/": [Sample("/kansli/evenemang/?ar=2024&typ=webinar", SECRETARIAT)],
        "/kansli/evenemang/nytt/": [Sample("/kansli/evenemang/nytt/", SECRETARIAT)],
        **{
            f"/kansli/evenemang/<int:pk>/{suffix}": [
                Sample(f"/kansli/evenemang/{o.members_event}/{suffix}", SECRETARIAT)
            ]
            for suffix in (
                "",
                "andra/",
                "kopiera/",
                "stall-in/",
                "anmal/",
                "meddelande/",
                "anmalningar.xlsx",
                "anmalningar.csv",
                "narvaro/",
            )
        },
        "/kansli/evenemang/anmalningar/<int:pk>/avboka/": [
            Sample(f"/kansli/evenemang/anmalningar/{o.registration}/avboka/", SECRETARIAT_POST)
        ],
        "/kansli/evenemang/anmalningar/<int:pk>/flytta-upp/": [
            Sample(f"/kansli/evenemang/anmalningar/{o.registration}/flytta-upp/", SECRETARIAT_POST)
        ],
        # The API: open to everyone
        "/api/v1/": [Sample("/api/v1/", (404,) * 9)],
        "/api/v1/openapi.json": [Sample("/api/v1/openapi.json", PUBLIC)],
        "/api/v1/docs": [Sample("/api/v1/docs", PUBLIC)],
        "/api/v1/organisations": [Sample("/api/v1/organisations", PUBLIC)],
        "/api/v1/members": [Sample("/api/v1/members?on=2024-12-31", PUBLIC)],
        "/api/v1/organisations/<code>/memberships": [
            Sample(f"/api/v1/organisations/{A}/memberships", PUBLIC)
        ],
        "/api/v1/board": [Sample("/api/v1/board?on=2024-06-01", PUBLIC)],
        "/api/v1/events": [Sample("/api/v1/events?year=2024", PUBLIC)],
        "/api/v1/events.ics": [Sample("/api/v1/events.ics", PUBLIC)],
        "/api/v1/events/<event_id>/registrations": [
            Sample(f"/api/v1/events/{o.public_event}/registrations", TOKEN)
        ],
        "/api/v1/events/<event_id>": [Sample(f"/api/v1/events/{o.public_event}", NOT_GET)],
        "/api/v1/registrations/<registration_id>/cancel": [
            Sample(f"/api/v1/registrations/{o.registration}/cancel", NOT_GET)
        ],
        "/api/v1/fees/<year>/schedule": [Sample(f"/api/v1/fees/{year}/schedule", PUBLIC)],
        "/api/v1/fees/<year>/summary": [Sample(f"/api/v1/fees/{year}/summary", PUBLIC)],
        "/api/v1/platskompassen/rounds/<slug>/responses": [
            Sample(f"/api/v1/platskompassen/rounds/{o.round_a}/responses", NOT_GET)
        ],
        **{
            f"/api/v1/platskompassen/rounds/<slug>/{suffix}": [
                Sample(
                    f"/api/v1/platskompassen/rounds/{o.round_a}/{suffix}",
                    (401, 200, 403, 403, 403, 403, 403, 200, 200),
                ),
                Sample(f"/api/v1/platskompassen/rounds/{o.published}/{suffix}", PUBLIC),
            ]
            for suffix in (
                "results",
                "results/compass.svg",
                "results.csv",
                "results.xlsx",
                "results.pdf",
            )
        },
        # The API: with a staff token (or a planner's session)
        "/api/v1/platskompassen/places": [Sample("/api/v1/platskompassen/places", NOT_GET)],
        "/api/v1/platskompassen/places/<place_id>/rounds": [
            Sample(f"/api/v1/platskompassen/places/{o.place_a}/rounds", NOT_GET)
        ],
        "/api/v1/memberships": [Sample("/api/v1/memberships", NOT_GET)],
        "/api/v1/memberships/<membership_id>/end": [
            Sample(f"/api/v1/memberships/{o.membership_a}/end", NOT_GET)
        ],
        "/api/v1/fees/<year>/invoices": [Sample(f"/api/v1/fees/{year}/invoices", NOT_GET)],
        "/api/v1/payments": [Sample("/api/v1/payments", NOT_GET)],
        "/api/v1/invoices": [Sample(f"/api/v1/invoices?year={year}", TOKEN)],
        **{
            f"/api/v1/invoices/<number>.{suffix}": [
                # B's invoice: for B's contact and the secretariat; for anyone else it is not
                # there (404), whoever they are.
                Sample(
                    f"/api/v1/invoices/{o.invoice_b}.{suffix}",
                    (401, 404, 200, 404, 404, 404, 404, 200, 200),
                )
            ]
            for suffix in ("pdf", "xml")
        },
        "/api/v1/contacts/<person_id>/invite": [
            Sample(f"/api/v1/contacts/{o.contact_b}/invite", NOT_GET)
        ],
        "/api/v1/me": [Sample("/api/v1/me", (401,) + (200,) * 8)],
        "/api/v1/me/invoices": [
            Sample("/api/v1/me/invoices", (401, 200, 200, 403, 403, 403, 403, 403, 403))
        ],
        "/api/v1/compliance/<year>": [Sample(f"/api/v1/compliance/{year}", TOKEN)],
        "/api/v1/contacts": [Sample(f"/api/v1/contacts?organisation={A}", TOKEN)],
    }


@dataclass
class World:
    clients: dict
    public_event: int
    members_event: int
    board_event: int
    registration: int
    cancel_token: str
    board_term: int
    group: int
    participant: int
    board_meeting: int
    annual_meeting: int
    place_a: int
    round_a: str
    published: str
    invoice_b: int
    contact_b: int
    fee_model: int
    membership_a: int
    email: int
    proposal: int
    application: int
    news: str
    publication: str
    draft_attachment: int
    learning_public: int
    learning_members: int
    learning_draft_b: int
    learning_file: int
    contact_message: int
    newsletter: int
    secrets: dict  # role → texts of other members that must never reach that role


@pytest.fixture(scope="module")
def world(_demo_2024_module, django_db_blocker) -> World:
    """Users for the seven roles, and the objects walked, made once for the module (inside its
    transaction, rolled back at its end)."""
    with django_db_blocker.unblock():
        return _make_world()


def _draft_attachment() -> int:
    """An image of a news item not yet published: the secretariat's preview only."""
    draft = entry_create(
        kind="news",
        slug="walk-utkast",
        dated=date(2024, 12, 1),
        texts={"title_sv": "Walk utkast"},
        actor="walk",
    )
    return Attachment.objects.create(
        entry=draft,
        kind="image",
        file=ContentFile(b"GIF89a", name="walk.gif"),
        name="walk.gif",
        description="Walk",
        size=6,
        content_type="image/gif",
    ).pk


def _learning() -> dict[str, int]:
    """The demo's published examples (one public, Luleå's for members only, with an image) and
    a draft of Malmö's."""
    public = LearningExample.objects.filter(status="approved", public=True).first()
    members = LearningExample.objects.get(status="approved", public=False, organisation__code=A)
    draft = example_create(
        organisation=Organisation.objects.get(code=B),
        data=ExampleData(title="Malmös utkast", summary="Walk"),
        actor="walk",
    )
    image = LearningAttachment.objects.create(
        example=members,
        file=ContentFile(b"GIF89a", name="walk.gif"),
        name="walk.gif",
        description="Walk",
        size=6,
        content_type="image/gif",
    )
    return {
        "learning_public": public.pk,
        "learning_members": members.pk,
        "learning_draft_b": draft.pk,
        "learning_file": image.pk,
    }


def _with_minutes(meeting):
    meeting.minutes_document.save("walk.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return meeting


def _board_user(username, code):
    """A board member in a term of today, with no member account."""
    user = get_user_model().objects.create_user(username, f"{username}@example.net", "pw")
    BoardTerm.objects.create(
        person_name="Walk Ledamot",
        role=BoardTerm.Role.MEMBER,
        organisation=Organisation.objects.get(code=code),
        start_date=timezone.localdate() - timedelta(days=30),
        user=user,
    )
    return user


def _make_world() -> World:
    from hcs.fees.models import FeeMethod, FeeModel
    from hcs.fees.services import fee_model_save

    users = get_user_model().objects

    def org_of(code):
        return Organisation.objects.get(code=code)

    people = {
        "member_a": member_contact_user(org_of(A), "kontakt-a", planner=True),
        "member_b": member_contact_user(org_of(B), "kontakt-b"),
        "planner": planner_user(org_of(C), "planerare-c"),
        # A's former contact (the role ended yesterday), who planned for A too.
        "former": member_contact_user(
            org_of(A),
            "tidigare-a",
            until=timezone.localdate() - timedelta(days=1),
            planner=True,
        ),
        "board": _board_user("ledamot", C),
        "staff": users.create_user("praktikant", "p@example.net", "pw", is_staff=True),
        "coordinator": users.create_user("kansli", "k@example.net", "pw", is_staff=True),
        "superuser": users.create_superuser("admin", "admin@example.net", "pw"),
    }
    people["coordinator"].groups.add(coordinator_group_ensure())
    clients = {"anonymous": Client()}
    for role, user in people.items():
        client = Client()
        client.force_login(user)
        if user.is_staff:
            token = api_token_create(username=user.get_username())
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        clients[role] = client

    now = timezone.now()

    def event(audience, kind="webinar"):
        return Event.objects.create(
            title=f"Walk {audience}",
            kind=kind,
            audience=audience,
            starts=now + timedelta(days=20),
            ends=now + timedelta(days=20, hours=2),
        ).pk

    org = Organisation.objects.in_bulk(field_name="code")
    place_a = place_create(organisation=org[A], name="Torget i Luleå", actor="walk")
    place_b = place_create(organisation=org[B], name="Malmös hemliga plats", actor="walk")
    today = timezone.localdate()

    def make_round(place, publish, title):
        return round_create(
            place=place,
            title=title,
            opens=today - timedelta(days=1),
            closes=today + timedelta(days=30),
            publish_results=publish,
            actor="walk",
        ).slug

    round_b = make_round(place_b, publish=False, title="Malmös vandring")
    fee_model = fee_model_save(
        model=FeeModel(
            name="Förslag",
            year=2025,
            kind=FeeMethod.PER_INHABITANT,
            per_inhabitant=Decimal("0.20"),
            region_kind=FeeMethod.FIXED,
            region_amount=58500,
        ),
        actor="walk",
    )
    email = OutgoingEmail.objects.create(
        purpose="walk", to="x@example.org", subject="Walk", state="failed"
    )
    b_contacts = list(ContactPerson.objects.filter(organisation=org[B]))
    a_contacts = list(ContactPerson.objects.filter(organisation=org[A]))

    def texts(contacts, *extra):
        return [t for c in contacts for t in (c.name, c.email) if t] + list(extra)

    public_event = event("public")
    registration = registration_create(
        event=Event.objects.get(pk=public_event),
        name="Walk Registrant",
        email="walker@example.org",
        role="official",
    ).registration
    return World(
        clients=clients,
        public_event=public_event,
        registration=registration.pk,
        cancel_token=cancel_token(registration),
        board_term=BoardTerm.objects.first().pk,
        group=Group.objects.first().pk,
        participant=GroupParticipant.objects.first().pk,
        board_meeting=_with_minutes(BoardMeeting.objects.first()).pk,
        annual_meeting=AnnualMeeting.objects.first().pk,
        members_event=event("members"),
        board_event=event("board", kind="board_meeting"),
        place_a=place_a.pk,
        round_a=make_round(place_a, publish=False, title="Luleås vandring"),
        published=make_round(place_a, publish=True, title="Luleås publicerade vandring"),
        invoice_b=Invoice.objects.get(organisation=org[B], kind="invoice").number,
        contact_b=b_contacts[0].pk,
        fee_model=fee_model.pk,
        membership_a=Membership.objects.filter(organisation=org[A]).first().pk,
        email=email.pk,
        application=application_submit(
            organisation_code="0180",
            name="Walk Sökande",
            email="sokande@example.org",
            message="Malmös hemliga plats",
        ).pk,
        news=Entry.objects.filter(kind="news", live__isnull=False).first().slug,
        newsletter=Mailing.objects.filter(kind="newsletter", status="sent").first().pk,
        publication=Entry.objects.filter(kind="publication", live__isnull=False).first().slug,
        draft_attachment=_draft_attachment(),
        **_learning(),
        contact_message=contact_message_submit(
            name="Walk Skribent", email="skribent@example.org", message="Walk Meddelande"
        ).pk,
        proposal=ContactProposal.objects.create(
            organisation=org[B],
            kind="administrative",
            name="Walk Förslag",
            email="forslag@example.org",
            title="Strateg",
            start_date=today,
        ).pk,
        secrets={
            "member_a": texts(b_contacts, "Malmös hemliga plats", "Malmös vandring", round_b),
            "member_b": texts(a_contacts, "Torget i Luleå", "Luleås vandring"),
            "planner": texts(a_contacts + b_contacts, "Malmös hemliga plats", "Torget i Luleå"),
            "former": texts(
                b_contacts,
                "Malmös hemliga plats",
                "Torget i Luleå",
                "Walk Förslag",
                "Walk Meddelande",
            ),
            "board": texts(b_contacts, "Malmös hemliga plats", "Walk Förslag", "Walk Meddelande"),
        },
    )


class _Placeholders:
    """Stand-ins for the objects, to list the routes without a database."""

    def __getattr__(self, name):
        return "x"


def test_every_route_is_known_to_this_test():
    known = set(samples(_Placeholders()))
    routes = set(_own_routes())
    assert not routes - known, f"new routes: decide who may see them: {routes - known}"
    assert not known - routes, f"routes that no longer exist: {known - routes}"


@pytest.mark.parametrize("route", _own_routes())
def test_each_role_gets_what_it_may_see_and_nothing_of_other_members(world, demo_2024, route):
    for sample in samples(world)[route]:
        for role, expected in zip(ROLES, sample.expected, strict=True):
            response = world.clients[role].get(sample.url)
            if expected == LOGIN:
                assert response.status_code == 302, (role, sample.url, response.status_code)
                assert response["Location"].startswith(reverse("login")), (role, sample.url)
            else:
                assert response.status_code == expected, (role, sample.url, response.status_code)
            if response.status_code == 200 and role in world.secrets:
                body = _text(response)
                leaked = [s for s in world.secrets[role] if s in body]
                assert not leaked or sample.expected == PUBLIC, (role, sample.url, leaked)


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_public_pages_show_no_contact_persons(world, demo_2024):
    addresses = list(ContactPerson.objects.exclude(email="").values_list("email", flat=True)[:100])
    for route, route_samples in samples(world).items():
        for sample in route_samples:
            if sample.expected != PUBLIC:
                continue
            response = world.clients["anonymous"].get(sample.url)
            body = _text(response)
            assert not [a for a in addresses if a in body], route


# The admin: every model's pages, by every role.


def _admin_urls():
    urls = ["/admin/"]
    for model in admin_site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(f"/admin/{info[0]}/{info[1]}/")
        urls.append(f"/admin/{info[0]}/{info[1]}/add/")
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            urls.append(f"/admin/{info[0]}/{info[1]}/{instance.pk}/change/")
            urls.append(f"/admin/{info[0]}/{info[1]}/{instance.pk}/history/")
    return urls


# The secretariat manages the registry, never the accounts (least privilege).
ACCOUNT_MODELS = ("/admin/auth/", "/admin/accounts/", "/admin/django_tasks_db/")


def test_the_admin_by_every_role(world, demo_2024):
    # Objects for every model's change page.
    BoardTerm.objects.exists()
    for url in _admin_urls():
        for role in ROLES:
            response = world.clients[role].get(url)
            status = response.status_code
            if role in ("anonymous", "member_a", "member_b", "planner", "former", "board"):
                login = response.get("Location", "")
                assert status == 302 and ("/admin/login/" in login or "logga-in" in login), (
                    role,
                    url,
                )
            elif role == "staff":
                assert status == (200 if url == "/admin/" else 403), (role, url, status)
            elif role == "coordinator" and url.startswith(ACCOUNT_MODELS):
                assert status == 403, (role, url, status)
            else:
                assert status in (200, 403), (role, url, status)
