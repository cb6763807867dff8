"""Invoicing a year's fees: idempotent generation, credit notes, payments, bank files, Peppol."""

import json
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from lxml import etree
from peppol import check_rules, validate_xsd
from stdnum.se import orgnr

from hcs.audit.models import AuditEntry
from hcs.invoices.models import Invoice, Payment
from hcs.invoices.pdf import invoice_pdf
from hcs.invoices.peppol import NS_CAC, NS_CBC, invoice_xml
from hcs.invoices.queries import invoice_rows
from hcs.invoices.rules import Status, ocr_is_valid
from hcs.invoices.services import (
    BankFileError,
    bank_file_import,
    bank_file_parse,
    invoice_credit,
    invoices_generate,
    payment_register,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NS = {"cac": NS_CAC, "cbc": NS_CBC}


@pytest.fixture
def invoiced(demo):
    return invoices_generate(year=2024, actor="test", issue_date=TODAY)


def _invoice(code="25"):
    return Invoice.objects.get(organisation__code=code, kind="invoice")


def _status(invoice):
    [row] = invoice_rows(Invoice.objects.filter(pk=invoice.pk), TODAY)
    return row.status


def _state():
    return (
        Invoice.objects.count(),
        Payment.objects.count(),
        AuditEntry.objects.count(),
    )


# Generation


def test_generating_2024s_invoices_twice_gives_20_invoices(demo):
    first = invoices_generate(year=2024, actor="test")
    second = invoices_generate(year=2024, actor="test")
    assert (len(first.created), first.existing) == (20, 0)
    assert (len(second.created), second.existing) == (0, 20)
    assert Invoice.objects.count() == 20
    assert sum(i.amount for i in Invoice.objects.all()) == Decimal(878050)


def test_invoices_are_numbered_in_one_series_with_valid_ocr_and_due_dates(invoiced):
    invoices = list(Invoice.objects.order_by("number"))
    assert [i.number for i in invoices] == list(range(1, 21))
    assert all(ocr_is_valid(i.ocr) for i in invoices)
    assert len({i.ocr for i in invoices}) == 20
    assert all(i.due_date == i.issue_date + timedelta(days=30) for i in invoices)
    norrbotten = _invoice("25")
    assert (norrbotten.amount, norrbotten.description) == (Decimal(29250), "Medlemsavgift 2024")
    assert norrbotten.buyer_org_number == "232100-0230"


def test_the_database_refuses_a_second_fee_invoice_for_a_member_and_year(invoiced):
    malmo = _invoice("1280")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            number=999,
            organisation=malmo.organisation,
            year=2024,
            description="dubblett",
            amount=1,
            ocr="99934",
            issue_date=TODAY,
            due_date=TODAY,
            buyer_name="Malmö",
            buyer_reference="x",
        )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_create_no_duplicates(committed_demo):
    errors = []

    def run():
        try:
            invoices_generate(year=2024, actor="thread")
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Invoice.objects.count() == 20
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1, 21))


def test_an_unknown_year_is_refused_and_nothing_is_written(demo):
    from django.http import Http404

    with pytest.raises(Http404):
        invoices_generate(year=1999, actor="test")
    assert _state() == (0, 0, AuditEntry.objects.count())


# Peppol BIS Billing 3.0


def _check_peppol(xml: bytes):
    ok, errors = validate_xsd(xml)
    assert ok, errors
    fatal = [f for f in check_rules(xml) if f.severity == "fatal"]
    assert fatal == []
    tree = etree.fromstring(xml)
    # The category O rules the package does not check itself (EN 16931 BR-O-*, Peppol R003).
    assert tree.xpath("//cac:PartyTaxScheme", namespaces=NS) == []  # BR-O-02
    assert tree.xpath("//cbc:Percent", namespaces=NS) == []  # BR-O-05
    [subtotal] = tree.xpath("//cac:TaxTotal/cac:TaxSubtotal", namespaces=NS)  # BR-O-01, BR-O-11
    assert subtotal.findtext("cbc:TaxAmount", namespaces=NS) == "0.00"  # BR-O-09
    assert subtotal.findtext("cac:TaxCategory/cbc:ID", namespaces=NS) == "O"
    code = subtotal.findtext("cac:TaxCategory/cbc:TaxExemptionReasonCode", namespaces=NS)
    assert code == "VATEX-EU-O"  # BR-O-10
    assert tree.findtext("cbc:BuyerReference", namespaces=NS)  # PEPPOL-EN16931-R003
    for endpoint in tree.xpath("//cbc:EndpointID", namespaces=NS):
        assert endpoint.get("schemeID") == "0007"
        assert orgnr.is_valid(endpoint.text)  # PEPPOL-COMMON-R049
    for amount in tree.xpath("//*[@currencyID]", namespaces=NS):
        assert amount.get("currencyID") == "SEK"
        assert len(amount.text.split(".")[1]) == 2  # BR-DEC: two decimals
    return tree


