"""Writes to the network's economy: a financial year with its budget lines, all or nothing.

Every function validates before writing and writes in one transaction with its audit entry; a
refused write raises ValidationError and changes nothing."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record, save_audited
from hcs.reports.models import AnnualReportEdition, BudgetLine, FinancialYear


@dataclass(frozen=True)
class BudgetLineData:
    kind: str
    label: str
    budget: Decimal
    outcome: Decimal | None = None
    from_fees: bool = False


def check_budget_lines(lines: list[BudgetLineData]) -> None:
    """The rules of a year's lines taken together, and of each line, before anything is written."""
    problems = []
    for line in lines:
        label = line.label.strip()
        if not label:
            problems.append(_("Every budget line needs a label."))
        if line.kind not in BudgetLine.Kind.values:
            problems.append(_("“%(label)s” must be income or an expense.") % {"label": label})
        if line.budget is None or line.budget < 0:
            problems.append(_("The budget of “%(label)s” cannot be negative.") % {"label": label})
        if line.outcome is not None and line.outcome < 0:
            problems.append(_("The outcome of “%(label)s” cannot be negative.") % {"label": label})
        if line.from_fees and line.kind != BudgetLine.Kind.INCOME:
            problems.append(_("The membership fees are an income line."))
        if line.from_fees and line.outcome is not None:
            problems.append(
                _(
                    "The outcome of the membership fees comes from the invoices and the fees; "
                    "leave it empty."
                )
            )
    if sum(1 for line in lines if line.from_fees) > 1:
        problems.append(_("A year has only one membership-fee line."))
    labels = Counter((line.kind, line.label.strip()) for line in lines if line.label.strip())
    for (_kind, label), count in labels.items():
        if count > 1:
            problems.append(_("“%(label)s” appears twice.") % {"label": label})
    if problems:
        raise ValidationError(problems, code="bad_budget_lines")


def _sek(amount: Decimal | None) -> str | None:
    """An amount as the trail stores it: always two decimals, so 750000 equals 750000.00."""
    return None if amount is None else str(Decimal(amount).quantize(Decimal("0.01")))


def _lines_of(financial_year: FinancialYear) -> list[list]:
    return [
        [
            line.kind,
            line.label,
            _sek(line.budget),
            _sek(line.outcome),
        ]
        + (["fees"] if line.from_fees else [])
        for line in financial_year.lines.order_by("-kind", "id")
    ]


def financial_year_save(
    *, financial_year: FinancialYear, lines: list[BudgetLineData], actor, message: str = ""
) -> FinancialYear:
    """Create or correct a financial year with its budget lines, which replace the stored ones."""
    check_budget_lines(lines)

    def replace_lines(saved: FinancialYear) -> None:
        saved.lines.all().delete()
        rows = [
            BudgetLine(
                financial_year=saved,
                kind=line.kind,
                label=line.label.strip(),
                budget=line.budget,
                outcome=line.outcome,
                from_fees=line.from_fees,
            )
            for line in lines
        ]
        for row in rows:
            row.full_clean(exclude=["financial_year"], validate_unique=False)
        BudgetLine.objects.bulk_create(rows)

    with transaction.atomic():
        if financial_year.pk:
            FinancialYear.objects.select_for_update().get(pk=financial_year.pk)
        save_audited(
            obj=financial_year,
            actor=actor,
            message=message,
            state=_year_state,
            children=replace_lines,
            conflict_message=_("There is already a financial year %(year)d.")
            % {"year": financial_year.year},
        )
    return financial_year


def _year_state(financial_year: FinancialYear) -> dict:
    """What the trail compares of a financial year: equity, note and the budget lines."""
    return {
        "opening_equity": _sek(financial_year.opening_equity),
        "note": financial_year.note,
        "lines": _lines_of(financial_year),
    }


def financial_year_delete(*, financial_year: FinancialYear, actor) -> None:
    """Remove a financial year entered by mistake, with its lines; the trail keeps them."""
    with transaction.atomic():
        stored = FinancialYear.objects.select_for_update().get(pk=financial_year.pk)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=stored,
            changes={
                "opening_equity": [_sek(stored.opening_equity), None],
                "lines": [_lines_of(stored), None],
            },
        )
        stored.delete()


# The annual report's own words ---------------------------------------------------------------

SECTION_TEXT_MAX = 20_000


def annual_report_edit(
    *, year: int, texts: dict[str, str], hidden: list[str], actor
) -> AnnualReportEdition:
    """The secretariat's texts of a year's report and the sections it leaves out; every problem
    named, nothing stored with one."""
    from hcs.lib.text import forbidden_character

    sections = dict(AnnualReportEdition.SECTIONS)
    clean = {k: (v or "").strip() for k, v in texts.items() if k in sections and (v or "").strip()}
    problems: dict[str, list[str]] = {}
    for section, text in clean.items():
        if len(text) > SECTION_TEXT_MAX:
            problems[section] = [
                _("%(section)s: at most %(max)d characters.")
                % {"section": sections[section], "max": SECTION_TEXT_MAX}
            ]
        elif forbidden_character(text, multiline=True):
            problems[section] = [
                _("%(section)s: the text contains a character that cannot be used.")
                % {"section": sections[section]}
            ]
    unknown = [h for h in hidden if h not in sections]
    if unknown:
        problems["hidden"] = [_("There is no section %(name)s.") % {"name": ", ".join(unknown)}]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        edition, _created = AnnualReportEdition.objects.select_for_update().get_or_create(year=year)
        before = {"texts": edition.texts, "hidden": edition.hidden}
        edition.texts, edition.hidden = clean, sorted(set(hidden))
        edition.full_clean()
        edition.save()
        changes = {
            name: [before[name], value]
            for name, value in (("texts", edition.texts), ("hidden", edition.hidden))
            if before[name] != value
        }
        audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=edition, changes=changes)
    return edition


def annual_report_publish(*, year: int, actor, publish: bool = True) -> AnnualReportEdition:
    """Publish the year's report (public at /verksamhetsberattelse/<year>/, listed under
    Publikationer), or take it down. Only a year that has ended is published."""
    from django.utils import timezone

    if publish and year >= timezone.localdate().year:
        raise ValidationError(
            _("The report of %(year)d can be published once the year has ended.") % {"year": year},
            code="invalid",
        )
    with transaction.atomic():
        edition, _created = AnnualReportEdition.objects.select_for_update().get_or_create(year=year)
        before = edition.published_at
        edition.published_at = timezone.now() if publish else None
        edition.save(update_fields=["published_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=edition,
            changes={"published": [bool(before), publish]},
        )
    return edition
