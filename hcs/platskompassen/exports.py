"""A round's results as the results page, the API and the files share them: who may see them,
the series the compass overlays, and the exports (CSV of the anonymous answers, streamed; XLSX
summary with the comments; PDF report with the compass).

Results are computed in the database (`queries.round_results`); the CSV reads the answers in
chunks, so its memory stays flat whatever the number of answers."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from hcs.lib.pdf import html_to_pdf
from hcs.lib.spreadsheets import append, spreadsheet_safe
from hcs.platskompassen.compass import compass_svg, format_score
from hcs.platskompassen.models import Comment, Response, Round, Score
from hcs.platskompassen.queries import (
    GROUP_FIELDS,
    Results,
    ThemeComments,
    round_comments,
    round_results,
)
from hcs.platskompassen.services import can_manage

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SVG_TYPE = "image/svg+xml; charset=utf-8"
CHUNK = 2000  # responses read at a time for the CSV
PAGE_COMMENTS = 100  # comments a theme on the page and in the PDF; the XLSX has them all

_CHOICES = {
    "age_band": Response.AgeBand,
    "gender": Response.Gender,
    "relation": Response.Relation,
    "kind": Response.Kind,
}


# Who may see --------------------------------------------------------------------------------


def may_see(user, round_: Round) -> bool:
    """Everyone when the planner has published the results; else the organisation's planners
    and the secretariat."""
    return round_.publish_results or can_manage(user, round_.place.organisation)


def may_see_background(user, round_: Round) -> bool:
    """The background answers next to each response's scores: only for those who manage the
    round. Published rows would let anyone single out a member of a small group, which the
    results never show on its own (settings.PLATSKOMPASSEN_MIN_GROUP)."""
    return can_manage(user, round_.place.organisation)


# Groups ------------------------------------------------------------------------------------


def group_label(group: tuple[str, str] | None) -> str:
    """("age_band", "18_29") → "Age: 18–29"."""
    if group is None:
        return ""
    field_name, value = group
    question = Response._meta.get_field(field_name).verbose_name
    answer = dict(_CHOICES[field_name].choices).get(value, value)
    return f"{str(question)[:1].upper()}{str(question)[1:]}: {answer}"


def group_choices(round_: Round) -> list[tuple[str, list[tuple[str, str]]]]:
    """The groups a round's results can be shown for, by its background questions:
    [(question, [("age_band:18_29", "18–29"), …])]."""
    choices = []
    for question in round_.background_questions:
        if question not in GROUP_FIELDS:
            continue  # a free-text area is not a group
        label = str(Response._meta.get_field(question).verbose_name)
        choices.append(
            (
                label[:1].upper() + label[1:],
                [(f"{question}:{value}", str(text)) for value, text in _CHOICES[question].choices],
            )
        )
    return choices


# The report: what the page, the PDF and the compass show ------------------------------------


@dataclass
class Series:
    name: str
    results: Results


@dataclass
class Report:
    round: Round
    results: Results  # the round's individual answers, of the chosen group if any
    group: tuple[str, str] | None
    group_name: str
    series: list[Series]  # drawn on the compass, the round's own first
    others: list[Series]  # the series besides the round's own: more columns of the table
    comparison: Round | None
    notes: list[str] = field(default_factory=list)
    public: bool = True  # shown to someone who does not manage the round (the thresholds)

    def rows(self):
        """Per theme: (theme result, [the other series' means])."""
        return [
            (theme, [other.results.themes[index].mean for other in self.others])
            for index, theme in enumerate(self.results.themes)
        ]

    @property
    def title(self) -> str:
        return f"{self.round.place.name}: {self.round.title}"

    def svg(self, *, narrow: bool = False) -> str:
        return compass_svg(
            narrow=narrow,
            labels=[theme.name for theme in self.results.themes],
            series=[
                (series.name, [theme.mean for theme in series.results.themes])
                for series in self.series
            ],
            scale_max=self.round.tool.scale_max,
            title=_("The compass: %(title)s") % {"title": self.title},
        )


def comparable_rounds(user, round_: Round):
    """Other rounds of the same place with the same tool (before and after) the user may see."""
    others = (
        Round.objects.filter(place_id=round_.place_id, tool_id=round_.tool_id)
        .exclude(pk=round_.pk)
        .select_related("place__organisation", "tool")
        .order_by("-opens", "title")
    )
    return [other for other in others if may_see(user, other)]


def build_report(
    round_: Round, *, user, group: tuple[str, str] | None = None, compare: str | None = None
) -> Report:
    """The round's results (of one group, if given) with up to two more series on the compass:
    the group sessions' agreed scores, and another round of the place (`compare`, its slug) or,
    for a group, all who answered."""
    public = not can_manage(user, round_.place.organisation)
    results = round_results(round_, group=group, public=public)
    name = group_label(group) or _("All who answered")
    notes: list[str] = []
    series: list[Series] = []
    if results.responses:
        series.append(Series(name, results))
    sessions = round_results(round_, kind=Response.Kind.GROUP)
    if sessions.responses:
        series.append(
            Series(
                _("Group session (agreed scores)")
                if sessions.responses == 1
                else _("Group sessions (mean of %(count)d agreed scores)")
                % {"count": sessions.responses},
                sessions,
            )
        )
    comparison = None
    if compare:
        comparison = next((r for r in comparable_rounds(user, round_) if r.slug == compare), None)
        if comparison is None:
            notes.append(_("That round cannot be compared with this one."))
        else:
            other = round_results(comparison, group=group, public=public)
            if other.hidden:
                notes.append(
                    _("Too few in the group answered in %(title)s to show it on its own.")
                    % {"title": comparison.title}
                )
            else:
                label = comparison.title + (f" ({group_label(group)})" if group else "")
                series.append(Series(label, other))
    if group and comparison is None and not results.hidden:
        everyone = round_results(round_, public=public)
        series.append(Series(_("All who answered"), everyone))
    others = [s for s in series if s.results is not results]
    return Report(
        round=round_,
        results=results,
        group=group,
        group_name=name,
        series=series,
        others=others,
        comparison=comparison,
        notes=notes,
        public=public,
    )


def comments_by_theme(report: Report, limit: int | None = PAGE_COMMENTS):
    """[(theme result, [good texts], [better texts], how many left out)] for each theme; each
    text once, with how many wrote it (`CommentText`)."""
    comments = round_comments(report.round, group=report.group, limit=limit, public=report.public)
    empty = ThemeComments(good=[], better=[], left_out=0)
    rows = []
    for theme in report.results.themes:
        found = comments.get(theme.theme.pk, empty)
        rows.append((theme, found.good, found.better, found.left_out))
    return rows


def median_text(value: float | None) -> str:
    """4.0 → "4", 4.5 → "4,5"."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else format_score(value)


# CSV ---------------------------------------------------------------------------------------


class _Echo:
    """A file that hands back what is written: csv.writer then formats one row at a time."""

    def write(self, value):
        return value


def answers_csv(round_: Round, *, background: bool, answers: bool = True):
    """The anonymous answers, one row per response, as pieces of UTF-8 for a streamed response:
    number, day, kind, the background answers (with `background`), then each theme's score,
    what is good and what could be better. Semicolons and a byte-order mark, for Excel. Without
    `answers`, the header only."""
    themes = list(round_.tool.themes.order_by("position"))
    language = translation.get_language()
    questions = (
        [q for q in Round.BACKGROUND_QUESTIONS if q in round_.background_questions]
        if background
        else []
    )
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    header = [_("Response"), _("Day"), _("Kind")]
    header += [str(Response._meta.get_field(q).verbose_name) for q in questions]
    for theme in themes:
        name = theme.text("name", language)
        header += [
            _("%(theme)s: score") % {"theme": name},
            _("%(theme)s: what is good") % {"theme": name},
            _("%(theme)s: what could be better") % {"theme": name},
        ]
    yield ("\ufeff" + writer.writerow([spreadsheet_safe(h) for h in header])).encode("utf-8")
    if not answers:
        return
    labels = {
        key: {value: str(text) for value, text in choices.choices}
        for key, choices in _CHOICES.items()
    }
    rows = (
        Response.objects.filter(round=round_)
        .order_by("pk")
        .values_list("pk", "submitted_on", "kind", *questions)
        .iterator(chunk_size=CHUNK)
    )
    number = 0
    while batch := list(islice(rows, CHUNK)):
        first, last = batch[0][0], batch[-1][0]
        scores: dict[int, dict[int, int]] = defaultdict(dict)
        for response_id, theme_id, value in Score.objects.filter(
            round=round_, response_id__gte=first, response_id__lte=last
        ).values_list("response_id", "theme_id", "value"):
            scores[response_id][theme_id] = value
        comments: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)
        for response_id, theme_id, good, better in Comment.objects.filter(
            round=round_, response_id__gte=first, response_id__lte=last
        ).values_list("response_id", "theme_id", "good", "better"):
            comments[response_id][theme_id] = (good, better)
        lines = []
        for pk, day, kind, *answers in batch:
            number += 1
            line = [number, day.isoformat(), labels["kind"].get(kind, kind)]
            for question, answer in zip(questions, answers, strict=True):
                line.append(labels[question].get(answer, answer) if question in labels else answer)
            own_scores, own_comments = scores.get(pk, {}), comments.get(pk, {})
            for theme in themes:
                good, better = own_comments.get(theme.pk, ("", ""))
                line += [own_scores.get(theme.pk, ""), good, better]
            lines.append(writer.writerow([spreadsheet_safe(value) for value in line]))
        yield "".join(lines).encode("utf-8")


# XLSX --------------------------------------------------------------------------------------


def _bold(sheet, values):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=spreadsheet_safe(value))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _summary_rows(sheet, results: Results, scale_max: int):
    yield _bold(
        sheet,
        [_("Theme"), _("Answers"), _("Mean"), _("Median")]
        + [_("Score %(value)d") % {"value": v} for v in range(1, scale_max + 1)],
    )
    for theme in results.themes:
        mean = WriteOnlyCell(sheet, value=theme.mean)
        mean.number_format = "0.0"
        median = WriteOnlyCell(sheet, value=theme.median)
        median.number_format = "0.0"
        yield [spreadsheet_safe(theme.name), theme.n, mean, median, *theme.distribution]


def results_xlsx(report: Report) -> bytes:
    """A summary (per theme n, mean, median, distribution) and every comment, one a row."""
    round_ = report.round
    scale_max = round_.tool.scale_max
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Healthy Cities Sverige"
    summary = workbook.create_sheet(_("Summary"))
    for column, width in zip("ABCDEFGHIJKLMN", [32, 9, 9, 9] + [8] * 10, strict=True):
        summary.column_dimensions[column].width = width
    summary.append(_bold(summary, [report.title]))
    summary.append([_("Place"), spreadsheet_safe(round_.place.name)])
    summary.append([_("Round"), spreadsheet_safe(round_.title)])
    summary.append([_("Open"), f"{round_.opens.isoformat()} – {round_.closes.isoformat()}"])
    summary.append([_("Tool version"), spreadsheet_safe(round_.tool.name)])
    summary.append([_("Answers from"), spreadsheet_safe(report.group_name)])
    if report.results.hidden:
        summary.append([hidden_note(report.group)])
    else:
        summary.append([_("Responses"), report.results.responses])
        summary.append([])
        for row in _summary_rows(summary, report.results, scale_max):
            summary.append(row)
    for other in report.others:
        summary.append([])
        summary.append(_bold(summary, [other.name]))
        summary.append([_("Responses"), other.results.responses])
        for row in _summary_rows(summary, other.results, scale_max):
            summary.append(row)

    sheet = workbook.create_sheet(_("Comments"))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["D"].width = 12
    sheet.freeze_panes = "A2"
    sheet.append(_bold(sheet, [_("Theme"), _("Question"), _("Comment"), _("Written by")]))
    if not report.results.hidden:
        tool = round_.tool
        language = translation.get_language()
        questions = (tool.text("good_question", language), tool.text("better_question", language))
        # Every distinct text, with how many wrote it (identical comments once).
        for theme, good, better, _left_out in comments_by_theme(report, limit=None):
            for question, texts in zip(questions, (good, better), strict=True):
                for comment in texts:
                    append(sheet, [theme.name, question, comment.text, comment.count])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def hidden_note(group=None) -> str:
    if group is None:
        return _(
            "Fewer than %(minimum)d people have answered so far: the results are shown from "
            "%(minimum)d answers on, so that no one can be recognised."
        ) % {"minimum": settings.PLATSKOMPASSEN_MIN_GROUP}
    return _(
        "Fewer than %(minimum)d people in this group answered: their results are not shown on "
        "their own, so that no one can be recognised."
    ) % {"minimum": settings.PLATSKOMPASSEN_MIN_GROUP}


# PDF ---------------------------------------------------------------------------------------


def results_pdf(round_: Round, *, user, group=None, compare=None) -> bytes:
    """The report as PDF (A4, in Swedish: it is what is printed and handed on): the compass, the
    per-theme table and the comments."""
    with translation.override("sv"):
        report = build_report(round_, user=user, group=group, compare=compare)
        html = render_to_string(
            "platskompassen/report_pdf.html",
            {
                "report": report,
                "round": round_,
                "svg": report.svg(),
                "rows": table_rows(report),
                "comments": [] if report.results.hidden else comments_by_theme(report),
                "scale": range(1, round_.tool.scale_max + 1),
                "today": timezone.localdate(),
                "hidden_note": hidden_note(report.group),
            },
        )
    return html_to_pdf(html)


def table_rows(report: Report):
    """The per-theme table as text: what the page and the PDF show."""
    rows = []
    for index, (theme, other_means) in enumerate(report.rows(), start=1):
        rows.append(
            {
                "number": index,
                "theme": theme,
                "mean": format_score(theme.mean),
                "median": median_text(theme.median),
                "others": [format_score(mean) for mean in other_means],
            }
        )
    return rows