def test_every_invoice_passes_the_ubl_schema_and_the_peppol_checks(invoiced):
    for invoice in Invoice.objects.select_related("organisation").filter(internal_transfer=False):
        tree = _check_peppol(invoice_xml(invoice))
        assert tree.findtext("cbc:ID", namespaces=NS) == str(invoice.number)
        assert tree.findtext(".//cac:PaymentMeans/cbc:PaymentID", namespaces=NS) in (
            None,
            invoice.ocr,
        )


def test_a_credit_note_passes_the_ubl_schema_and_the_peppol_checks(invoiced):
    credit = invoice_credit(invoice=_invoice("1280"), reason="Fel belopp", actor="test")
    tree = _check_peppol(invoice_xml(credit))
    assert etree.QName(tree).localname == "CreditNote"
    reference = tree.findtext(".//cac:BillingReference//cbc:ID", namespaces=NS)
    assert reference == str(_invoice("1280").number)


def test_the_bankgiro_and_ocr_are_in_the_xml_when_configured(invoiced, settings):
    settings.INVOICE_SELLER = {**settings.INVOICE_SELLER, "bankgiro": "123-4566"}
    tree = _check_peppol(invoice_xml(_invoice("25")))
    assert tree.findtext(".//cac:PayeeFinancialAccount/cbc:ID", namespaces=NS) == "1234566"
    assert tree.findtext(".//cac:PaymentMeans/cbc:PaymentID", namespaces=NS) == _invoice("25").ocr


def test_an_invoice_to_a_buyer_without_organisation_number_cannot_be_sent_by_peppol(invoiced):
    invoice = _invoice("25")
    invoice.buyer_org_number = ""
    with pytest.raises(ValidationError) as refused:
        invoice_xml(invoice)
    assert "organisationsnummer" in refused.value.messages[0]


# PDF


def test_the_invoice_pdf_is_a_pdf(invoiced):
    pdf = invoice_pdf(_invoice("25"))
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000


def test_the_invoice_document_says_what_to_pay_where_in_swedish(invoiced, settings):
    settings.INVOICE_SELLER = {**settings.INVOICE_SELLER, "bankgiro": "123-4566"}
    invoice = _invoice("25")
    html = render_to_string(
        "invoices/invoice_pdf.html",
        {
            "invoice": invoice,
            "organisation": invoice.organisation,
            "seller": settings.INVOICE_SELLER,
        },
    ).replace("\xa0", " ")
    assert "29 250 kr" in html and invoice.ocr in html and "123-4566" in html
    assert "Region Norrbotten" in html and "232100-0230" in html and "212000-1546" in html


# Credit notes


def test_a_full_credit_note_makes_the_invoice_credited(invoiced):
    invoice = _invoice("1280")
    credit = invoice_credit(invoice=invoice, reason="Utträde", actor="test")
    assert credit.kind == "credit_note" and credit.amount == Decimal(58500)
    assert credit.number == 21 and credit.credited_invoice == invoice
    assert _status(invoice) == Status.CREDITED


def test_a_credit_larger_than_what_remains_is_refused(invoiced):
    invoice = _invoice("1280")
    invoice_credit(invoice=invoice, reason="Delvis", amount=Decimal(50000), actor="test")
    before = _state()
    with pytest.raises(ValidationError):
        invoice_credit(invoice=invoice, reason="För mycket", amount=Decimal(9000), actor="test")
    assert _state() == before


def test_a_credit_needs_a_reason(invoiced):
    before = _state()
    with pytest.raises(ValidationError):
        invoice_credit(invoice=_invoice("1280"), reason=" ", actor="test")
    assert _state() == before


# Payments


def test_partial_then_full_payment(invoiced):
    invoice = _invoice("25")
    payment_register(ocr=invoice.ocr, amount=Decimal(10000), paid_on=TODAY, actor="test")
    assert _status(invoice) == Status.PARTLY_PAID
    payment_register(ocr=invoice.ocr, amount=Decimal(19250), paid_on=TODAY, actor="test")
    assert _status(invoice) == Status.PAID


def test_an_unpaid_invoice_past_its_due_date_is_overdue(invoiced):
    invoice = _invoice("25")
    [row] = invoice_rows(Invoice.objects.filter(pk=invoice.pk), invoice.due_date + timedelta(1))
    assert row.status == Status.OVERDUE


def test_a_payment_with_no_matching_ocr_is_refused_in_swedish(invoiced):
    before = _state()
    with pytest.raises(ValidationError) as refused:
        payment_register(ocr="1234", amount=Decimal(100), paid_on=TODAY, actor="test")
    assert refused.value.messages == ["Ingen faktura har OCR-numret 1234."]
    assert _state() == before


