"""Shared by the CSV and XLSX exports."""


def spreadsheet_safe(value):
    """A text starting like a formula would run as one in a spreadsheet (CSV injection): such
    text gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
