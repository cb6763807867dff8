"""Shared by the CSV and XLSX exports: every text written into a cell goes through
`spreadsheet_safe`."""

from hcs.lib.text import strip_forbidden


def spreadsheet_safe(value):
    """A text fit for a cell: without control characters (one would make the XLSX file
    unreadable: openpyxl refuses it, Excel reports the file as damaged), and with a leading
    apostrophe when it starts like a formula, which a spreadsheet would otherwise run (CSV
    injection). Other values pass unchanged."""
    if not isinstance(value, str):
        return value
    value = strip_forbidden(value, multiline=True)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def safe_row(values) -> list:
    """A row of cells, each through `spreadsheet_safe`."""
    return [spreadsheet_safe(value) for value in values]


def append(sheet, values) -> None:
    """`sheet.append(values)` (openpyxl), every text cell through `spreadsheet_safe`."""
    sheet.append(safe_row(values))
