"""The fee-model comparison as a spreadsheet for the board (XLSX, opens in Excel and LibreOffice).

Amounts are stored as numbers with a number format, so the board can sum and sort them; the
spreadsheet application shows them with its own thousands separator ("58 500 kr" in Swedish).
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hcs.fees.models import FeeMethod, FeeModel
from hcs.fees.queries import FeeModelComparison
from hcs.lib.spreadsheets import append

SEK = '#,##0 "kr"'
SEK_SIGNED = '+#,##0 "kr";-#,##0 "kr";0 "kr"'
INHABITANTS = "#,##0"
SEK_PER_INHABITANT = '#,##0.00# "kr"'
BOLD = Font(bold=True)
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def comparison_xlsx(comparison: FeeModelComparison) -> bytes:
    """Sheet 1: each member's current fee, fee under the model and difference, with totals.
    Sheet 2: the model's parameters."""
    workbook = Workbook()
    workbook.properties.creator = "Healthy Cities Sverige"
    workbook.properties.title = str(comparison.model)
    _comparison_sheet(workbook.active, comparison)
    _parameters_sheet(workbook.create_sheet(), comparison.model)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _comparison_sheet(sheet, comparison: FeeModelComparison) -> None:
    year = comparison.year
    sheet.title = _("Comparison")
    append(
        sheet,
        [
            _("Fee model “%(name)s” compared with the fees for %(year)d")
            % {"name": comparison.model.name, "year": year}
        ],
    )
    sheet["A1"].font = Font(bold=True, size=14)
    append(
        sheet,
        [
            _(
                "Members during %(year)d, population on 31 December %(population_year)d; "
                "members joining or leaving during the year pay as the %(year)d rules say."
            )
            % {"year": year, "population_year": comparison.summary.schedule.population_year}
        ],
    )
    append(sheet, [])
    headers = [
        _("Member"),
        _("Kind"),
        _("Population"),
        _("Fee %(year)d") % {"year": year},
        _("Fee under the model"),
        _("Difference"),
    ]
    append(sheet, headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = BOLD
    for line in comparison.lines:
        member = line.line
        append(
            sheet,
            [
                member.name,
                _("Region") if member.kind == "region" else _("Municipality"),
                member.population,
                member.fee,
                line.model_fee,
                line.difference,
            ],
        )
    append(
        sheet,
        [
            _("Total"),
            None,
            None,
            comparison.current_total,
            comparison.model_total,
            comparison.difference,
        ],
    )
    total_row = sheet.max_row
    for cell in sheet[total_row]:
        cell.font = BOLD
    for row in sheet.iter_rows(min_row=header_row + 1, max_row=total_row):
        row[2].number_format = INHABITANTS
        row[3].number_format = SEK
        row[4].number_format = SEK
        row[5].number_format = SEK_SIGNED
    longest_name = max((len(line.line.name) for line in comparison.lines), default=0)
    for column, header in enumerate(headers, start=1):
        minimum = longest_name if column == 1 else 13  # "1 767 016" and "−306 950 kr" fit
        sheet.column_dimensions[get_column_letter(column)].width = max(len(header), minimum) + 3
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    _print_on_one_page_wide(sheet, landscape=True)


def _parameters_sheet(sheet, model: FeeModel) -> None:
    sheet.title = _("Parameters")
    _row(sheet, _("Fee model"), model.name)
    _row(sheet, _("Meant for the year"), model.year)
    _row(sheet, _("Description"), model.description)
    sheet["B3"].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    _pricing_rows(
        sheet,
        _("Municipalities pay"),
        model.get_kind_display(),
        model.kind,
        tiers=model.municipal_tiers,
        amount=None,
        bounds=(model.per_inhabitant, model.floor, model.ceiling, model.rounding),
    )
    _pricing_rows(
        sheet,
        _("Regions pay"),
        model.get_region_kind_display(),
        model.region_kind,
        tiers=model.region_tiers,
        amount=model.region_amount,
        bounds=(
            model.region_per_inhabitant,
            model.region_floor,
            model.region_ceiling,
            model.rounding,
        ),
    )
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 48
    _print_on_one_page_wide(sheet, landscape=False)


def _pricing_rows(sheet, label, method_label, method, *, tiers, amount, bounds) -> None:
    append(sheet, [])
    _row(sheet, label, method_label)
    if method == FeeMethod.FIXED:
        _row(sheet, _("Fixed amount"), amount, SEK)
    elif method == FeeMethod.PER_INHABITANT:
        per_inhabitant, floor, ceiling, rounding = bounds
        _row(sheet, _("SEK per inhabitant"), per_inhabitant, SEK_PER_INHABITANT)
        _row(sheet, _("Floor"), floor, SEK)
        _row(sheet, _("Ceiling"), ceiling, SEK)
        _row(sheet, _("Rounded to the nearest"), rounding, SEK)
    else:
        _row(sheet, _("From population"), _("Fee"))
        sheet.cell(row=sheet.max_row, column=2).font = BOLD
        for tier in tiers:
            _row(sheet, tier.min_population, tier.amount, SEK)
            sheet.cell(row=sheet.max_row, column=1).number_format = INHABITANTS


def _row(sheet, label, value, number_format: str | None = None) -> None:
    """A label (bold when it is text) and its value, left-aligned; no bound reads "none"."""
    if value is None and number_format is not None:
        value, number_format = _("none"), None
    append(sheet, [label, value])
    label_cell, value_cell = sheet[sheet.max_row]
    label_cell.alignment = Alignment(horizontal="left", vertical="top")
    if isinstance(label, str):
        label_cell.font = BOLD
    value_cell.alignment = Alignment(horizontal="left", vertical="top")
    if number_format:
        value_cell.number_format = number_format


def _print_on_one_page_wide(sheet, *, landscape: bool) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
