"""The network as the seeds describe it (annual report 2024, Huddinge's exit minutes).

Start dates the sources do not give are stored as approximate, never invented as exact: the
annual report 2024 says who was a member during 2024, not since when, so those periods start
"on or before 1 January 2024" until the coordinator enters the real dates.
Contact persons are fictional, with example.org addresses (no real person's e-mail or phone).
"""

from datetime import date

from hcs.lib.dates import DatePrecision

ANNUAL_REPORT_2024 = "Verksamhetsberättelse 2024"

# SCB code -> website. All twenty members of 2024 (regions 2-digit, municipalities 4-digit).
MEMBERS_2024 = {
    "13": "https://www.regionhalland.se",
    "17": "https://www.regionvarmland.se",
    "18": "https://www.regionorebrolan.se",
    "05": "https://www.regionostergotland.se",
    "14": "https://www.vgregion.se",
    "1490": "https://www.boras.se",
    "2080": "https://www.falun.se",
    "1380": "https://www.halmstad.se",
    "1283": "https://helsingborg.se",
    "0123": "https://www.jarfalla.se",
    "2580": "https://www.lulea.se",
    "1281": "https://lund.se",
    "1280": "https://malmo.se",
    "1496": "https://www.skovde.se",
    "1270": "https://www.tomelilla.se",
    "1488": "https://www.trollhattan.se",
    "0139": "https://upplands-bro.se",
    "1470": "https://vara.se",
    "2380": "https://www.ostersund.se",
}
# The regions' organisation numbers are not in the reference data (SCB's files have none for
# regions). These are public facts, entered from memory of public registers; each passes the
# check digit. Verify them with Bolagsverket before real invoicing.
REGION_ORG_NUMBERS = {
    "13": "232100-0115",
    "17": "232100-0156",
    "25": "232100-0230",
    "18": "232100-0164",
    "05": "232100-0040",
    "14": "232100-0131",
}

MEMBER_SINCE_UNKNOWN = {
    "start_date": date(2024, 1, 1),
    "start_precision": DatePrecision.ON_OR_BEFORE,
    "note": (
        "Member throughout 2024 according to the annual report 2024; "
        "the start date is not in the sources."
    ),
}

NORRBOTTEN = {
    "code": "25",
    "website": "https://www.norrbotten.se",
    "start_date": date(2024, 6, 1),
    "start_precision": DatePrecision.MONTH,
    "note": "New member in 2024, 'från juni' according to the annual report 2024.",
}

HUDDINGE = {
    "code": "0126",
    "website": "https://www.huddinge.se",
    "start_date": date(2008, 10, 20),
    "start_precision": DatePrecision.DAY,
    "join_decision_body": "Kommunstyrelsen",
    "join_decision_date": date(2008, 10, 20),
    # The minutes give the exit decision, not the day membership ended: the year is stored.
    "end_date": date(2023, 12, 31),
    "end_precision": DatePrecision.YEAR,
    "exit_decision_body": "Kommunstyrelsens arbetsutskott",
    "exit_decision_date": date(2023, 4, 26),
    "exit_decision_paragraph": "§ 9",
    "exit_decision_registry_number": "KS-2022/2516.10",
    "note": (
        "Decided on 20 October 2008 to apply for membership; decided on 26 April 2023 "
        "(KS-2022/2516.10, § 9) to leave. The day membership ended is not in the minutes."
    ),
}

# Fictional contacts. Two members are left without one kind of contact, so the secretariat's
# flags have something to show.
FIRST_NAMES = ["Anna", "Erik", "Maria", "Johan", "Sara", "Lars", "Emma", "Karl", "Lina", "Omar"]
LAST_NAMES = ["Exempelsson", "Demodotter", "Provare", "Testberg", "Mönstergren"]
PARTIES = ["S", "M", "C", "KD", "L", "V", "MP"]
TITLES = [
    "Folkhälsostrateg",
    "Strateg social hållbarhet",
    "Folkhälsosamordnare",
    "Utvecklingsledare",
]
WITHOUT_POLITICAL_CONTACT = {"25"}  # Region Norrbotten, new in 2024
WITHOUT_ADMINISTRATIVE_CONTACT = {"1470"}  # Vara
CONTACTS_FROM = date(2023, 1, 1)

COORDINATOR = {
    "username": "koordinator",
    "password": "healthy-cities-demo",
    "email": "koordinator@example.org",
    "first_name": "Demo",
    "last_name": "Koordinator",
}

# A member's contact person with an account (the member portal, /medlem/): Halmstad's
# administrative contact, as an invitation would have made it.
MEMBER_CONTACT = {
    "username": "kontaktperson",
    "password": "healthy-cities-demo",
    "member": "1380",
    "kind": "administrative",
}

# "Medlemsavgifter 2024" on the Bli medlem page. The annual report's revenue (878 050 kr, a new
# member joining during the year) shows that a member joining in June paid half the fee.
FEES_2024 = {
    "year": 2024,
    "region_amount": 58500,
    "population_year": 2023,
    "proration": "half",
    "leaving": "full_year",
    "decision": "Medlemsavgifter 2024 enligt webbsidan Bli medlem",
    "note": (
        "Half fee for a member joining during the year: inferred from the annual report 2024 "
        "(revenue 878 050 kr = 19 full fees + half of Region Norrbotten's)."
    ),
}
FEE_TIERS_2024 = [(0, 23400), (20000, 41000), (200000, 58500)]

# The annual report gives the equity at the start of 2024 only roughly, and no budget figures.
FINANCIAL_YEAR_2024 = {
    "year": 2024,
    "opening_equity": 750000,
    "note": (
        "Eget kapital vid årets början: drygt 750 000 kr enligt verksamhetsberättelsen 2024 "
        "(ungefärligt belopp). Intäkter 878 050 kr, enbart medlemsavgifter, högre än budgeterat "
        "eftersom en ny medlem tillkom under året. Budgeten finns inte i underlagen."
    ),
}
