"""The compliance table as files: one row per member and criterion, so that a spreadsheet can
filter and pivot it (CSV for any tool, XLSX for Excel and LibreOffice)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hcs.criteria.models import Status
from hcs.criteria.queries import ComplianceTable
from hcs.lib.spreadsheets import spreadsheet_safe

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(table: ComplianceTable, language: str):
    for line in _lines(table, language):
        yield [spreadsheet_safe(value) for value in line]


def _lines(table: ComplianceTable, language: str):
    yield [
        _("Year"),
        _("Member code"),
        _("Member"),
        _("Criterion key"),
        _("Criterion"),
        _("Status"),
        _("Status (key)"),
        _("Reason"),
    ]
    for row in table.rows:
        for cell in row.cells:
            yield [
                table.year,
                row.code,
                row.name,
                cell.criterion.key,
                cell.criterion.display_name(language),
                str(Status(cell.status).label),
                cell.status,
                cell.reason,
            ]


def compliance_csv(table: ComplianceTable, language: str) -> bytes:
    out = io.StringIO()
    # Semicolons and a byte-order mark: what Excel with Swedish settings opens correctly.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in _rows(table, language):
        writer.writerow(line)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def compliance_xlsx(table: ComplianceTable, language: str) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = "Healthy Cities Sverige"
    sheet = workbook.active
    sheet.title = _("Criteria %(year)d") % {"year": table.year}
    for line in _rows(table, language):
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, width in enumerate([6, 10, 28, 22, 50, 14, 14, 70], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
