"""An event's registrations as a spreadsheet, for the venue: name, organisation, role, status,
and the answers to the event's questions. Cancelled registrations are left out."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hcs.events.models import Event, Registration
from hcs.events.queries import registrations_of
from hcs.lib.spreadsheets import safe_row

ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


def _rows(event: Event) -> list[list]:
    questions = list(event.questions.all())
    header = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Role"),
        _("Status"),
        _("Place on the waiting list"),
        _("Registered"),
        *[question.text for question in questions],
    ]
    rows = [header]
    for registration in registrations_of(event, ACTIVE):
        organisation = (
            registration.organisation.name
            if registration.organisation
            else registration.organisation_name
        )
        rows.append(
            [
                registration.name,
                registration.email,
                organisation,
                registration.get_role_display(),
                registration.get_status_display(),
                registration.position,
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                *[registration.answers.get(str(question.pk), "") for question in questions],
            ]
        )
    return [safe_row(row) for row in rows]


def registrations_csv(event: Event) -> bytes:
    out = io.StringIO()
    # Semicolons and a byte-order mark: what Excel with Swedish settings opens correctly.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(_rows(event))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def registrations_xlsx(event: Event) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = "Healthy Cities Sverige"
    sheet = workbook.active
    sheet.title = _("Registrations")
    for row in _rows(event):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, width in enumerate([28, 30, 30, 22, 18, 12, 18], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
