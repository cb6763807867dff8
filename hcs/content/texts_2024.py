"""The public website's texts as of the 2024 annual report, in Swedish and English.

Where each text comes from (the seeds are in the project's shared sources, in Swedish):

- 001, the network's web page "Syfte & mål": purpose, what has been successful, the challenges,
  what Healthy Cities must do, the goal ("om-natverket").
- 002, the annual activity report 2024 (verksamhetsberättelse): the vision ("start"), WHO Healthy
  Cities, Phase VII and the six Ps, "HEALTHY CITIES SVERIGE", the secretariat (KANSLI), the
  working groups (ARBETSGRUPPER), every news item in NEWS, the op-ed and the annual report in
  PUBLICATIONS, and the quotes of Sedat Arif and Anna Lindskog.
- 003, the network's presentation: "Vad är Healthy Cities?", the purpose, the four strategies,
  theme groups ("start", "om-natverket", "grupper", "publikationer").
- 004, the web page "Bli medlem": what the network does (a voice in society, consultation
  body), the coordinator's role ("kontakt"), and the quotes of Barbro Müller, Jonas Nygren and
  Monica Hanson.
- Public facts named in the project's DOMAIN.md: WHO Phase VIII following Phase VII, Agenda
  2030, the overall goal and eight target areas of Sweden's national public health policy.
- "tillganglighet" and "personuppgifter" describe this platform itself: the accessibility
  checks (tests/accessibility.py: axe-core against WCAG 2.1 A and AA in Chromium) and what the
  code stores (hcs/*/models.py, hcs/contacts/gdpr.py, hcs/lib/ratelimit.py, hcs/settings.py).

Nothing is invented: a news item's `published` is the day of the event it reports, as the
annual report gives it; items the report dates only by season or month are folded into a dated
item. The one exception is the annual report's own date (see its `date_note`). No phone number
or e-mail address of a person is in any text, and links go only to the site's own pages.
"""

import datetime
import textwrap


def _md(text: str) -> str:
    """Markdown written indented in this module, without the indentation."""
    return textwrap.dedent(text).strip() + "\n"


