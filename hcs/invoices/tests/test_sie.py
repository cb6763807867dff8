"""The SIE 4 accounting file for the host municipality's books."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from hcs.invoices.models import Invoice
from hcs.invoices.services import invoice_credit, invoices_generate, payment_register
from hcs.invoices.sie import sie_export

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
FIELD = re.compile(r'"((?:[^"\\]|\\.)*)"|\{[^}]*\}|(\S+)')


def _read(content: bytes):
    """A small SIE reader: records in order, and the vouchers with their transactions."""
    assert b"\r\n" in content and not content.startswith(b"\xef\xbb\xbf")
    text = content.decode("cp437")
    records, vouchers = [], []
    for line in text.split("\r\n"):
        if not line or line in "{}":
            continue
        fields = [
            m.group(1) if m.group(1) is not None else m.group(0) for m in FIELD.finditer(line)
        ]
        records.append(fields)
        if fields[0] == "#VER":
            vouchers.append(
                {"series": fields[1], "date": fields[3], "text": fields[4], "trans": []}
            )
        elif fields[0] == "#TRANS":
            vouchers[-1]["trans"].append((fields[1], Decimal(fields[3])))
    return records, vouchers


@pytest.fixture
def year_of_invoices(demo):
    invoices_generate(year=2024, actor="t", issue_date=date(2024, 1, 15))
    norrbotten = Invoice.objects.get(organisation__code="25")
    malmo = Invoice.objects.get(organisation__code="1280")
    payment_register(ocr=malmo.ocr, amount=Decimal(58500), paid_on=date(2024, 2, 14), actor="t")
    invoice_credit(
        invoice=norrbotten,
        amount=Decimal(1000),
        reason="Rättelse",
        actor="t",
        issue_date=date(2024, 3, 1),
    )


def test_the_file_starts_with_the_sie_4_header_in_order(year_of_invoices):
    records, _ = _read(sie_export(2024, generated=TODAY))
    tags = [r[0] for r in records[:9]]
    assert tags == [
        "#FLAGGA",
        "#PROGRAM",
        "#FORMAT",
        "#GEN",
        "#SIETYP",
        "#PROSA",
        "#ORGNR",
        "#FNAMN",
        "#RAR",
    ]
    assert records[2] == ["#FORMAT", "PC8"] and records[4] == ["#SIETYP", "4"]
    assert records[8] == ["#RAR", "0", "20240101", "20241231"]
    assert not {"#IB", "#UB", "#RES"} & {r[0] for r in records}  # a 4I file has no balances


def test_every_voucher_balances_and_the_totals_match_the_records(year_of_invoices, settings):
    _, vouchers = _read(sie_export(2024, generated=TODAY))
    assert all(sum(amount for _, amount in v["trans"]) == 0 for v in vouchers)
    revenue = settings.ACCOUNT_FEE_REVENUE
    booked = -sum(a for v in vouchers for account, a in v["trans"] if account == revenue)
    assert booked == Decimal(878050) - Decimal(1000)
    bank = sum(a for v in vouchers for account, a in v["trans"] if account == settings.ACCOUNT_BANK)
    assert bank == Decimal(58500)
    assert len(vouchers) == 20 + 1 + 1  # invoices, the credit note, the payment


def test_swedish_letters_are_written_in_code_page_437(year_of_invoices):
    content = sie_export(2024, generated=TODAY)
    assert "Örebro".encode("cp437") in content
    _, vouchers = _read(content)
    assert any("Region Örebro län" in v["text"] for v in vouchers)


def test_a_quote_in_a_name_is_escaped(year_of_invoices):
    Invoice.objects.filter(organisation__code="1280").update(buyer_name='Malmö "stad"')
    _, vouchers = _read(sie_export(2024, generated=TODAY))
    assert any('Malmö \\"stad\\"' in v["text"] for v in vouchers)


def test_the_secretariat_downloads_the_file(coordinator_client, year_of_invoices):
    response = coordinator_client.get("/kansli/fakturor/sie/2024.si")
    assert response.status_code == 200
    assert response.content.startswith(b"#FLAGGA 0\r\n")
