"""Money is booked once and bad input is a clear error: payments and credits that cannot be
read, bank files that cannot be read, the same file or payment twice, a payment to an invoice
already paid; and the host municipality, whose fee is an internal transfer."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.invoices.models import BankImport, Invoice, Payment
from hcs.invoices.queries import invoice_rows
from hcs.invoices.rules import Status
from hcs.invoices.services import (
    BankFileError,
    bank_file_import,
    bank_file_parse,
    invoices_generate,
    payment_register,
)
from hcs.invoices.sie import sie_export

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
TROLLHATTAN = "1488"


@pytest.fixture
def invoiced(demo):
    return invoices_generate(year=2024, actor="test", issue_date=TODAY)


def _invoice(code):
    return Invoice.objects.get(organisation__code=code, kind="invoice")


def _state():
    return (
        Invoice.objects.count(),
        Payment.objects.count(),
        BankImport.objects.count(),
        AuditEntry.objects.count(),
    )


def _text(response):
    return response.content.decode().replace("\xa0", " ")


# Amounts that are not amounts


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "Infinity", "-5", "1e3", "29 250,555"])
def test_a_payment_that_is_not_an_amount_is_refused_on_the_page(
    coordinator_client, invoiced, amount
):
    invoice = _invoice("25")
    before = _state()
    response = coordinator_client.post(
        f"/kansli/fakturor/{invoice.number}/betalning/",
        {"amount": amount, "paid_on": TODAY.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert "Ange ett belopp" in _text(response)
    assert _state() == before


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "Infinity"])
def test_a_credit_that_is_not_an_amount_is_refused(coordinator_client, invoiced, amount):
    invoice = _invoice("1280")
    before = _state()
    response = coordinator_client.post(
        f"/kansli/fakturor/{invoice.number}/kreditera/",
        {"amount": amount, "reason": "Fel"},
        follow=True,
    )
    assert "Ange ett belopp" in _text(response)
    assert _state() == before


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "1e400", "-1", "0"])
def test_the_api_refuses_a_payment_that_is_not_an_amount(api_client, invoiced, amount):
    before = _state()
    response = api_client.post(
        "/api/v1/payments",
        json.dumps({"ocr": _invoice("25").ocr, "amount_sek": amount, "date": str(TODAY)}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "amount_sek" in response.json()["detail"]
    assert _state() == before


# Paid once


def test_a_payment_to_an_invoice_paid_in_full_is_refused(invoiced):
    invoice = _invoice("25")
    payment_register(ocr=invoice.ocr, amount=invoice.amount, paid_on=TODAY, actor="test")
    before = _state()
    with pytest.raises(Exception) as refused:
        payment_register(ocr=invoice.ocr, amount=Decimal(100), paid_on=TODAY, actor="test")
    assert "redan betald" in str(refused.value)
    assert _state() == before


def test_a_payment_larger_than_what_is_outstanding_is_refused(invoiced):
    invoice = _invoice("25")
    payment_register(ocr=invoice.ocr, amount=Decimal(29000), paid_on=TODAY, actor="test")
    before = _state()
    with pytest.raises(Exception) as refused:
        payment_register(ocr=invoice.ocr, amount=Decimal(300), paid_on=TODAY, actor="test")
    assert "250 kr" in " ".join(refused.value.messages).replace("\xa0", " ")
    assert _state() == before


def test_the_api_says_conflict_for_a_payment_to_a_paid_invoice(api_client, invoiced):
    invoice = _invoice("25")
    payload = {"ocr": invoice.ocr, "amount_sek": "29250", "date": str(TODAY)}
    first = api_client.post("/api/v1/payments", json.dumps(payload), "application/json")
    again = api_client.post("/api/v1/payments", json.dumps(payload), "application/json")
    assert (first.status_code, again.status_code) == (201, 409)
    assert Payment.objects.count() == 1


# Bank files


def _file(*rows, header="ocr;amount;date"):
    return ("\n".join([header, *rows]) + "\n").encode()


def _upload(client, content: bytes, name="bank.csv"):
    return client.post(
        "/kansli/fakturor/bankfil/", {"file": SimpleUploadedFile(name, content)}, follow=True
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "tom"),
        (b"   \n\n", "tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "inte en textfil"),
        (b"ocr amount date\n12345 100 2024-05-01\n", "Första raden"),
        (b"ocr;amount;date\n" + b"1" * 131_073 + b";100;2024-05-01\n", "Rad 2"),
        (b"ocr;amount;date\n12345;100;2024-05-01;" + b"x" * 200_000 + b"\n", "Rad 2"),
    ],
    ids=["empty", "blank", "binary", "no-delimiter", "128kb-ocr", "200kb-field"],
)
def test_a_bank_file_that_cannot_be_read_is_refused_with_a_reason(
    coordinator_client, invoiced, content, problem
):
    before = _state()
    response = _upload(coordinator_client, content)
    assert response.status_code in (200, 400)
    assert problem in _text(response)
    assert _state() == before


def test_the_same_bank_file_twice_is_refused_and_says_when_it_was_imported(
    coordinator_client, invoiced
):
    malmo = _invoice("1280")
    content = _file(f"{malmo.ocr};20000;{TODAY}")
    _upload(coordinator_client, content)
    before = _state()
    response = _upload(coordinator_client, content, name="samma-fil-nytt-namn.csv")
    text = _text(response)
    assert "redan lästs in" in text and "kansli" in text
    assert _state() == before
    [row] = invoice_rows(Invoice.objects.filter(pk=malmo.pk), TODAY)
    assert row.paid == Decimal(20000)


def test_identical_rows_in_one_file_are_refused(invoiced):
    malmo = _invoice("1280")
    text = _file(f"{malmo.ocr};100;{TODAY}", f"{malmo.ocr};100,00;{TODAY}").decode()
    with pytest.raises(BankFileError) as refused:
        bank_file_parse(text)
    assert refused.value.problems == ["Rad 3: samma betalning som rad 2."]


def test_rows_with_the_same_bank_reference_are_one_payment(invoiced):
    malmo = _invoice("1280")
    text = _file(
        f"{malmo.ocr};100;{TODAY};B-77",
        f"{malmo.ocr};200;{TODAY};B-77",
        header="ocr;amount;date;referens",
    ).decode()
    with pytest.raises(BankFileError) as refused:
        bank_file_parse(text)
    assert "samma betalning som rad 2" in refused.value.problems[0]


def test_a_payment_in_two_overlapping_files_is_booked_once(invoiced):
    malmo, lund = _invoice("1280"), _invoice("1281")
    first = _file(f"{malmo.ocr};20000;{TODAY}")
    bank_file_import(
        rows=bank_file_parse(first.decode()), filename="maj.csv", actor="t", content=first
    )
    second = _file(f"{malmo.ocr};20000;{TODAY}", f"{lund.ocr};41000;{TODAY}")
    report = bank_file_import(
        rows=bank_file_parse(second.decode()), filename="maj-juni.csv", actor="t", content=second
    )
    assert (report.imported, report.already_booked) == (1, [2])
    assert Payment.objects.filter(invoice=malmo).count() == 1
    assert Payment.objects.filter(invoice=lund).count() == 1


def test_a_reference_used_again_in_another_file_for_another_payment_is_booked(invoiced):
    """Some banks number a file's rows from 1 in each file: the reference alone is not the
    payment."""
    malmo, lund = _invoice("1280"), _invoice("1281")
    header = "ocr;amount;date;referens"
    for ocr, name in ((malmo.ocr, "maj.csv"), (lund.ocr, "juni.csv")):
        content = _file(f"{ocr};20000;{TODAY};1", header=header)
        report = bank_file_import(
            rows=bank_file_parse(content.decode()), filename=name, actor="t", content=content
        )
        assert (report.imported, report.already_booked) == (1, [])
    assert Payment.objects.filter(invoice__in=[malmo, lund]).count() == 2


def test_payments_booked_from_bank_files_before_the_upgrade_are_known_after_it(invoiced):
    """Migration 0003 gives the payments of earlier imports their identity."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "hcs.invoices.migrations.0003_internal_transfers_and_bank_imports_once"
    )
    malmo = _invoice("1280")
    old = payment_register(
        ocr=malmo.ocr, amount=Decimal(20000), paid_on=TODAY, actor="t", bank_import=None
    )
    Payment.objects.filter(pk=old.pk).update(source="bank_file", bank_identity="")
    migration.identify_bank_payments(apps, None)
    content = _file(f"{malmo.ocr};20000;{TODAY}")
    report = bank_file_import(
        rows=bank_file_parse(content.decode()), filename="maj.csv", actor="t", content=content
    )
    assert (report.imported, report.already_booked) == (0, [2])
    assert Payment.objects.filter(invoice=malmo).count() == 1