PAGES: dict[str, dict[str, str]] = {
    "start": {
        "title_sv": "Healthy Cities Sverige",
        "title_en": "Healthy Cities Sverige",
        "summary_sv": (
            "Healthy Cities Sverige – det ledande nätverket i arbetet för en god och jämlik "
            "hälsa på lokal och regional nivå."
        ),
        "summary_en": (
            "Healthy Cities Sverige – the leading network in the work for good and equitable "
            "health at local and regional level."
        ),
        "body_sv": _md(
            """
            Healthy Cities Sverige är ett nätverk för kommuner och regioner som tillsammans
            arbetar för att bygga strukturer på lokal och regional nivå för en god och jämlik
            hälsa. Nätverket grundades 2004 och är en del av WHO:s europeiska Healthy
            Cities-nätverk. Det finns Healthy Cities-nätverk runt om i världen och i 30
            europeiska länder, och gemensamt är att de arbetar efter Världshälsoorganisationens
            (WHO:s) långsiktiga strategi för hälsosam samhällsplanering.

            En av nätverkets främsta styrkor är att vi skapar arenor för nära samverkan mellan
            politiker och tjänstepersoner och gör det möjligt för medlemmarna att utbyta
            kunskap och erfarenheter, för att vidareutveckla arbetet på hemmaplan. Arbetet
            utgår från Agenda 2030:s 17 mål för hållbar utveckling.

            Alla svenska kommuner och regioner kan ansöka om medlemskap. [Så blir ni
            medlem](/bli-medlem/).
            """
        ),
        "body_en": _md(
            """
            Healthy Cities Sverige is a network of Swedish municipalities and regions working
            together to build structures for good and equitable health at local and regional
            level. The network was founded in 2004 and is part of WHO's European Healthy Cities
            Network. There are Healthy Cities networks around the world and in 30 European
            countries, and what they have in common is that they work according to the World
            Health Organization's (WHO's) long-term strategy for healthy urban planning.

            One of the network's main strengths is that we create arenas for close cooperation
            between politicians and officials and make it possible for the members to exchange
            knowledge and experience, in order to develop the work at home. The work is based
            on the 17 Sustainable Development Goals of Agenda 2030.

            Every Swedish municipality and region can apply for membership. [How to become a
            member](/bli-medlem/).
            """
        ),
    },
    "om-natverket": {
        "title_sv": "Om nätverket",
        "title_en": "About the network",
        "summary_sv": (
            "Healthy Cities Sverige arbetar strategiskt för en jämlik folkhälsa och social "
            "hållbarhet i kommuner och regioner, som en del av WHO:s europeiska nätverk."
        ),
        "summary_en": (
            "Healthy Cities Sverige works strategically for equitable public health and social "
            "sustainability in municipalities and regions, within WHO's European network."
        ),
        "body_sv": _md(
            """
            ## Syfte och mål

            Den övergripande uppgiften för Healthy Cities är att arbeta strategiskt för en
            jämlik folkhälsa och social hållbarhet. Genom dialoger, temagrupper, föreläsningar
            och gemensamt arbete mellan politiker och tjänstepersoner hjälps vi åt att
            identifiera vad vi ska fokusera på.

            Nätverkets övergripande mål är att arbeta för kvalitet och jämlikhet inom den
            nationella folkhälsan och att gemensamt skapa strukturer för en hållbar utveckling.
            Syftet är att öka samverkan mellan svenska kommuner och regioner i arbetet med att
            skapa förutsättningar för en god hälsa på lika villkor hos invånarna.

            Healthy Cities synsätt på folkhälsa inbegriper ett ekologiskt, socialt och
            ekonomiskt perspektiv på hållbar utveckling. Vi har ett starkt fokus på styrning,
            ledning och organisering mot medskapande och inkluderande kommuner och regioner,
            och vi verkar för att lyfta jämlik hälsa till den politiska dagordningen lokalt,
            regionalt, nationellt och globalt. Frågor vi ställer oss är bland annat:

            - Vilka utmaningar kring hälsa och social hållbarhet finns i din kommun eller
              region?
            - Vilka har tillgång till goda livsvillkor och vilka har det inte?
            - Hur organiserar och leder vi arbetet för att få till en förändring?
            - Hur skapar vi kommuner och regioner som stärker tillit och därmed inkludering?

            ## Vad har varit framgångsrikt?

            Nätverket har identifierat ett antal framgångsfaktorer:

            - Att inkludera folkhälsa och/eller social hållbarhet som en del i budget- och
              styrprocesser.
            - Att införa systematiska konsekvensbedömningar och uppföljningssystem för
              utveckling och lärande.
            - Att utse särskilda politiker att ansvara för frågorna.
            - Att ha ett geografiskt områdesperspektiv för problemlösning, lärande och
              förankring.
            - Att i förankringsarbetet tydliggöra och fördela ansvaret i den kommunala
              organisationen, det vill säga att låta sektorerna få ett helhetsansvar.

            ## Vilka är utmaningarna?

            - Att få förståelse för vilka styrsystem, budgetsystem, organisationer och typer av
              ledarskap och medarbetarskap som är bäst för att arbeta med hållbar utveckling i
              allmänhet och med det sociala perspektivets rättvisebegrepp i synnerhet.
            - Att anta ett medborgarperspektiv.

            ## Det här måste Healthy Cities göra

            - Skapa förståelse, särskilt för de sociala hållbarhetsaspekterna såsom jämlikhet
              och rättvisa, i både den strategiska planeringen och vardagsarbetet.
            - Ha mätmetoder som bättre följer upp de sociala hållbarhetsaspekterna, inte minst
              i fysisk planering.
            - Skapa verklig samverkan som grund för att lyckas med förankringsarbetet i kommuner
              och regioner.
            - Förstå samverkans natur och dess behov av anpassade organisationer, ledarskap och
              processer.

            ## Nätverkets fyra strategier

            1. Förbättra genom att visa på regionala och kommunala interventioner som faktiskt
               fungerar.
            2. Stödja och stimulera förtroendevalda och tjänstepersoner i deras uppdrag.
            3. Höja kunskapsnivån för det strategiska arbetet inom nätverket och medverka till
               att kunskapen sprids.
            4. Bli en röst i samhället.

            Nätverket samarbetar med aktörer på nationell nivå, till exempel Sveriges Kommuner
            och Regioner (SKR) och Folkhälsomyndigheten, som båda deltar regelbundet i
            nätverkets möten och aktiviteter.

            ## WHO:s europeiska Healthy Cities-nätverk

            WHO:s europeiska Healthy Cities-nätverk är ett internationellt nätverk av städer och
            nationella nätverk i Europa som arbetar med jämlik hälsa och hållbar utveckling.
            Nätverket grundades 1988 och har sedan dess engagerat lokala politiska krafter,
            delat kunskap och erfarenheter och tagit fram innovativa lösningar för ökad hälsa
            och välbefinnande genom hållbar utveckling.

            En grundläggande princip i WHO:s Healthy Cities-nätverk är att det i huvudsak är
            lokalt och regionalt som vi har möjlighet att minska de påverkbara klyftorna och öka
            förutsättningarna för social hållbarhet och god hälsa för alla i befolkningen.

            Arbetet sker i faser. Fas VII (2019–2025) bygger på FN:s Agenda 2030 och har tre
            övergripande mål:

            - Främja hälsa och välbefinnande för alla och minska ojämlikheten i hälsa.
            - Leda genom exempel nationellt, regionalt och globalt.
            - Stödja genomförandet av WHO:s strategiska prioriteringar.

            WHO:s strategiska prioriteringar för fasen kallas *de sex P:na*: People, Place,
            Participation, Prosperity, Peace och Planet (människor, plats, delaktighet, välstånd,
            fred och planeten). Det svenska nätverket har omsatt WHO:s mål och strategier i en
            egen strategi för 2019–2025. Efter Fas VII följer Fas VIII.

            Vi samverkar med de internationella nätverken genom kunskaps- och
            informationsutbyte och genom att delta i internationella projekt, arbetsgrupper och
            konferenser. Under 2024 deltog nätverkets ordförande som representant i WHO:s
            Healthy Cities Political Committee, och nätverkets koordinator var 2022–2024 invald
            i WHO:s Healthy Cities Advisory Committee. Koordinatorerna i de nordiska nationella
            Healthy Cities-nätverken träffas också regelbundet för att dela goda exempel, stötta
            varandra över gränserna och genomföra gemensamma aktiviteter.

            ## Agenda 2030 och den nationella folkhälsopolitiken

            Arbetet utgår från Agenda 2030:s 17 mål för hållbar utveckling, från hälsans
            sociala bestämningsfaktorer och från den nationella folkhälsopolitiken. Det
            övergripande målet för Sveriges folkhälsopolitik (2018) är *att skapa samhälleliga
            förutsättningar för en god och jämlik hälsa i hela befolkningen och att åtgärda de
            påverkbara hälsoklyftorna inom en generation*. Politiken har åtta målområden:

            1. Det tidiga livets villkor
            2. Kunskaper, kompetenser och utbildning
            3. Arbete, arbetsförhållanden och arbetsmiljö
            4. Inkomster och försörjningsmöjligheter
            5. Boende och närmiljö
            6. Levnadsvanor
            7. Kontroll, inflytande och delaktighet
            8. En jämlik och hälsofrämjande hälso- och sjukvård

            ## Kansliet

            Sedan 2020 är Trollhättans stad värdkommun för nätverket. Trollhättans stad
            tillhandahåller en koordinator anställd på 50 procent av en heltidstjänst och sköter
            nätverkets ekonomiska redovisning.

            Koordinatorn leder och driver verksamheten tillsammans med medlemmarna. Koordinatorn
            är också det svenska nätverkets representant i WHO:s europeiska Healthy
            Cities-nätverk och deltar i regelbundna koordinatorsmöten med övriga Healthy
            Cities-städer och nationella nätverk i Europa. [Kontakta kansliet](/kontakt/).
            """
        ),
        "body_en": _md(
            """
            ## Purpose and goal

            The overall task of Healthy Cities is to work strategically for equitable public
            health and social sustainability. Through dialogues, theme groups, lectures and
            joint work between politicians and officials, we help each other identify what to
            focus on.

            The network's overall goal is to work for quality and equity in national public
            health and to create, together, structures for sustainable development. Its
            purpose is to increase cooperation between Swedish municipalities and regions in
            the work to create the conditions for good health on equal terms for their
            residents.

            The Healthy Cities view of public health includes an ecological, social and
            economic perspective on sustainable development. We have a strong focus on
            governance, leadership and organisation towards co-creative and inclusive
            municipalities and regions, and we work to put equitable health on the political
            agenda locally, regionally, nationally and globally. Among the questions we ask:

            - What challenges of health and social sustainability are there in your
              municipality or region?
            - Who has access to good living conditions, and who does not?
            - How do we organise and lead the work to bring about change?
            - How do we create municipalities and regions that strengthen trust, and thereby
              inclusion?

            ## What has been successful?

            The network has identified a number of success factors:

            - Including public health and/or social sustainability in budget and governance
              processes.
            - Introducing systematic impact assessments and follow-up systems for development
              and learning.
            - Appointing particular politicians to be responsible for the issues.
            - Taking a geographical, area-based perspective for problem solving, learning and
              support.
            - In building support, clarifying and distributing responsibility within the
              municipal organisation, that is, letting the sectors take overall responsibility.

            ## What are the challenges?

            - Understanding which governance systems, budget systems, organisations and kinds of
              leadership and employeeship work best for sustainable development in general, and
              for the concept of justice in the social perspective in particular.
            - Adopting a citizen's perspective.

            ## What Healthy Cities must do

            - Create understanding, especially of the social aspects of sustainability such as
              equality and justice, in both strategic planning and everyday work.
            - Have methods of measurement that better follow up the social aspects of
              sustainability, not least in physical planning.
            - Create real cooperation as the basis for succeeding in building support in
              municipalities and regions.
            - Understand the nature of cooperation and its need for adapted organisations,
              leadership and processes.

            ## The network's four strategies

            1. Improve by showing regional and municipal interventions that actually work.
            2. Support and encourage elected officials and civil servants in their work.
            3. Raise the level of knowledge for the strategic work within the network and help
               spread that knowledge.
            4. Become a voice in society.

            The network cooperates with national actors, for example the Swedish Association of
            Local Authorities and Regions (SKR) and the Public Health Agency of Sweden
            (Folkhälsomyndigheten), both of which regularly take part in the network's meetings
            and activities.

            ## WHO's European Healthy Cities Network

            WHO's European Healthy Cities Network is an international network of cities and
            national networks in Europe committed to equitable health and sustainable
            development. It was founded in 1988 and has since engaged local political forces,
            shared knowledge and experience and provided innovative solutions for better health
            and well-being through sustainable development.

            A basic principle of WHO's Healthy Cities Network is that it is mainly at local and
            regional level that we have the means to reduce the avoidable gaps and to improve
            the conditions for social sustainability and good health for everyone in the
            population.

            The work is done in phases. Phase VII (2019–2025) is based on the UN's Agenda 2030
            and has three overarching goals:

            - Promote health and well-being for all and reduce health inequities.
            - Lead by example nationally, regionally and globally.
            - Support the implementation of WHO's strategic priorities.

            WHO's strategic priorities for the phase are called *the six Ps*: People, Place,
            Participation, Prosperity, Peace and Planet. The Swedish network has turned WHO's
            goals and strategies into a strategy of its own for 2019–2025. Phase VII is followed
            by Phase VIII.

            We cooperate with the international networks through the exchange of knowledge and
            information and by taking part in international projects, working groups and
            conferences. In 2024 the network's chair took part as a representative in WHO's
            Healthy Cities Political Committee, and the network's coordinator was a member of
            WHO's Healthy Cities Advisory Committee in 2022–2024. The coordinators of the Nordic
            national Healthy Cities networks also meet regularly to share good examples,
            support each other across borders and run joint activities.

            ## Agenda 2030 and Sweden's national public health policy

            The work is based on the 17 Sustainable Development Goals of Agenda 2030, on the
            social determinants of health and on the national public health policy. The overall
            goal of Sweden's public health policy (2018) is *to create social conditions for
            good and equitable health throughout the population and to close the avoidable
            health gaps within a generation*. The policy has eight target areas:

            1. Conditions in early life
            2. Knowledge, skills and education
            3. Work, working conditions and working environment
            4. Income and means of support
            5. Housing and local environment
            6. Living habits
            7. Control, influence and participation
            8. Equitable and health-promoting health care

            ## The secretariat

            Since 2020 the City of Trollhättan (Trollhättans stad) has been the network's host
            municipality. Trollhättan provides a coordinator employed at 50 per cent of a
            full-time post and keeps the network's accounts.

            The coordinator leads and runs the work together with the members. The coordinator
            also represents the Swedish network in WHO's European Healthy Cities Network and
            takes part in regular coordinators' meetings with the other Healthy Cities cities
            and national networks in Europe. [Contact the secretariat](/kontakt/).
            """
        ),
    },
    "grupper": {
        "title_sv": "Grupper",
        "title_en": "Groups",
        "summary_sv": (
            "I nätverkets grupper arbetar medlemmarna tillsammans: i den strategiska gruppen, "
            "i temagrupper och i arbetsgrupper."
        ),
        "summary_en": (
            "In the network's groups the members work together: in the strategic group, in "
            "theme groups and in working groups."
        ),
        "body_sv": _md(
            """
            Nätverket har en strategisk grupp där alla medlemmar är representerade. Gruppen
            träffas digitalt varje månad för att främja kontinuerlig kommunikation och
            samverkan, och för att öka delaktigheten i planeringen av nätverkets verksamhet.
            Medlemmarnas administrativa kontaktpersoner deltar i de strategiska månadsmötena.

            I temagrupperna fördjupar sig medlemmarna i vissa teman, tillsammans med de
            professioner i kommunen och regionen som berörs av frågorna. Arbetsgrupper bildas
            utifrån gemensamma intressen bland medlemmarna, till exempel för att diskutera de
            särskilda utmaningar som regioner står inför, för att samverka kring IOP-avtal
            (idéburet offentligt partnerskap) eller för att förbereda och genomföra nätverkets
            möten. Medlemmarna deltar i tema- och arbetsgrupper utifrån intresse och möjlighet.
            """
        ),
        "body_en": _md(
            """
            The network has a strategic group in which every member is represented. The group
            meets digitally every month to encourage continuous communication and cooperation,
            and to increase participation in planning the network's activities. The members'
            administrative contact persons take part in the monthly strategic meetings.

            In the theme groups, members go deeper into particular themes, together with the
            professions in the municipality and the region whom the issues concern. Working
            groups are formed around interests the members share, for example to discuss the
            particular challenges regions face, to cooperate on IOP agreements (idea-based
            public partnerships) or to prepare and hold the network's meetings. Members take
            part in theme and working groups according to their interest and opportunity.
            """
        ),
    },
    "aktuellt": {
        "title_sv": "Aktuellt",
        "title_en": "News",
        "summary_sv": (
            "Nyheter från Healthy Cities Sverige: nätverkets möten, konferenser, seminarier, "
            "webbinarier och arbete för en god och jämlik hälsa."
        ),
        "summary_en": (
            "News from Healthy Cities Sverige: the network's meetings, conferences, seminars, "
            "webinars and work for good and equitable health."
        ),
        "body_sv": _md(
            """
            Här berättar vi om vad som händer i nätverket: årsmöten och höstmöten,
            konferenser, seminarier och webbinarier, och arbetet i [våra grupper](/grupper/).
            Kommande evenemang finns i [kalendern](/kalender/). Nyheterna finns också som ett
            Atom-flöde, som du kan följa i en flödesläsare.
            """
        ),
        "body_en": _md(
            """
            Here we tell you what is happening in the network: annual and autumn meetings,
            conferences, seminars and webinars, and the work in [our groups](/grupper/).
            Upcoming events are in the [calendar](/kalender/). The news is also available as an
            Atom feed that you can follow in a feed reader.
            """
        ),
    },
    "publikationer": {
        "title_sv": "Publikationer",
        "title_en": "Publications",
        "summary_sv": (
            "Ställningstaganden, debattartiklar, remissvar och verksamhetsberättelser från "
            "Healthy Cities Sverige."
        ),
        "summary_en": (
            "Position statements, op-eds, consultation responses and annual reports from "
            "Healthy Cities Sverige."
        ),
        "body_sv": _md(
            """
            En av nätverkets fyra strategier är att bli en röst i samhället. Healthy Cities
            Sverige väcker opinion för folkhälsofrågor, är remissinstans och ingår i
            arbetsgrupper i syfte att påverka politiska beslut på nationell nivå, till exempel
            nationella program och satsningar.

            Här samlar vi nätverkets ställningstaganden, debattartiklar och remissvar, och de
            verksamhetsberättelser där nätverket redovisar vad det har gjort under året.
            """
        ),
        "body_en": _md(
            """
            One of the network's four strategies is to become a voice in society. Healthy
            Cities Sverige raises public opinion on public health issues, responds to
            consultations and takes part in working groups in order to influence political
            decisions at national level, for example national programmes and initiatives.

            Here we collect the network's position statements, op-eds and consultation
            responses, and the annual reports in which the network gives an account of what it
            has done during the year.
            """
        ),
    },
    "kontakt": {
        "title_sv": "Kontakt",
        "title_en": "Contact",
        "summary_sv": (
            "Koordinatorn är kontaktperson för nätverkets medlemmar och för dig som är nyfiken "
            "på vårt arbete eller vill bli medlem."
        ),
        "summary_en": (
            "The coordinator is the contact for the network's members and for anyone curious "
            "about our work or interested in becoming a member."
        ),
        "body_sv": _md(
            """
            Nätverkets kansli finns hos värdkommunen Trollhättans stad. Koordinatorn leder och
            driver verksamheten tillsammans med medlemmarna och har hand om den löpande
            kontakten med medlemmarnas kontaktpersoner. Är du nyfiken på vårt arbete eller
            intresserad av att bli medlem är det också koordinatorn du vänder dig till.

            **Johanna Linnarsson**, koordinator

            Under 2024 hade nätverket även en projektledare, Jonas Frykman, med uppdrag att
            stärka arbetet med medlemsrekrytering och utveckla medlemsdialogen i nätverket.

            Skriv till oss via formuläret nedan. Vill din kommun eller region bli medlem finns
            mer att läsa under [Bli medlem](/bli-medlem/).
            """
        ),
        "body_en": _md(
            """
            The network's secretariat is at the host municipality, the City of Trollhättan. The
            coordinator leads and runs the work together with the members and keeps in regular
            contact with the members' contact persons. If you are curious about our work or
            interested in becoming a member, the coordinator is also the person to turn to.

            **Johanna Linnarsson**, coordinator

            In 2024 the network also had a project leader, Jonas Frykman, whose task was to
            strengthen the work of recruiting members and to develop the dialogue with the
            members.

            Write to us with the form below. If your municipality or region would like to join,
            read more under [Become a member](/bli-medlem/).
            """
        ),
    },
    "tillganglighet": {
        "title_sv": "Tillgänglighetsredogörelse",
        "title_en": "Accessibility statement",
        "summary_sv": (
            "Hur tillgänglig Healthy Cities Sveriges webbplats är, vilka brister vi känner till "
            "och hur du rapporterar problem eller ber om innehåll i annat format."
        ),
        "summary_en": (
            "How accessible the Healthy Cities Sverige website is, the shortcomings we know of, "
            "and how to report a problem or ask for content in another format."
        ),
        "body_sv": _md(
            """
            Healthy Cities Sverige står bakom den här webbplatsen. Vi vill att så många som
            möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen
            (2018:1937) om tillgänglighet till digital offentlig service (DOS-lagen), vilka
            tillgänglighetsproblem vi känner till och hur du kan rapportera brister till oss så
            att vi kan åtgärda dem.

            ## Vad redogörelsen gäller

            Redogörelsen gäller Healthy Cities Sveriges webbplats, det vill säga hela den här
            plattformen: de öppna sidorna, de inloggade sidorna för medlemmar och kansli och
            Platskompassens enkäter.

            ## Hur tillgänglig är webbplatsen?

            Webbplatsen är delvis förenlig med DOS-lagen, på grund av de brister som beskrivs
            nedan.

            - Webbplatsen har som mål att uppfylla Web Content Accessibility Guidelines (WCAG)
              2.1 på nivå AA.
            - Sidorna granskas automatiskt med verktyget axe i en riktig webbläsare, mot
              kriterierna i WCAG 2.1 på nivå A och AA.
            - Formulären fungerar utan JavaScript.
            - Webbplatsen finns på svenska och engelska.

            ## Kända brister

            - Bilagor i PDF-format som kansliet laddar upp, till exempel skannade
              beslutsdokument och äldre verksamhetsberättelser, är inte alltid tillgängliga.
              Du kan be om innehållet i ett annat format.
            - Platskompassens kompass är ett diagram. Den har en textmotsvarighet: samma värden
              visas också i en tabell.
            - Automatiska tester hittar inte alla tillgänglighetsproblem. Det kan därför finnas
              brister som vi ännu inte känner till.

            ## Rapportera brister eller be om innehåll i annat format

            Om du behöver innehåll från webbplatsen i ett annat format, eller om du upptäcker
            brister som inte beskrivs här, skriv till oss via
            [kontaktformuläret](/kontakt/). Berätta gärna vilken sida det gäller och vad som
            inte fungerar.

            ## Tillsyn

            Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om
            tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi
            hanterar dina synpunkter kan du kontakta Digg och påtala det (digg.se).

            ## Hur vi har testat webbplatsen

            Redogörelsen bygger på en självskattning, det vill säga en egen granskning av
            webbplatsen, med stöd av de automatiska granskningar som beskrivs ovan.

            Redogörelsen uppdaterades senast den 2 december 2026.
            """
        ),
        "body_en": _md(
            """
            Healthy Cities Sverige is responsible for this website. We want as many people as
            possible to be able to use it. Here we describe how the website complies with the
            Swedish Act (2018:1937) on accessibility to digital public services (the DOS Act),
            the accessibility problems we know of, and how you can report shortcomings to us so
            that we can fix them.

            ## What this statement covers

            This statement covers the Healthy Cities Sverige website, that is, the whole of
            this platform: the public pages, the pages for members and the secretariat behind a
            log-in, and the Platskompassen surveys.

            ## How accessible is the website?

            The website is partially compliant with the DOS Act, because of the shortcomings
            described below.

            - The website aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at
              level AA.
            - The pages are checked automatically with the axe tool in a real web browser,
              against the criteria of WCAG 2.1 at levels A and AA.
            - The forms work without JavaScript.
            - The website is available in Swedish and English.

            ## Known shortcomings

            - Attachments in PDF format uploaded by the secretariat, such as scanned decision
              documents and older annual reports, are not always accessible. You can ask for
              their content in another format.
            - The Platskompassen compass is a chart. It has a text equivalent: the same values
              are also shown in a table.
            - Automatic tests do not find every accessibility problem, so there may be
              shortcomings we do not yet know of.

            ## Report a problem or ask for content in another format

            If you need content from the website in another format, or if you find shortcomings
            that are not described here, write to us using the [contact form](/kontakt/).
            Please tell us which page it concerns and what does not work.

            ## Supervision

            The Agency for Digital Government (Myndigheten för digital förvaltning, Digg) is
            responsible for supervising the Act on accessibility to digital public services. If
            you are not satisfied with how we handle your comments, you can contact Digg and
            tell them (digg.se).

            ## How we tested the website

            This statement is based on a self-assessment, that is, our own review of the
            website, supported by the automatic checks described above.

            The statement was last updated on 2 December 2026.
            """
        ),
    },
    "personuppgifter": {
        "title_sv": "Personuppgifter",
        "title_en": "Personal data",
        "summary_sv": (
            "Vilka personuppgifter Healthy Cities Sveriges plattform sparar om vem, varför och "
            "hur länge, och vilka rättigheter du har."
        ),
        "summary_en": (
            "What personal data the Healthy Cities Sverige platform keeps about whom, why and "
            "for how long, and what your rights are."
        ),
        "body_sv": _md(
            """
            Healthy Cities Sverige är personuppgiftsansvarigt för de personuppgifter som
            behandlas på den här plattformen. Nätverkets kansli finns hos värdkommunen
            Trollhättans stad. Nedan beskriver vi vilka uppgifter vi sparar om vem, varför och
            hur länge, och vilka rättigheter du har.

            När kansliet raderar en persons uppgifter ersätts namn och kontaktuppgifter med
            ”[raderad]” överallt på plattformen: i registret, i anmälningar, i skickad e-post
            och i ändringsloggen. Det som inte är personuppgifter finns kvar, till exempel att
            en medlem hade en kontaktperson under en viss period eller hur många som deltog i
            ett möte.

            ## Medlemmarnas kontaktpersoner

            Varje medlem utser minst en politisk och en administrativ kontaktperson. Om dem
            sparar vi namn, titel, e-postadress, telefonnummer, parti (för förtroendevalda) och
            vilken roll de har för sin organisation och under vilken period. Deltar du i en av
            nätverkets [grupper](/grupper/) sparar vi också ditt namn, din e-postadress, din
            organisation och din roll i gruppen.

            **Varför:** för att kunna bedriva det nätverkssamarbete som medlemskapet innebär,
            med kallelser, information och uppföljning. Grunden är medlemskapet och vårt
            berättigade intresse av att kunna samarbeta med medlemmarna.

            **Hur länge:** så länge personen har uppdraget. När uppdraget upphör upphör också
            åtkomsten till medlemssidorna. Uppgiften om vem som hade uppdraget och när finns
            sedan kvar som historik, tills kansliet raderar personuppgifterna på begäran eller
            när de inte längre behövs.

            ## Styrelse och andra förtroendeuppdrag

            För styrelsens ledamöter sparar vi namn, parti, roll (till exempel ordförande) och
            mandatperiod, och för dem som företräder nätverket i andra sammanhang, till exempel
            i WHO:s kommittéer, namn och uppdrag. Uppgifterna visas på [Styrelsen](/styrelsen/)
            på samma sätt som nätverket publicerar dem i sina verksamhetsberättelser.
            Styrelseprotokoll och medlemmarnas beslutsdokument (protokollsutdrag) kan innehålla
            namn på förtroendevalda.

            **Varför:** öppenhet om vem som leder och företräder nätverket, ett allmänt och
            berättigat intresse. Uppgifterna sparas som en del av nätverkets historia.

            ## Konton

            Har du ett konto sparar vi din e-postadress (som också är ditt inloggningsnamn),
            ditt namn, din organisation, när kontot skapades och när du senast loggade in, de
            inbjudningar som har skickats till dig och de API-nycklar du har skapat. Lösenord
            sparas aldrig i klartext, och av inbjudningslänkar och API-nycklar sparas bara ett
            kontrollvärde. Kansliets konton kräver tvåstegsinloggning, och medlemmar kan välja
            att slå på den: då sparas nyckeln till autentiseringsappen och reservkoder.

            **Varför:** för att bara rätt personer ska kunna logga in och se det de har rätt
            att se, vårt berättigade intresse av säker inloggning. Kontot finns kvar så länge
            det behövs; raderas uppgifterna stängs kontot och namn och adress tas bort.

            ## Anmälningar till evenemang

            När du anmäler dig till ett evenemang sparar vi ditt namn, din e-postadress, din
            organisation, om du deltar som politiker, tjänsteperson eller extern, din
            anmälningsstatus (bekräftad, på väntelista eller avbokad), dina svar på
            evenemangets frågor (till exempel om specialkost) och om du deltog. Svar om
            specialkost kan avslöja uppgifter om hälsa; de används bara för evenemanget.

            **Varför:** för att genomföra evenemanget du har anmält dig till, skicka bekräftelse
            och påminnelse och räkna deltagare, vårt berättigade intresse.

            **Hur länge:** plattformen gallrar inte anmälningar automatiskt. De sparas tills
            kansliet raderar dem på begäran eller när de inte längre behövs. När en persons
            uppgifter raderas finns anmälan kvar utan namn och e-postadress, med organisation,
            roll och närvaro, så att antalet deltagare stämmer.

            ## Intresseanmälningar om medlemskap

            När du skickar en intresseanmälan via [Bli medlem](/bli-medlem/) sparar vi
            kommunen eller regionen, ditt namn, din titel, e-postadress, ditt telefonnummer och
            ditt meddelande, och kansliet för en logg över ärendets steg.

            **Varför:** för att kunna svara dig och handlägga ansökan. Grunden är ditt samtycke,
            som du lämnar i formuläret och när som helst kan återkalla.

            **Hur länge:** så länge ärendet pågår och därefter som historik över ansökan, tills
            kansliet raderar uppgifterna på begäran eller när de inte längre behövs.

            ## Meddelanden via kontaktformuläret

            När du skriver till oss via [kontaktformuläret](/kontakt/) sparar vi ditt namn, din
            e-postadress, din organisation och ditt meddelande.

            **Varför:** för att kunna svara dig. Grunden är ditt samtycke, som du lämnar i
            formuläret och när som helst kan återkalla.

            **Hur länge:** medan kansliet hanterar meddelandet, och tills kansliet raderar det
            på begäran eller när det inte längre behövs.

            ## Platskompassen

            Svaren på [Platskompassens](/platskompassen/) enkäter är anonyma. Vi frågar inte
            efter namn eller e-postadress och sparar inte din IP-adress. Vi sparar dagen (inte
            klockslaget) då svaret kom in, dina betyg på varje tema, dina kommentarer om vad som
            är bra och vad som kan bli bättre, och svaren på de bakgrundsfrågor som enkäten
            ställer (ålder i intervall, kön, din relation till platsen, område eller
            postnummer). Skriv inte namn eller andra personuppgifter i kommentarerna. En
            bakgrundsgrupp med för få svar visas inte för sig, så att ingen kan pekas ut.

            ## E-post från plattformen

            Plattformen sparar den e-post den skickar, till exempel bekräftelser, påminnelser,
            inbjudningar och besked om ärenden, med mottagarnas e-postadresser, ämne och text.
            Det gör att kansliet kan se att e-posten har gått iväg och skicka den igen om något
            har gått fel. E-post med en hemlig länk, till exempel för att välja lösenord, töms
            på text när den har skickats.

            ## Nyhetsbrev och utskick

            När kansliet skickar ett nyhetsbrev eller ett utskick till medlemmarna sparar vi för
            varje mottagare e-postadress, namn och om meddelandet gick iväg, med
            e-postserverns svar om det inte gick. Prenumererar du på nyhetsbrevet sparar vi din
            e-postadress och när du bad om det och bekräftade det. En prenumeration som inte
            bekräftas inom en vecka glöms bort. Avregistrerar du dig sparar vi adressen med
            beskedet, så att du inte får fler nyhetsbrev; utskick till medlemmarnas
            kontaktpersoner, till exempel kallelsen till årsmötet, kommer ändå.

            **Varför:** nyhetsbrevet skickas med ditt samtycke, som du återkallar med länken i
            varje nyhetsbrev. Utskick till kontaktpersoner hör till medlemskapet.

            ## Ändringslogg

            Varje ändring i registret loggas: vem som ändrade vad och när, med värdena före och
            efter. Även utdrag och raderingar av personuppgifter loggas. Loggen behövs för
            spårbarhet och säkerhet, vårt berättigade intresse. När en persons uppgifter raderas
            tas de bort även ur loggen.

            ## Fakturor

            Medlemsavgiften faktureras medlemsorganisationen. Fakturan innehåller köparens
            referens, ofta en persons namn. Fakturor är räkenskapsinformation och sparas i sju
            år enligt bokföringslagen, en rättslig förpliktelse.

            ## Frågor om dina uppgifter

            När du begär att få se, rätta eller radera dina uppgifter, eller invänder mot hur de
            används, sparar vi ditt namn, din e-postadress, din begäran och vad vi gjorde, som
            ett kvitto på att begäran har hanterats.

            ## Kakor och tredje part

            Webbplatsen använder bara de kakor som behövs för att den ska fungera: en
            sessionskaka som håller dig inloggad, en säkerhetskaka som skyddar formulären mot
            förfalskade anrop, en kaka som kommer ihåg vilket språk du har valt och en tillfällig
            kaka som för över ett kort besked till nästa sida. Vi använder ingen
            besöksstatistik och inga analysverktyg, och sidorna hämtar ingenting från tredje
            part: allt kommer från plattformen själv.

            För att skydda formulären mot missbruk räknar vi antalet försök per besökare med ett
            kontrollvärde av IP-adressen som byts ut varje dygn. Själva adressen sparas inte.

            ## Dina rättigheter

            Du har rätt att

            - få veta vilka uppgifter vi har om dig och få en kopia av dem. Har du ett konto
              kan du själv ladda ner allt vi har om dig som en fil under *Mina uppgifter*;
              annars kan du begära en kopia av oss;
            - få felaktiga uppgifter rättade;
            - få dina uppgifter raderade. Har du ett konto kan du begära det under *Mina
              uppgifter*;
            - begära att behandlingen av dina uppgifter begränsas;
            - invända mot behandling som grundar sig på vårt berättigade intresse;
            - återkalla ett samtycke du har lämnat.

            Skriv till oss via [kontaktformuläret](/kontakt/) om du vill använda någon av dina
            rättigheter eller har frågor. Är du inte nöjd med hur vi behandlar dina
            personuppgifter har du rätt att klaga hos Integritetsskyddsmyndigheten (IMY).
            """
        ),
        "body_en": _md(
            """
            Healthy Cities Sverige is the controller of the personal data processed on this
            platform. The network's secretariat is at the host municipality, the City of
            Trollhättan. Below we describe what data we keep about whom, why and for how long,
            and what your rights are.

            When the secretariat erases a person's data, their name and contact details are
            replaced with "[raderad]" (erased) everywhere on the platform: in the registry, in
            registrations, in e-mails sent and in the change log. What is not personal data
            stays, for example that a member had a contact person during a certain period or
            how many people took part in a meeting.

            ## The members' contact persons

            Every member appoints at least one political and one administrative contact person.
            About them we keep their name, title, e-mail address, phone number, party (for
            elected officials) and which role they hold for their organisation and for what
            period. If you take part in one of the network's [groups](/grupper/), we also keep
            your name, e-mail address, organisation and role in the group.

            **Why:** to carry out the cooperation that membership means, with invitations,
            information and follow-up. The basis is the membership and our legitimate interest
            in being able to work with the members.

            **How long:** as long as the person holds the role. When the role ends, access to
            the members' pages ends too. The record of who held the role and when then remains
            as history, until the secretariat erases the personal data on request or when it is
            no longer needed.

            ## The board and other offices

            For the members of the board we keep their name, party, role (for example chair)
            and term of office, and for those who represent the network elsewhere, for example
            in WHO's committees, their name and assignment. These are shown on [The
            board](/styrelsen/) in the same way as the network publishes them in its annual
            reports. Board minutes and the members' decision documents (extracts of minutes)
            may contain the names of elected officials.

            **Why:** openness about who leads and represents the network, a public and
            legitimate interest. The data is kept as part of the network's history.

            ## Accounts

            If you have an account, we keep your e-mail address (which is also your log-in
            name), your name, your organisation, when the account was created and when you last
            logged in, the invitations sent to you and the API keys you have created. Passwords
            are never stored in plain text, and of invitation links and API keys only a check
            value is kept. The secretariat's accounts require two-step log-in, and members can
            choose to turn it on: the key of the authenticator app and recovery codes are then
            stored.

            **Why:** so that only the right people can log in and see what they are allowed to
            see, our legitimate interest in secure log-in. The account remains as long as it is
            needed; if the data is erased, the account is closed and its name and address are
            removed.

            ## Event registrations

            When you register for an event, we keep your name, e-mail address, organisation,
            whether you take part as a politician, an official or an external participant, the
            status of your registration (confirmed, on the waiting list or cancelled), your
            answers to the event's questions (for example about dietary needs) and whether you
            attended. Answers about dietary needs may reveal information about health; they are
            used only for the event.

            **Why:** to hold the event you registered for, send a confirmation and a reminder,
            and count participants, our legitimate interest.

            **How long:** the platform does not delete registrations automatically. They are
            kept until the secretariat erases them on request or when they are no longer
            needed. When a person's data is erased, the registration remains without name and
            e-mail address, with organisation, role and attendance, so that the number of
            participants stays right.

            ## Enquiries about membership

            When you send an enquiry through [Become a member](/bli-medlem/), we keep the
            municipality or region, your name, title, e-mail address, phone number and message,
            and the secretariat keeps a log of the steps of the case.

            **Why:** to answer you and handle the application. The basis is your consent, which
            you give in the form and can withdraw at any time.

            **How long:** while the case is open and afterwards as the history of the
            application, until the secretariat erases the data on request or when it is no
            longer needed.

            ## Messages sent with the contact form

            When you write to us using the [contact form](/kontakt/), we keep your name, e-mail
            address, organisation and message.

            **Why:** to answer you. The basis is your consent, which you give in the form and
            can withdraw at any time.

            **How long:** while the secretariat handles the message, and until the secretariat
            erases it on request or when it is no longer needed.

            ## Platskompassen

            Answers to [Platskompassen](/platskompassen/) surveys are anonymous. We do not ask
            for a name or an e-mail address and do not store your IP address. We keep the day
            (not the time) the answer came in, your score for each theme, your comments on what
            is good and what could be better, and your answers to the background questions the
            survey asks (age band, gender, your relation to the place, area or postcode). Please
            do not write names or other personal data in the comments. A background group with
            too few answers is not shown on its own, so that no one can be singled out.

            ## E-mails from the platform

            The platform keeps the e-mails it sends, for example confirmations, reminders,
            invitations and answers about cases, with the recipients' e-mail addresses, subject
            and text. This lets the secretariat see that an e-mail has gone out and send it
            again if something went wrong. An e-mail with a secret link, for example to choose a
            password, has its text removed once it has been sent.

            ## Newsletters and mailings

            When the secretariat sends a newsletter or a mailing to the members, we keep for
            each recipient the e-mail address, the name and whether the message went out, with
            the mail server's answer if it did not. If you subscribe to the newsletter we keep
            your address and when you asked and confirmed. A subscription not confirmed within a
            week is forgotten. If you unsubscribe we keep the address with that choice, so that
            you get no more newsletters; mailings to the members' contact persons, such as the
            notice of the annual meeting, still come.

            **Why:** the newsletter is sent with your consent, which you withdraw with the link in
            every newsletter. Mailings to contact persons are part of the membership.

            ## Change log

            Every change in the registry is logged: who changed what and when, with the values
            before and after. Exports and erasures of personal data are logged too. The log is
            needed for traceability and security, our legitimate interest. When a person's data
            is erased, it is removed from the log as well.

            ## Invoices

            The membership fee is invoiced to the member organisation. The invoice contains the
            buyer's reference, often a person's name. Invoices are accounting records and are
            kept for seven years under the Swedish Bookkeeping Act (bokföringslagen), a legal
            obligation.

            ## Requests about your data

            When you ask to see, correct or erase your data, or object to how it is used, we
            keep your name, e-mail address, your request and what we did, as a record that the
            request was handled.

            ## Cookies and third parties

            The website uses only the cookies it needs in order to work: a session cookie that
            keeps you logged in, a security cookie that protects the forms against forged
            requests, a cookie that remembers the language you chose and a short-lived cookie
            that carries a brief message to the next page. We use no visitor statistics and no
            analytics tools, and the pages load nothing from third parties: everything comes
            from the platform itself.

            To protect the forms against abuse, we count attempts per visitor using a check
            value of the IP address that changes every day. The address itself is not stored.

            ## Your rights

            You have the right to

            - know what data we hold about you and get a copy of it. If you have an account,
              you can download everything we hold about you as a file under *My data*;
              otherwise you can ask us for a copy;
            - have incorrect data corrected;
            - have your data erased. If you have an account, you can ask for this under *My
              data*;
            - ask us to restrict the processing of your data;
            - object to processing based on our legitimate interest;
            - withdraw any consent you have given.

            Write to us using the [contact form](/kontakt/) if you want to exercise any of your
            rights or have questions. If you are not satisfied with how we process your personal
            data, you have the right to lodge a complaint with the Swedish Authority for Privacy
            Protection (Integritetsskyddsmyndigheten, IMY).
            """
        ),
    },
}


