"""A year's revenue per member as CSV and XLSX, for the accounts and the annual report.

CSV: UTF-8 with a byte-order mark, semicolons and a decimal comma, which is what Excel set to
Swedish opens correctly by double-click. XLSX: amounts are numbers with a "kr" number format,
so they can be summed and sorted.
"""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hcs.lib.spreadsheets import append, safe_row
from hcs.reports.queries import Revenue, RevenueLine

SEK = '#,##0 "kr"'
BOLD = Font(bold=True)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def _headers() -> list[str]:
    return [
        _("Member"),
        _("Code"),
        _("Kind"),
        _("Fee by the rules"),
        _("Invoiced"),
        _("Paid"),
        _("Outstanding"),
    ]


def _kind(line: RevenueLine) -> str:
    return _("Region") if line.kind == "region" else _("Municipality")


def _amounts(line: RevenueLine) -> list:
    return [line.fee, line.invoiced, line.paid, line.outstanding]


def _totals(revenue: Revenue) -> list:
    return [
        revenue.fees_total,
        revenue.invoiced_total,
        revenue.paid_total,
        revenue.outstanding_total,
    ]


def _decimal_comma(amount: int | Decimal | None) -> str:
    if amount is None:
        return ""
    return f"{Decimal(amount):.2f}".replace(".", ",")


def revenue_csv(revenue: Revenue) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_row(_headers()))
    for line in revenue.lines:
        writer.writerow(
            safe_row(
                [line.name, line.code, _kind(line), *(_decimal_comma(a) for a in _amounts(line))]
            )
        )
    writer.writerow(safe_row([_("Total"), "", "", *(_decimal_comma(a) for a in _totals(revenue))]))
    return out.getvalue().encode("utf-8-sig")


def revenue_xlsx(revenue: Revenue) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = "Healthy Cities Sverige"
    sheet = workbook.active
    sheet.title = _("Revenue %(year)d") % {"year": revenue.year}
    append(sheet, [_("Revenue %(year)d per member") % {"year": revenue.year}])
    sheet["A1"].font = Font(bold=True, size=14)
    append(
        sheet,
        [
            _("Revenue: %(basis)s.")
            % {
                "basis": _("invoiced net of credit notes")
                if revenue.is_invoiced
                else _("the fees by the rules; nothing is invoiced yet")
            }
        ],
    )
    append(sheet, [])
    headers = _headers()
    append(sheet, headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = BOLD
    for line in revenue.lines:
        append(sheet, [line.name, line.code, _kind(line), *_amounts(line)])
    append(sheet, [_("Total"), None, None, *_totals(revenue)])
    total_row = sheet.max_row
    for cell in sheet[total_row]:
        cell.font = BOLD
    for row in sheet.iter_rows(min_row=header_row + 1, max_row=total_row, min_col=4, max_col=7):
        for cell in row:
            cell.number_format = SEK
    longest_name = max((len(line.name) for line in revenue.lines), default=0)
    for column, header in enumerate(headers, start=1):
        minimum = longest_name if column == 1 else 12
        sheet.column_dimensions[get_column_letter(column)].width = max(len(header), minimum) + 3
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
