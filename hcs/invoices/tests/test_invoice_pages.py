"""The secretariat invoices a year, registers payments and imports bank files in its pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hcs.invoices.models import Invoice, Payment
from hcs.invoices.services import invoices_generate

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _text(response):
    return response.content.decode().replace("\xa0", " ")


def test_the_preview_shows_what_will_be_issued_and_issuing_creates_20(coordinator_client, demo):
    preview = _text(coordinator_client.get("/kansli/fakturor/skapa/2024/"))
    assert "878 050 kr" in preview and "Region Norrbotten" in preview
    assert not Invoice.objects.exists()
    coordinator_client.post("/kansli/fakturor/skapa/2024/")
    coordinator_client.post("/kansli/fakturor/skapa/2024/")
    assert Invoice.objects.count() == 20
    listing = _text(coordinator_client.get("/kansli/fakturor/?ar=2024"))
    assert "878 050 kr" in listing and "Utställd" in listing


def test_the_list_filters_by_status(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    page = _text(coordinator_client.get("/kansli/fakturor/?ar=2024&status=paid"))
    assert "Region Norrbotten" not in page


def test_registering_a_payment_on_the_invoice_page(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    invoice = Invoice.objects.get(organisation__code="25")
    coordinator_client.post(
        f"/kansli/fakturor/{invoice.number}/betalning/",
        {"amount": "29 250", "paid_on": TODAY.isoformat(), "note": ""},
    )
    assert "Betald" in _text(coordinator_client.get(f"/kansli/fakturor/{invoice.number}/"))


def test_a_bad_amount_is_refused_with_a_message_and_nothing_is_saved(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    invoice = Invoice.objects.get(organisation__code="25")
    response = coordinator_client.post(
        f"/kansli/fakturor/{invoice.number}/betalning/",
        {"amount": "mycket", "paid_on": TODAY.isoformat()},
        follow=True,
    )
    assert "Ange ett belopp" in _text(response)
    assert not Payment.objects.exists()


def test_crediting_on_the_invoice_page(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    invoice = Invoice.objects.get(organisation__code="1280")
    response = coordinator_client.post(
        f"/kansli/fakturor/{invoice.number}/kreditera/", {"amount": "", "reason": "Utträde"}
    )
    credit = Invoice.objects.get(kind="credit_note")
    assert response["Location"].endswith(f"/{credit.number}/")
    assert "Krediterad" in _text(coordinator_client.get(f"/kansli/fakturor/{invoice.number}/"))


def test_a_bank_file_with_a_bad_row_is_refused_in_the_page(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    ocr = Invoice.objects.get(organisation__code="25").ocr
    content = f"ocr;amount;date\n{ocr};29250;{TODAY}\n1;2;x\n"
    upload = SimpleUploadedFile("bank.csv", content.encode())
    response = coordinator_client.post("/kansli/fakturor/bankfil/", {"file": upload})
    assert response.status_code == 400
    assert "Rad 3" in _text(response)
    assert not Payment.objects.exists()


def test_a_good_bank_file_is_imported_in_the_page(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    ocr = Invoice.objects.get(organisation__code="25").ocr
    upload = SimpleUploadedFile("bank.csv", f"ocr,amount,date\n{ocr},29250,{TODAY}\n".encode())
    response = coordinator_client.post("/kansli/fakturor/bankfil/", {"file": upload}, follow=True)
    assert "1 betalningar" in _text(response) or "1 betalning" in _text(response)
    assert Payment.objects.count() == 1


def test_pdf_and_xml_downloads(coordinator_client, demo):
    invoices_generate(year=2024, actor="test")
    number = Invoice.objects.get(organisation__code="25").number
    assert coordinator_client.get(f"/kansli/fakturor/{number}.pdf").content.startswith(b"%PDF")
    assert b"<Invoice" in coordinator_client.get(f"/kansli/fakturor/{number}.xml").content


def test_staff_without_the_right_see_no_invoices(client, demo, staff_without_rights):
    client.force_login(staff_without_rights)
    assert client.get("/kansli/fakturor/").status_code == 403
    assert client.get("/kansli/fakturor/skapa/2024/").status_code == 403