NEWS: list[dict[str, object]] = [
    {
        "slug": "webbinarium-dialoger-med-barn-och-unga",
        "published": datetime.date(2024, 11, 29),
        "title_sv": "Webbinarium om dialoger med barn och unga",
        "title_en": "Webinar on dialogues with children and young people",
        "summary_sv": (
            "Temagruppen Delaktighet och inflytande inledde en webbinarieserie om tillit och "
            "dialog med invånare, med fokus på barns rätt till delaktighet."
        ),
        "summary_en": (
            "The theme group Participation and Influence began a webinar series on trust and "
            "dialogue with residents, focusing on children's right to participate."
        ),
        "body_sv": _md(
            """
            Under hösten 2024 bjöd nätverkets temagrupp för Delaktighet och inflytande in till
            en webbinarieserie med fokus på att stärka tilliten och bygga relationer genom
            pågående dialoger med invånare. Webbinarierna gav deltagarna både kunskap och
            praktiska exempel på hur det går att arbeta för ökad delaktighet och inflytande i
            samhället.

            Det första webbinariet, den 29 november 2024, handlade om dialoger med barn och
            unga: barns rätt till delaktighet och hur vi kan säkerställa att de får komma till
            tals, bli lyssnade på och ges inflytande utifrån sin ålder och mognad. Det andra
            webbinariet, den 31 januari 2025, handlade om platsens betydelse för delaktighet och
            inflytande, med särskilt fokus på skillnader mellan stad och landsbygd.

            Båda tillfällena gav deltagarna värdefulla insikter och en plattform för att utbyta
            erfarenheter och perspektiv, där varje deltagare kan bidra med kompetens utifrån sin
            profession.

            I december 2024 höll också temagruppen för Hälsofrämjande samhällsplanering ett
            uppföljande webbinarium om [Platskompassen](/platskompassen/), där deltagarna fick
            ta del av erfarenheter från de kommuner som hade valt att testa verktyget.
            """
        ),
        "body_en": _md(
            """
            In the autumn of 2024 the network's theme group for Participation and Influence
            invited to a series of webinars on strengthening trust and building relationships
            through ongoing dialogues with residents. The webinars gave the participants both
            knowledge and practical examples of how to work for more participation and
            influence in society.

            The first webinar, on 29 November 2024, was about dialogues with children and young
            people: children's right to participate and how we can make sure that they are
            heard, listened to and given influence according to their age and maturity. The
            second webinar, on 31 January 2025, was about the importance of place for
            participation and influence, with a particular focus on the differences between
            town and countryside.

            Both occasions gave the participants valuable insights and a platform for
            exchanging experiences and perspectives, where every participant can contribute
            expertise from their own profession.

            In December 2024 the theme group for Health-Promoting Urban Planning also held a
            follow-up webinar on [Platskompassen](/platskompassen/), where the participants
            heard about the experiences of the municipalities that had chosen to test the tool.
            """
        ),
    },
    {
        "slug": "who-healthy-cities-medlemsmote-2024",
        "published": datetime.date(2024, 11, 6),
        "title_sv": "WHO:s europeiska Healthy Cities-nätverk höll sitt årliga medlemsmöte",
        "title_en": "WHO's European Healthy Cities Network held its annual members' meeting",
        "summary_sv": (
            "Mötet hölls digitalt och handlade om utvärderingen av Fas VII och förberedelserna "
            "inför Fas VIII."
        ),
        "summary_en": (
            "The meeting was held online and focused on the evaluation of Phase VII and the "
            "preparations for Phase VIII."
        ),
        "body_sv": _md(
            """
            Den 6 november 2024 höll WHO:s europeiska Healthy Cities-nätverk sitt årliga
            medlemsmöte. Mötet genomfördes digitalt, eftersom WHO hade valt att flytta den
            traditionella medlemskonferensen till våren 2025. Stort fokus låg på utvärderingen
            av den nuvarande Fas VII och förberedelserna inför nätverkets Fas VIII. Den större
            årskonferensen för medlemmarna planerades till den 16–19 juni 2025 i Bursa, Turkiet.

            Under 2024 hade WHO:s europeiska Healthy Cities-nätverk fyra träffar för
            koordinatorerna från medlemsländerna och städerna.

            Healthy Cities Sverige deltar också i arbetet med WHO-nätverkets inriktning.
            Nätverkets ordförande, Fredrik Hansson, har sedan 2023 deltagit som representant i
            WHO:s Healthy Cities Political Committee, ett politiskt utskott som fungerar som ett
            rådgivande organ för den strategiska inriktningen under Fas VII. Nätverkets
            koordinator var 2022–2024 invald i WHO:s Healthy Cities Advisory Committee, som
            under 2024 höll tre digitala möten och ett fysiskt möte på WHO-kontoret i
            Köpenhamn.
            """
        ),
        "body_en": _md(
            """
            On 6 November 2024 WHO's European Healthy Cities Network held its annual members'
            meeting. The meeting was held online, as WHO had chosen to move the traditional
            members' conference to the spring of 2025. The focus was on the evaluation of the
            current Phase VII and the preparations for the network's Phase VIII. The larger
            annual conference for the members was planned for 16–19 June 2025 in Bursa, Türkiye.

            In 2024 WHO's European Healthy Cities Network held four meetings for the
            coordinators of the member countries and cities.

            Healthy Cities Sverige also takes part in shaping the WHO network's direction. The
            network's chair, Fredrik Hansson, has since 2023 been a representative in WHO's
            Healthy Cities Political Committee, a political committee that acts as an advisory
            body on the strategic direction during Phase VII. The network's coordinator was a
            member of WHO's Healthy Cities Advisory Committee in 2022–2024, which in 2024 held
            three online meetings and one in-person meeting at the WHO office in Copenhagen.
            """
        ),
    },
    {
        "slug": "hostmotet-2024",
        "published": datetime.date(2024, 10, 22),
        "title_sv": "Höstmötet 2024: För en jämlik hälsa i framtiden",
        "title_en": "The autumn meeting 2024: For equitable health in the future",
        "summary_sv": (
            "På höstmötet i Stockholm diskuterade nätverket om och hur den jämlika hälsan "
            "fortfarande är kvar på bordet."
        ),
        "summary_en": (
            "At the autumn meeting in Stockholm the network discussed whether and how "
            "equitable health is still on the table."
        ),
        "body_sv": _md(
            """
            Den 21–22 oktober 2024 höll nätverket sitt årliga höstmöte i Stockholm. Temat var
            *För en jämlik hälsa i framtiden*, och en av frågorna som diskuterades var *om och
            hur* den jämlika hälsan fortfarande är kvar på bordet.

            Nätverkets politiker och tjänstepersoner diskuterade frågan med Folkhälsomyndighetens
            nya generaldirektör Olivia Wigzell och med Olle Lundberg, tidigare ordförande i den
            nationella kommissionen för jämlik hälsa. Medlemmarna fick också ta del av
            perspektiv från lokal, regional och internationell nivå.

            Höstmötet var startskottet på den positionsförflyttning som nätverket inledde under
            hösten, i syfte att spänna bågen i arbetet med den jämlika hälsan.

            ## Ett år av medlemsrekrytering

            Medlemsrekrytering var ett prioriterat arbete under 2024. Under våren arrangerade
            nätverket sex publika regionala webbinarier och bjöd in samtliga kommuner och
            regioner i landet. Där presenterades nätverkets arbete och fördelarna med ett
            medlemskap, medverkande från Folkhälsomyndigheten och Sveriges Kommuner och Regioner
            (SKR) talade om utmaningar och möjligheter i arbetet med social hållbarhet och
            jämlik hälsa, och representanter för kommuner och regioner delade goda exempel.
            Sammanlagt deltog ungefär 75 personer.

            Sedan juni 2024 är Region Norrbotten ny medlem i nätverket. Se alla
            [medlemmar](/medlemmar/).
            """
        ),
        "body_en": _md(
            """
            On 21–22 October 2024 the network held its annual autumn meeting in Stockholm. The
            theme was *For equitable health in the future*, and one of the questions discussed
            was *whether and how* equitable health is still on the table.

            The network's politicians and officials discussed the question with the new
            Director-General of the Public Health Agency of Sweden, Olivia Wigzell, and with
            Olle Lundberg, former chair of the national Commission for Equity in Health. The
            members also heard perspectives from the local, regional and international levels.

            The autumn meeting was the starting point of the shift in position that the network
            began during the autumn, with the aim of raising its ambitions in the work for
            equitable health.

            ## A year of recruiting members

            Recruiting members was a priority in 2024. In the spring the network held six
            public regional webinars and invited every municipality and region in the country.
            The webinars presented the network's work and the benefits of membership, speakers
            from the Public Health Agency of Sweden and the Swedish Association of Local
            Authorities and Regions (SKR) talked about the challenges and opportunities in the
            work for social sustainability and equitable health, and representatives of
            municipalities and regions shared good examples. About 75 people took part in all.

            Since June 2024 Region Norrbotten is a new member of the network. See all the
            [members](/medlemmar/).
            """
        ),
    },
    {
        "slug": "nordiskt-seminarium-wellbeing-economy",
        "published": datetime.date(2024, 9, 12),
        "title_sv": "Nordiskt seminarium om Wellbeing Economy",
        "title_en": "Nordic seminar on the Wellbeing Economy",
        "summary_sv": (
            "De nordiska Healthy Cities-nätverken samlade runt 100 deltagare till ett digitalt "
            "seminarium om Wellbeing Economy (välfärdsekonomi)."
        ),
        "summary_en": (
            "The Nordic Healthy Cities networks gathered about 100 participants for an online "
            "seminar on the Wellbeing Economy."
        ),
        "body_sv": _md(
            """
            Den 12 september 2024 arrangerade de nordiska Healthy Cities-nätverken ett digitalt
            seminarium om Wellbeing Economy (välfärdsekonomi). Begreppet innebär att städer och
            samhällen omformar sina ekonomiska system för att skapa ett mer hållbart och jämlikt
            samhälle.

            Deltagarna fick en introduktion till begreppet. Bland talarna fanns Michael Birkjaer
            från WELA (Wellbeing Economy Lab) vid Köpenhamns universitet, forskare från Finland
            och representanter från WHO:s Healthy Cities-nätverk, som presenterade ett pågående
            pilotprojekt inom välfärdsekonomi. Representanter från Island och Finland berättade
            hur deras städer arbetar med välfärdsekonomi på lokal nivå.

            Seminariet samlade runt 100 deltagare från samtliga nordiska Healthy
            Cities-nätverk, som ville utforska hur en ekonomi som sätter människors och
            planetens behov i centrum kan bidra till hållbar tillväxt.

            Koordinatorerna i de nordiska nationella Healthy Cities-nätverken träffas
            regelbundet för att dela goda exempel, stötta varandra över gränserna och genomföra
            gemensamma aktiviteter.
            """
        ),
        "body_en": _md(
            """
            On 12 September 2024 the Nordic Healthy Cities networks held an online seminar on
            the Wellbeing Economy, in which cities and communities reshape their economic
            systems to create a more sustainable and equitable society.

            The participants were given an introduction to the concept. Among the speakers were
            Michael Birkjaer of WELA (Wellbeing Economy Lab) at the University of Copenhagen,
            researchers from Finland, and representatives of WHO's Healthy Cities Network, who
            presented an ongoing pilot project on the wellbeing economy. Representatives from
            Iceland and Finland told how their cities work with the wellbeing economy at local
            level.

            The seminar gathered about 100 participants from all the Nordic Healthy Cities
            networks who wanted to explore how an economy that puts the needs of people and the
            planet at its centre can contribute to sustainable growth.

            The coordinators of the Nordic national Healthy Cities networks meet regularly to
            share good examples, support each other across borders and run joint activities.
            """
        ),
    },
    {
        "slug": "webbinarium-eu-valet-2024",
        "published": datetime.date(2024, 4, 12),
        "title_sv": "Webbinarium om EU-valet 2024",
        "title_en": "Webinar on the 2024 European Parliament election",
        "summary_sv": (
            "Den nystartade temagruppen Delaktighet och inflytande diskuterade EU-valet 2024 och "
            "dess påverkan på den lokala och regionala nivån i Sverige."
        ),
        "summary_en": (
            "The new theme group Participation and Influence discussed the 2024 European "
            "election and its effect on the local and regional level in Sweden."
        ),
        "body_sv": _md(
            """
            Den 12 april 2024 anordnade nätverkets nystartade temagrupp för Delaktighet och
            inflytande ett webbinarium om EU-valet 2024 och dess påverkan på den lokala och
            regionala nivån i Sverige. Under webbinariet lyftes vikten av att öka
            valdeltagandet, särskilt bland grupper som ofta står utanför, såsom unga, personer
            med funktionsnedsättning och utrikes födda.

            ## Workshop om Platskompassen

            I april arrangerade också temagruppen för Hälsofrämjande samhällsplanering en
            workshop om [Platskompassen](/platskompassen/), där deltagarna fick fördjupa sig i
            verktyget och hur det kan användas för platsutveckling. Platskompassen är nätverkets
            svenska översättning av det skotska dialogverktyget The Place Standard Tool, som
            underlättar en strukturerad dialog om en plats genom att fokusera på både de
            fysiska och de sociala aspekterna och hur de hänger ihop.

            Efter workshopen inleddes en pilot där flera av nätverkets medlemmar testade hur
            verktyget kan användas i den egna kommunen för att utveckla mer hälsofrämjande
            miljöer.
            """
        ),
        "body_en": _md(
            """
            On 12 April 2024 the network's newly started theme group for Participation and
            Influence held a webinar on the 2024 European Parliament election and its effect on
            the local and regional level in Sweden. The webinar stressed the importance of
            raising turnout, especially among groups that are often left out, such as young
            people, people with disabilities and people born abroad.

            ## Workshop on Platskompassen

            In April the theme group for Health-Promoting Urban Planning also held a workshop on
            [Platskompassen](/platskompassen/), where the participants went deeper into the tool
            and how it can be used in developing places. Platskompassen is the network's Swedish
            translation of the Scottish dialogue tool The Place Standard Tool, which supports a
            structured dialogue about a place by looking at both its physical and its social
            aspects and how they relate to each other.

            After the workshop a pilot began in which several of the network's members tested
            how the tool can be used in their own municipality to develop more health-promoting
            environments.
            """
        ),
    },
    {
        "slug": "arskonferens-2024-datid-nutid-framtid",
        "published": datetime.date(2024, 3, 15),
        "title_sv": "Årskonferensen 2024: Dåtid, nutid, framtid",
        "title_en": "The annual conference 2024: Past, present, future",
        "summary_sv": (
            "Nätverket fyllde 20 år och samlades i Norrköping, där deltagarna ställde sig bakom "
            "ställningstagandet Folkhälsan och framtiden."
        ),
        "summary_en": (
            "The network turned 20 and met in Norrköping, where the participants endorsed the "
            "position statement Folkhälsan och framtiden."
        ),
        "body_sv": _md(
            """
            Den 14–15 mars 2024 arrangerade Healthy Cities Sverige sin årliga konferens i
            Norrköping, denna gång i samarbete med Region Östergötland.

            Konferensens tema, *Dåtid, nutid, framtid*, reflekterade över hur folkhälsoarbetet
            har utvecklats under de senaste 20 åren ur ett internationellt, nationellt och
            lokalt perspektiv, och blickade framåt mot framtida utmaningar och möjligheter.
            Deltagarna diskuterade vilka framgångsfaktorer som har lett till hälsosammare
            samhällen och tog del av erfarenheter från internationella och svenska föreläsare,
            bland andra Evelyne de Leeuw från University of Montreal, Elisabeth Bengtsson från
            Västra Götalandsregionen, Annika Larsson från Region Östergötland och Barbro Müller
            från Luleå kommun. Paneldiskussioner och en framtidsworkshop ledde till konkreta
            diskussioner om hur vi kan bygga vidare för att säkra en god och jämlik hälsa för
            alla i framtiden.

            På konferensen ställde deltagarna sig bakom nätverkets gemensamma ställningstagande
            *Folkhälsan och framtiden*. Det finns under [Publikationer](/publikationer/).

            ## Healthy Cities Sverige 20 år

            Under 2024 firade Healthy Cities Sverige sitt 20-årsjubileum. Sedan starten 2004 har
            nätverket samlat kommuner och regioner för att främja folkhälsa och minska
            hälsoklyftor, på senare år med särskilt fokus på Agenda 2030 och de globala målen
            för hållbar utveckling. Genom samarbeten mellan kommuner, regioner och andra
            samhällsaktörer, och med årliga seminarier, webbinarier och nätverksträffar, har
            nätverket varit en viktig aktör för dialog och samarbete i frågor som rör folkhälsa
            och hållbarhet.

            Att fira 20 år handlar både om att blicka tillbaka på vad som har uppnåtts och
            framåt mot nya mål. Vi ser fram emot att fortsätta arbeta tillsammans för att skapa
            hälsofrämjande och hållbara samhällen.
            """
        ),
        "body_en": _md(
            """
            On 14–15 March 2024 Healthy Cities Sverige held its annual conference in Norrköping,
            this time together with Region Östergötland.

            The conference theme, *Past, present, future* (Dåtid, nutid, framtid), reflected on
            how public health work has developed over the last 20 years from an international,
            national and local perspective, and looked ahead to future challenges and
            opportunities. The participants discussed the success factors that have led to
            healthier communities and heard from international and Swedish speakers, among them
            Evelyne de Leeuw of the University of Montreal, Elisabeth Bengtsson of Västra
            Götalandsregionen, Annika Larsson of Region Östergötland and Barbro Müller of Luleå
            Municipality. Panel discussions and a workshop on the future led to concrete
            discussions about how we can build on this to secure good and equitable health for
            everyone in the future.

            At the conference the participants endorsed the network's joint position statement
            *Folkhälsan och framtiden* (Public health and the future). It is listed under
            [Publications](/publikationer/).

            ## Healthy Cities Sverige turns 20

            In 2024 Healthy Cities Sverige celebrated its 20th anniversary. Since it started in
            2004 the network has brought municipalities and regions together to promote public
            health and reduce health gaps, in recent years with a particular focus on Agenda
            2030 and the global Sustainable Development Goals. Through cooperation between
            municipalities, regions and other actors, and with annual seminars, webinars and
            network meetings, the network has been an important actor for dialogue and
            cooperation on public health and sustainability.

            Celebrating 20 years is both about looking back at what has been achieved and
            looking ahead to new goals. We look forward to continuing to work together to
            create health-promoting and sustainable communities.
            """
        ),
    },
    {
        "slug": "arsmotet-2024",
        "published": datetime.date(2024, 3, 14),
        "title_sv": "Årsmötet 2024: Fredrik Hansson omvald som ordförande",
        "title_en": "The annual meeting 2024: Fredrik Hansson re-elected chair",
        "summary_sv": (
            "Årsmötet återvalde Fredrik Hansson (S) till ordförande och valde in Håkan Eriksson "
            "(C) i styrelsen. Styrelsen föreslog en ny avgiftsmodell."
        ),
        "summary_en": (
            "The annual meeting re-elected Fredrik Hansson (S) as chair and elected Håkan "
            "Eriksson (C) to the board. The board proposed a new fee model."
        ),
        "body_sv": _md(
            """
            Vid nätverkets årsmöte den 14 mars 2024 återvaldes Fredrik Hansson (S) till
            ordförande för Healthy Cities Sverige. Fredrik Hansson är till vardags kommunalråd
            i Luleå kommun. Årsmötet valde också in Håkan Eriksson (C) från Borås som ny
            ledamot i [styrelsen](/styrelsen/).

            Styrelsen presenterade ett förslag på en ny fördelningsmodell för nätverkets
            medlemsavgifter, som medlemmarna ska fatta beslut om på årsmötet 2025. Även
            nätverkets långsiktiga strategi presenterades på mötet.

            Mötet avslutades med en avtackning av styrelseledamoten Peter Romlén (SD) från Vara,
            som tack för hans engagemang i styrelsen.
            """
        ),
        "body_en": _md(
            """
            At the network's annual meeting on 14 March 2024 Fredrik Hansson (S) was re-elected
            chair of Healthy Cities Sverige. In his day job Fredrik Hansson is a municipal
            commissioner (kommunalråd) in Luleå Municipality. The annual meeting also elected
            Håkan Eriksson (C) from Borås as a new member of the [board](/styrelsen/).

            The board presented a proposal for a new model for distributing the network's
            membership fees, which the members are to decide on at the annual meeting in 2025.
            The network's long-term strategy was also presented at the meeting.

            The meeting ended by thanking board member Peter Romlén (SD) from Vara for his
            commitment to the board.
            """
        ),
    },
    {
        "slug": "seminarium-halsoframjande-arbete-for-okad-trygghet",
        "published": datetime.date(2024, 1, 26),
        "title_sv": "Seminarium: Hälsofrämjande arbete för ökad trygghet i kommunerna",
        "title_en": "Seminar: Health promotion for greater safety in municipalities",
        "summary_sv": (
            "Tillsammans med Mötesplats social hållbarhet höll vi ett uppföljande seminarium om "
            "att gå från ”vad” till ”hur” i trygghetsarbetet."
        ),
        "summary_en": (
            "Together with Mötesplats social hållbarhet we held a follow-up seminar on going "
            "from “what” to “how” in the work for safety."
        ),
        "body_sv": _md(
            """
            Den 26 januari 2024 arrangerade Healthy Cities Sverige och Mötesplats social
            hållbarhet ett uppföljande seminarium på temat *Hälsofrämjande arbete för ökad
            trygghet i kommunerna*. Fokus denna gång var att gå från teorier och övergripande
            begrepp till konkreta handlingar och lösningar – från ”vad” till ”hur”.

            Syftet var att ta ett steg vidare i diskussionen om hur kommuner, med sina olika
            lokala förutsättningar, kan organisera arbetet så att det hälsofrämjande och
            förebyggande perspektivet blir en integrerad del av trygghetsarbetet. Under
            seminariet diskuterades hur kommuner kan samarbeta både internt och med andra
            samhällsaktörer för att skapa långsiktiga lösningar för ökad trygghet.
            """
        ),
        "body_en": _md(
            """
            On 26 January 2024 Healthy Cities Sverige and Mötesplats social hållbarhet (the
            Swedish meeting place for social sustainability) held a follow-up seminar on the
            theme *Health promotion for greater safety in municipalities*. This time the focus
            was on moving from theories and general concepts to concrete actions and solutions –
            from "what" to "how".

            The aim was to take the discussion a step further on how municipalities, each with
            its own local conditions, can organise the work so that the health-promoting and
            preventive perspective becomes an integral part of the work for safety. The seminar
            discussed how municipalities can cooperate both internally and with other actors to
            create long-term solutions for greater safety.
            """
        ),
    },
    {
        "slug": "debattartikel-i-dagens-samhalle",
        "published": datetime.date(2024, 1, 25),
        "title_sv": (
            "Debattartikel i Dagens Samhälle om hälsofrämjande och brottsförebyggande arbete"
        ),
        "title_en": "Op-ed in Dagens Samhälle on health promotion and crime prevention",
        "summary_sv": (
            "Healthy Cities Sverige vill att det hälsofrämjande perspektivet får större utrymme "
            "i det brottsförebyggande arbetet, nationellt och i kommunerna."
        ),
        "summary_en": (
            "Healthy Cities Sverige wants the health-promoting perspective to be given more room "
            "in crime prevention, nationally and in the municipalities."
        ),
        "body_sv": _md(
            """
            I en debattartikel i Dagens Samhälle den 25 januari 2024 lyfte Healthy Cities
            Sverige fram behovet av att det hälsofrämjande perspektivet får större utrymme i
            det brottsförebyggande arbetet, både på nationell nivå och inom kommunerna.

            I artikeln föreslår nätverket

            - att nationella strategier inkluderar ett hälsofrämjande perspektiv i det
              brottsförebyggande arbetet,
            - att Folkhälsomyndigheten och Brottsförebyggande rådet utvecklar en modell för
              detta, och
            - att kommunerna kopplar samman brottsförebyggande arbete och folkhälsoarbete för
              att stärka tryggheten långsiktigt.

            Debattartikeln finns under [Publikationer](/publikationer/).
            """
        ),
        "body_en": _md(
            """
            In an op-ed in Dagens Samhälle on 25 January 2024 Healthy Cities Sverige highlighted
            the need to give the health-promoting perspective more room in crime prevention,
            both at national level and in the municipalities.

            In the article the network proposes

            - that national strategies include a health-promoting perspective in crime
              prevention,
            - that the Public Health Agency of Sweden and the Swedish National Council for Crime
              Prevention (Brottsförebyggande rådet) develop a model for this, and
            - that the municipalities link crime prevention and public health work to
              strengthen safety in the long term.

            The op-ed is listed under [Publications](/publikationer/).
            """
        ),
    },
]