def test_a_bank_file_paying_a_paid_invoice_imports_nothing(invoiced):
    malmo = _invoice("1280")
    payment_register(ocr=malmo.ocr, amount=malmo.amount, paid_on=TODAY, actor="test")
    content = _file(f"{malmo.ocr};58500;{TODAY - timedelta(days=1)}")
    before = _state()
    with pytest.raises(BankFileError) as refused:
        bank_file_import(
            rows=bank_file_parse(content.decode()), filename="b.csv", actor="t", content=content
        )
    assert refused.value.problems[0].startswith("Rad 2:") and "redan betald" in str(
        refused.value.problems
    )
    assert _state() == before


# A year without fees


def test_invoicing_a_year_without_fees_says_to_set_them_first(coordinator_client, demo):
    listing = _text(coordinator_client.get("/kansli/fakturor/?ar=2031"))
    assert "Avgifterna för 2031 är inte fastställda ännu" in listing
    assert "/kansli/fakturor/skapa/2031/" not in listing
    page = coordinator_client.get("/kansli/fakturor/skapa/2031/")
    assert page.status_code == 200
    assert "Fastställ avgifterna för 2031" in _text(page)
    assert 'href="/kansli/avgifter/"' in _text(page)
    before = _state()
    assert coordinator_client.post("/kansli/fakturor/skapa/2031/").status_code == 409
    assert _state() == before


