"""A year's follow-up as a spreadsheet: one row per member and question with its answer and
tags, and a sheet of tag counts."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from hcs.followup.models import Answer, Followup, FollowupForm
from hcs.followup.queries import summary
from hcs.followup.tags import LABELS
from hcs.lib.spreadsheets import append


def followup_xlsx(form: FollowupForm) -> bytes:
    workbook = Workbook()
    answers_sheet = workbook.active
    answers_sheet.title = "Svar"
    append(answers_sheet, ["Medlem", "Kod", "Status", "Fråga", "Svar", "Taggar"])
    answers = (
        Answer.objects.filter(followup__form=form)
        .select_related("followup__organisation", "question")
        .order_by("followup__organisation__name", "question__position", "question_id")
    )
    for answer in answers:
        followup = answer.followup
        append(
            answers_sheet,
            [
                followup.organisation.name,
                followup.organisation.code,
                "inskickad" if followup.status == Followup.Status.SUBMITTED else "utkast",
                answer.question.text,
                "" if answer.value is None else str(answer.value),
                ", ".join(LABELS.get(tag, tag) for tag in answer.tags),
            ],
        )
    tags_sheet = workbook.create_sheet("Taggar")
    append(tags_sheet, ["Grupp", "Tagg", "Svar (inskickade)"])
    for group, counts in summary(form).tag_counts:
        for label, count in counts:
            append(tags_sheet, [group, label, count])
    for sheet in (answers_sheet, tags_sheet):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