PUBLICATIONS: list[dict[str, object]] = [
    {
        "slug": "folkhalsan-och-framtiden",
        "category": "position",
        "published": datetime.date(2024, 3, 14),
        "year": 2024,
        "title_sv": "Folkhälsan och framtiden",
        "title_en": "Public health and the future (Folkhälsan och framtiden)",
        "summary_sv": (
            "Nätverkets gemensamma ställningstagande, som deltagarna på årskonferensen i "
            "Norrköping i mars 2024 ställde sig bakom."
        ),
        "summary_en": (
            "The network's joint position statement, endorsed by the participants of the "
            "annual conference in Norrköping in March 2024."
        ),
        "body_sv": _md(
            """
            *Folkhälsan och framtiden* är Healthy Cities Sveriges gemensamma
            ställningstagande. Deltagarna på nätverkets årskonferens i Norrköping den 14–15 mars
            2024, som arrangerades i samarbete med Region Östergötland på temat *Dåtid, nutid,
            framtid*, ställde sig bakom ställningstagandet på konferensen.

            Ställningstaganden är en del av nätverkets strategi att bli en röst i samhället och
            att väcka opinion för folkhälsofrågorna.
            """
        ),
        "body_en": _md(
            """
            *Folkhälsan och framtiden* (Public health and the future) is the joint position
            statement of Healthy Cities Sverige. The participants of the network's annual
            conference in Norrköping on 14–15 March 2024, held together with Region
            Östergötland on the theme *Past, present, future*, endorsed the statement at the
            conference.

            Position statements are part of the network's strategy to become a voice in
            society and to raise public opinion on public health issues.
            """
        ),
    },
    {
        "slug": "debattartikel-dagens-samhalle-2024",
        "category": "op_ed",
        "published": datetime.date(2024, 1, 25),
        "year": 2024,
        "title_sv": "Debattartikel: hälsofrämjande perspektiv i det brottsförebyggande arbetet",
        "title_en": "Op-ed: a health-promoting perspective in crime prevention",
        "summary_sv": (
            "Debattartikel i Dagens Samhälle den 25 januari 2024, med tre förslag för att "
            "koppla samman folkhälsoarbete och brottsförebyggande arbete."
        ),
        "summary_en": (
            "Op-ed in Dagens Samhälle on 25 January 2024, with three proposals for linking "
            "public health work and crime prevention."
        ),
        "body_sv": _md(
            """
            I en debattartikel i Dagens Samhälle den 25 januari 2024 lyfte Healthy Cities
            Sverige fram behovet av att det hälsofrämjande perspektivet får större utrymme i
            det brottsförebyggande arbetet, både på nationell nivå och inom kommunerna.

            Nätverket föreslår

            1. att nationella strategier inkluderar ett hälsofrämjande perspektiv i det
               brottsförebyggande arbetet,
            2. att Folkhälsomyndigheten och Brottsförebyggande rådet utvecklar en modell för
               detta, och
            3. att kommunerna kopplar samman brottsförebyggande arbete och folkhälsoarbete för
               att stärka tryggheten långsiktigt.

            Dagen efter, den 26 januari 2024, arrangerade Healthy Cities Sverige och Mötesplats
            social hållbarhet ett seminarium på temat *Hälsofrämjande arbete för ökad trygghet i
            kommunerna*.
            """
        ),
        "body_en": _md(
            """
            In an op-ed in Dagens Samhälle on 25 January 2024 Healthy Cities Sverige highlighted
            the need to give the health-promoting perspective more room in crime prevention,
            both at national level and in the municipalities.

            The network proposes

            1. that national strategies include a health-promoting perspective in crime
               prevention,
            2. that the Public Health Agency of Sweden and the Swedish National Council for
               Crime Prevention (Brottsförebyggande rådet) develop a model for this, and
            3. that the municipalities link crime prevention and public health work to
               strengthen safety in the long term.

            The day after, on 26 January 2024, Healthy Cities Sverige and Mötesplats social
            hållbarhet held a seminar on the theme *Health promotion for greater safety in
            municipalities*.
            """
        ),
    },
    {
        "slug": "verksamhetsberattelse-2024",
        "category": "annual_report",
        "published": datetime.date(2024, 12, 31),
        "date_note": (
            "The date is the last day of the year the report covers, not its publication date: "
            "the sources do not say when the annual report 2024 was published."
        ),
        "year": 2024,
        "title_sv": "Verksamhetsberättelse 2024",
        "title_en": "Annual report 2024",
        "summary_sv": (
            "Ett år med 20-årsjubileum, årskonferens i Norrköping, höstmöte i Stockholm, en ny "
            "medlem och intäkter på 878 050 kronor."
        ),
        "summary_en": (
            "A year with a 20th anniversary, an annual conference in Norrköping, an autumn "
            "meeting in Stockholm, a new member and revenue of SEK 878,050."
        ),
        "body_sv": _md(
            """
            Verksamhetsberättelsen beskriver nätverkets arbete under 2024. Visionen är
            *Healthy Cities Sverige – det ledande nätverket i arbetet för en god och jämlik
            hälsa på lokal och regional nivå*.

            ## Medlemmar

            Följande kommuner och regioner var medlemmar 2024: Region Halland, Region
            Värmland, Region Norrbotten (från juni), Region Örebro län, Region Östergötland,
            Västra Götalandsregionen, Borås Stad, Falu kommun, Halmstads kommun, Helsingborgs
            Stad, Järfälla kommun, Luleå kommun, Lunds kommun, Malmö Stad, Skövde kommun,
            Tomelilla kommun, Trollhättans Stad, Upplands-Bro kommun, Vara kommun och
            Östersunds kommun. Region Norrbotten tillkom som ny medlem under året. År 2025
            består nätverket av 20 medlemmar: 6 regioner och 14 kommuner.

            ## Styrelse och kansli

            Styrelsen hade sju beslutsfattande sammanträden under 2024. Ordförande var Fredrik
            Hansson (S), Luleå kommun, och vice ordförande Sofia Lindholm (C), Trollhättans
            stad. Ledamöter var Klas Svanberg (M), Lunds kommun, Behcet Barsom (KD), Region
            Örebro län, Håkan Eriksson (C), Borås stad, Ulrika Jörgensen (M), Region Halland,
            och Sören Juvas (S), Falu kommun.

            Trollhättans stad är värdkommun sedan 2020, med en koordinator på 50 procent av en
            heltidstjänst, Johanna Linnarsson. Under 2024 hade nätverket också en projektledare,
            Jonas Frykman, på ungefär 10–15 procent av en heltidstjänst, för att stärka
            medlemsrekryteringen och utveckla medlemsdialogen.

            ## Året som gått

            - 26 januari: seminarium med Mötesplats social hållbarhet om hälsofrämjande arbete
              för ökad trygghet i kommunerna, dagen efter nätverkets debattartikel i Dagens
              Samhälle.
            - 14–15 mars: årskonferens i Norrköping med Region Östergötland, *Dåtid, nutid,
              framtid*, där deltagarna ställde sig bakom ställningstagandet *Folkhälsan och
              framtiden*, och årsmöte den 14 mars.
            - Våren: sex publika regionala webbinarier för medlemsrekrytering, med sammanlagt
              ungefär 75 deltagare.
            - 12 april: webbinarium om EU-valet 2024 med den nystartade temagruppen för
              Delaktighet och inflytande. I april också en workshop om Platskompassen, följd av
              en pilot och i december ett uppföljande webbinarium.
            - 12 september: nordiskt digitalt seminarium om Wellbeing Economy med runt 100
              deltagare.
            - 21–22 oktober: höstmöte i Stockholm, *För en jämlik hälsa i framtiden*.
            - 29 november: webbinarium om dialoger med barn och unga.

            Nätverket firade också 20 år, den strategiska gruppen träffades digitalt varje
            månad, arbetsgrupper bildades för regionerna, för IOP-avtal och för att förbereda
            nätverkets möten, och två nyhetsbrev skickades ut.

            ## Ekonomi

            Intäkterna uppgick under 2024 till 878 050 kronor och kom från medlemsavgifter.
            De var högre än budgeterat, eftersom nätverket fick en ny medlem under året. Det
            egna kapitalet låg i början av 2024 på drygt 750 000 kronor. En del av det har
            tagits i anspråk för att stärka nätverkets organisation och satsa på
            medlemsrekrytering. Målet är att öka antalet medlemmar och i förlängningen stärka
            ekonomin ytterligare, bland annat genom att försöka få externt finansiellt stöd.
            """
        ),
        "body_en": _md(
            """
            The annual report describes the network's work in 2024. The vision is *Healthy
            Cities Sverige – the leading network in the work for good and equitable health at
            local and regional level*.

            ## Members

            The following municipalities and regions were members in 2024: Region Halland,
            Region Värmland, Region Norrbotten (from June), Region Örebro län, Region
            Östergötland, Västra Götalandsregionen, Borås Stad, Falu kommun, Halmstads kommun,
            Helsingborgs Stad, Järfälla kommun, Luleå kommun, Lunds kommun, Malmö Stad, Skövde
            kommun, Tomelilla kommun, Trollhättans Stad, Upplands-Bro kommun, Vara kommun and
            Östersunds kommun. Region Norrbotten joined as a new member during the year. In 2025
            the network has 20 members: 6 regions and 14 municipalities.

            ## Board and secretariat

            The board held seven decision-making meetings in 2024. The chair was Fredrik
            Hansson (S), Luleå Municipality, and the vice chair Sofia Lindholm (C), City of
            Trollhättan. The members were Klas Svanberg (M), Lund Municipality, Behcet Barsom
            (KD), Region Örebro län, Håkan Eriksson (C), City of Borås, Ulrika Jörgensen (M),
            Region Halland, and Sören Juvas (S), Falun Municipality.

            The City of Trollhättan has been the host municipality since 2020, with a
            coordinator at 50 per cent of a full-time post, Johanna Linnarsson. In 2024 the
            network also had a project leader, Jonas Frykman, at about 10–15 per cent of a
            full-time post, to strengthen the recruitment of members and develop the dialogue
            with them.

            ## The year in brief

            - 26 January: seminar with Mötesplats social hållbarhet on health promotion for
              greater safety in municipalities, the day after the network's op-ed in Dagens
              Samhälle.
            - 14–15 March: annual conference in Norrköping with Region Östergötland, *Past,
              present, future*, where the participants endorsed the position statement
              *Folkhälsan och framtiden*, and the annual meeting on 14 March.
            - Spring: six public regional webinars for recruiting members, with about 75
              participants in all.
            - 12 April: webinar on the 2024 European Parliament election with the newly started
              theme group for Participation and Influence. Also in April a workshop on
              Platskompassen, followed by a pilot and, in December, a follow-up webinar.
            - 12 September: Nordic online seminar on the Wellbeing Economy with about 100
              participants.
            - 21–22 October: autumn meeting in Stockholm, *For equitable health in the future*.
            - 29 November: webinar on dialogues with children and young people.

            The network also turned 20, the strategic group met online every month, working
            groups were formed for the regions, for IOP agreements and for preparing the
            network's meetings, and two newsletters were sent out.

            ## Finances

            Revenue in 2024 was SEK 878,050, all from membership fees. It was higher than
            budgeted because the network gained a new member during the year. Equity at the
            start of 2024 was just over SEK 750,000. Part of it has been used to strengthen the
            network's organisation and invest in recruiting members. The aim is to increase the
            number of members and, in the longer term, strengthen the finances further, among
            other things by trying to obtain external funding.
            """
        ),
    },
]