@pytest.mark.parametrize("year", ["-1", "0", "²", "x", "99999999999999999999"])
def test_a_year_that_cannot_be_read_is_a_clear_error_on_the_invoice_list(coordinator_client, year):
    response = coordinator_client.get(f"/kansli/fakturor/?ar={year}")
    assert response.status_code == 400
    assert "är inte ett år" in _text(response)


# Overdue invoices of every year


def test_the_dashboard_shows_overdue_invoices_of_earlier_years(coordinator_client, demo):
    invoices_generate(year=2024, actor="test", issue_date=TODAY - timedelta(days=400))
    page = _text(coordinator_client.get("/kansli/"))
    vara = _invoice("1470")
    assert "Förfallna fakturor" in page
    assert f"/kansli/fakturor/{vara.number}/" in page
    assert f"/kansli/fakturor/{_invoice(TROLLHATTAN).number}/" not in page  # internal


# The host municipality


def test_the_hosts_fee_is_an_internal_transfer_not_an_e_invoice(invoiced, api_client):
    host = _invoice(TROLLHATTAN)
    assert host.internal_transfer and host.amount == 41000
    assert not Invoice.objects.exclude(organisation__code=TROLLHATTAN).filter(
        internal_transfer=True
    )
    [row] = invoice_rows(Invoice.objects.filter(pk=host.pk), TODAY)
    assert row.status == Status.INTERNAL and row.outstanding == 0
    xml = api_client.get(f"/api/v1/invoices/{host.number}.xml")
    assert xml.status_code == 422 and "intern överföring" in xml.json()["detail"]
    assert api_client.get(f"/api/v1/invoices/{host.number}.pdf").status_code == 200
    with pytest.raises(Exception) as refused:
        payment_register(ocr=host.ocr, amount=Decimal(1), paid_on=TODAY, actor="test")
    assert "intern överföring" in str(refused.value)


def test_the_hosts_document_is_not_an_invoice(invoiced):
    from hcs.invoices.pdf import invoice_html

    html = invoice_html(_invoice(TROLLHATTAN))
    assert "Intern överföring" in html and "Att betala" not in html and "bankgiro" not in html
    assert "Att betala" in invoice_html(_invoice("1280"))


def test_the_hosts_fee_is_booked_as_an_internal_transfer_in_the_accounts(invoiced, settings):
    settings.ACCOUNT_INTERNAL_TRANSFER = "1790"
    host = _invoice(TROLLHATTAN)
    text = sie_export(TODAY.year, generated=TODAY).decode("cp437")
    voucher = text.split(f"Intern överföring {host.number}")[1].split("\r\n}")[0]
    assert "#TRANS 1790 {} 41000.00" in voucher and "#TRANS 3010 {} -41000.00" in voucher
    assert f"Faktura {host.number}" not in text
    receivables = sum(
        Decimal(line.split()[-1]) for line in text.splitlines() if line.startswith("#TRANS 1510")
    )
    assert receivables == Decimal(878050 - 41000)


def test_the_invoice_page_of_the_host_offers_no_payment_and_no_e_invoice(
    coordinator_client, invoiced
):
    page = _text(coordinator_client.get(f"/kansli/fakturor/{_invoice(TROLLHATTAN).number}/"))
    assert "intern överföring" in page
    assert "Peppol XML" not in page and "Registrera en betalning" not in page