def test_a_payment_dated_in_the_future_is_refused(invoiced):
    with pytest.raises(ValidationError):
        payment_register(
            ocr=_invoice("25").ocr, amount=Decimal(1), paid_on=TODAY + timedelta(1), actor="t"
        )


# Bank files


def _bank_file(*rows, header="ocr;amount;date"):
    return "\n".join([header, *rows]) + "\n"


def test_a_bank_file_is_imported_and_matched_by_ocr(invoiced):
    malmo, norrbotten = _invoice("1280"), _invoice("25")
    rows = bank_file_parse(
        _bank_file(f"{malmo.ocr};58 500,00;{TODAY}", f"{norrbotten.ocr};10000;{TODAY}")
    )
    report = bank_file_import(rows=rows, filename="bank.csv", actor="test", content=b"file")
    assert report.batch.rows == 2 and report.batch.total == Decimal("68500")
    assert _status(malmo) == Status.PAID
    assert _status(norrbotten) == Status.PARTLY_PAID


def test_a_bank_file_with_one_bad_row_imports_nothing_and_names_the_row(invoiced):
    malmo, norrbotten = _invoice("1280"), _invoice("25")
    text = _bank_file(
        f"{malmo.ocr};58500;{TODAY}",
        f"{norrbotten.ocr};tjugo;{TODAY}",
        f"{_invoice('1281').ocr};41000;{TODAY}",
    )
    before = _state()
    with pytest.raises(BankFileError) as refused:
        bank_file_parse(text)
    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith("Rad 3:")
    assert "tjugo" in refused.value.problems[0]
    assert _state() == before


def test_every_bad_row_of_a_bank_file_is_named(invoiced):
    text = _bank_file(f"{_invoice().ocr};100;2024-13-01", "1234;100;2024-01-01", ";100;")
    with pytest.raises(BankFileError) as refused:
        bank_file_parse(text)
    assert [p.split(":")[0] for p in refused.value.problems] == ["Rad 2", "Rad 3", "Rad 4"]


def test_a_bank_file_without_the_columns_is_refused(invoiced):
    with pytest.raises(BankFileError) as refused:
        bank_file_parse("referens,summa\n1,2\n")
    assert "ocr" in refused.value.problems[0]


# API


def _post(client, url, payload=None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


def test_the_api_generates_invoices_idempotently(api_client, demo):
    assert _post(api_client, "/api/v1/fees/2024/invoices").json() == {"created": 20, "existing": 0}
    assert _post(api_client, "/api/v1/fees/2024/invoices").json() == {"created": 0, "existing": 20}


def test_the_api_lists_a_years_invoices(api_client, invoiced):
    invoices = api_client.get("/api/v1/invoices?year=2024").json()
    assert len(invoices) == 20
    norrbotten = next(i for i in invoices if i["organisation_code"] == "25")
    assert norrbotten["amount_sek"] == "29250.00" and norrbotten["status"] == "issued"
    assert set(norrbotten) >= {
        "number",
        "organisation_code",
        "amount_sek",
        "ocr",
        "status",
        "due_date",
    }


def test_the_api_serves_pdf_and_xml(api_client, invoiced):
    number = _invoice("25").number
    pdf = api_client.get(f"/api/v1/invoices/{number}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xml = api_client.get(f"/api/v1/invoices/{number}.xml")
    assert xml.status_code == 200
    _check_peppol(xml.content)
    assert api_client.get("/api/v1/invoices/9999.pdf").status_code == 404


def test_the_api_registers_a_payment(api_client, invoiced):
    invoice = _invoice("25")
    response = _post(
        api_client,
        "/api/v1/payments",
        {"ocr": invoice.ocr, "amount_sek": "29250", "date": TODAY.isoformat()},
    )
    assert response.status_code == 201
    assert response.json()["status"] == "paid"


def test_the_api_refuses_a_payment_with_an_unknown_ocr_in_swedish(api_client, invoiced):
    before = _state()
    response = _post(
        api_client, "/api/v1/payments", {"ocr": "1234", "amount_sek": "1", "date": "2024-05-01"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Ingen faktura har OCR-numret 1234."
    assert _state() == before


def test_invoices_need_a_token_and_the_right(client, demo, staff_without_rights):
    from django.test import Client

    from hcs.accounts.services import api_token_create

    assert client.get("/api/v1/invoices").status_code == 401
    assert _post(client, "/api/v1/fees/2024/invoices").status_code == 401
    token = api_token_create(username=staff_without_rights.username)
    other = Client(headers={"Authorization": f"Bearer {token}"})
    assert other.get("/api/v1/invoices").status_code == 403
    assert _post(other, "/api/v1/fees/2024/invoices").status_code == 403
    assert Invoice.objects.count() == 0