QUOTES: list[dict[str, str]] = [
    {
        "name": "Barbro Müller",
        "role_sv": "Samhällsstrateg folkhälsa, Luleå kommun",
        "role_en": "Public health strategist, Luleå Municipality",
        "text_sv": (
            "Jag är ganska ensam hemma, genom HC har jag lärt känna många och kan kontakta dem "
            "när jag har något jag funderar på. Guld värt! Deltagarna i nätverket är så "
            "generösa och delar med sig av både positivt och negativt."
        ),
        "text_en": (
            "I am fairly alone at home; through HC I have got to know many people and can "
            "contact them when I have something on my mind. Worth its weight in gold! The "
            "participants in the network are so generous and share both the positive and the "
            "negative."
        ),
        "source": "Bli medlem",
    },
    {
        "name": "Jonas Nygren",
        "role_sv": "Strateg, Malmö stad",
        "role_en": "Strategist, City of Malmö",
        "text_sv": (
            "Healthy Cities har en styrka i att nätverket fångar upp tjänstepersoner som "
            "arbetar med folkhälsofrågor och politiker som ansvarar för dessa frågor, vilket "
            "förbättrar möjligheterna att lyfta upp jämlik hälsa/folkhälsa på dagordningen. "
            "Nätverket har möjlighet att fungera som hävstång och opinionsbildare för "
            "folkhälsofrågorna, dels i våra respektive lokala kontexter, men även regionalt, "
            "nationellt och i förlängningen internationellt."
        ),
        "text_en": (
            "A strength of Healthy Cities is that the network brings together officials who "
            "work on public health and politicians who are responsible for these issues, which "
            "improves the chances of putting equitable health/public health on the agenda. The "
            "network can act as a lever and an opinion former for public health, both in our "
            "own local contexts and regionally, nationally and, by extension, internationally."
        ),
        "source": "Bli medlem",
    },
    {
        "name": "Monica Hanson",
        "role_sv": "Politiker i Trollhättan",
        "role_en": "Politician in Trollhättan",
        "text_sv": (
            "Healthy Cities är en fantastisk plats att vara på. Vi har fokus på frågor som "
            "handlar om att säkerställa hur alla kan leva ett hälsosamt liv och hur vi kan "
            "verka för alla människors välbefinnande. Vi är ett nätverk där vi ges stora "
            "möjligheter att diskutera, debattera och byta/bryta tankar i ett sammanhang där "
            "både tjänstemän och politiker är representerade. Alla har vi samma engagemang om "
            "hur vi skall lyckas få folkhälsofrågorna än högre på dagordningen. Vi är ett forum "
            "med kommuner och regioner, som insett vikten av att ytterligare lyfta blicken "
            "kring ”Agenda 2030” och hur vi skall kunna bygga framtidens hållbara samhälle. Vi "
            "har en fantastiskt möjlighet att pröva våra tankar och tillsammans forma våra "
            "visioner för framtiden."
        ),
        "text_en": (
            "Healthy Cities is a fantastic place to be. We focus on questions about making "
            "sure that everyone can live a healthy life and how we can work for the well-being "
            "of all people. We are a network where we are given great opportunities to "
            "discuss, debate and exchange and challenge ideas in a setting where both officials "
            "and politicians are represented. We all share the same commitment to getting "
            "public health issues even higher on the agenda. We are a forum of municipalities "
            "and regions that have realised the importance of looking further ahead with "
            "“Agenda 2030” and how we can build the sustainable society of the future. We "
            "have a fantastic opportunity to test our ideas and together shape our visions for "
            "the future."
        ),
        "source": "Bli medlem",
    },
    {
        "name": "Sedat Arif",
        "role_sv": "Kommunalråd i Malmö stad",
        "role_en": "Municipal commissioner, City of Malmö",
        "text_sv": (
            "I en tid där folkhälsoutmaningarna växer är det ovärderligt att få samlas med "
            "andra städer och regioner för att utbyta kunskap och erfarenheter. Det ger oss nya "
            "perspektiv och stärker vårt gemensamma arbete för en bättre folkhälsa"
        ),
        "text_en": (
            "At a time when public health challenges are growing, it is invaluable to be able "
            "to meet other cities and regions to exchange knowledge and experience. It gives us "
            "new perspectives and strengthens our joint work for better public health"
        ),
        "source": "Verksamhetsberättelse 2024",
    },
    {
        "name": "Anna Lindskog",
        "role_sv": "Strateg för social hållbarhet, Region Halland",
        "role_en": "Strategist for social sustainability, Region Halland",
        "text_sv": (
            "Healthy Cities är en värdefull arena där man möter många kloka kolleger från hela "
            "landet"
        ),
        "text_en": (
            "Healthy Cities is a valuable arena where you meet many wise colleagues from all "
            "over the country"
        ),
        "source": "Verksamhetsberättelse 2024",
    },
]
