"""Writes to invoices and payments. An issued invoice is never changed: corrections are credit
notes. Every function validates before writing and writes in one transaction with its audit
entry; a refused write raises ValidationError and changes nothing."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.fees.queries import fee_summary
from hcs.invoices.models import BankImport, Invoice, InvoiceSeries, Payment
from hcs.invoices.rules import ocr_for, ocr_is_valid
from hcs.lib.money import format_sek
from hcs.organisations.models import Organisation

SERIES = "F"


def _swedish(message: str, **params) -> str:
    """Text printed on an invoice: always Swedish, whoever generates it."""
    with translation.override("sv"):
        return _(message) % params


@dataclass
class GenerateReport:
    created: list[Invoice] = field(default_factory=list)
    existing: int = 0
    not_computable: list[str] = field(default_factory=list)


def _take_numbers(count: int) -> list[int]:
    """Reserve `count` consecutive numbers of the one series (its row is locked until commit)."""
    series, _created = InvoiceSeries.objects.select_for_update().get_or_create(name=SERIES)
    numbers = list(range(series.next_number, series.next_number + count))
    series.next_number += count
    series.save(update_fields=["next_number"])
    return numbers


def _buyer(organisation: Organisation) -> dict:
    return {
        "buyer_name": organisation.name,
        "buyer_org_number": organisation.org_number,
        "buyer_reference": organisation.invoice_reference or organisation.name,
    }


def invoices_generate(*, year: int, actor, issue_date: date | None = None) -> GenerateReport:
    """One invoice per member for `year`'s fee. Idempotent: members already invoiced for the
    year are counted as existing, and the database refuses a duplicate even from a
    concurrent run (which waits for the series lock, then finds the invoices made)."""
    issue_date = issue_date or timezone.localdate()
    report = GenerateReport()
    with transaction.atomic():
        InvoiceSeries.objects.get_or_create(name=SERIES)
        # Lock the series first: a second run waits here, then sees what the first created.
        InvoiceSeries.objects.select_for_update().get(name=SERIES)
        summary = fee_summary(year)
        invoiced = set(
            Invoice.objects.filter(year=year, kind=Invoice.Kind.INVOICE).values_list(
                "organisation__code", flat=True
            )
        )
        pending = [line for line in summary.lines if line.code not in invoiced]
        due = [line for line in pending if line.fee]
        report.existing = len(summary.lines) - len(pending)
        # A municipality without a population figure gets no invoice until it has one.
        report.not_computable = [line.name for line in pending if line.fee is None]
        organisations = Organisation.objects.in_bulk([line.code for line in due], field_name="code")
        numbers = _take_numbers(len(due))
        for number, line in zip(numbers, due, strict=True):
            organisation = organisations[line.code]
            invoice = Invoice(
                number=number,
                kind=Invoice.Kind.INVOICE,
                organisation=organisation,
                year=year,
                description=_swedish(gettext_noop("Membership fee %(year)d"), year=year),
                amount=Decimal(line.fee),
                ocr=ocr_for(number),
                issue_date=issue_date,
                due_date=issue_date + timedelta(days=settings.INVOICE_PAYMENT_DAYS),
                created_by=actor if hasattr(actor, "pk") else None,
                **_buyer(organisation),
            )
            invoice.full_clean()
            invoice.save()
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=invoice,
                changes={"amount": [None, str(invoice.amount)], "ocr": [None, invoice.ocr]},
                message=f"Fee invoice {year}",
            )
            report.created.append(invoice)
    return report


def credited_total(invoice: Invoice) -> Decimal:
    return invoice.credit_notes.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def invoice_credit(
    *, invoice: Invoice, actor, reason: str, amount: Decimal | None = None, issue_date=None
) -> Invoice:
    """A credit note for all or part of an invoice: the only way to correct one."""
    with transaction.atomic():
        InvoiceSeries.objects.get_or_create(name=SERIES)
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.is_credit_note:
            raise ValidationError(_("A credit note cannot be credited."), code="conflict")
        remaining = invoice.amount - credited_total(invoice)
        amount = remaining if amount is None else Decimal(amount)
        if remaining <= 0:
            raise ValidationError(
                _("Invoice %(number)d is already credited in full.") % {"number": invoice.number},
                code="conflict",
            )
        if amount <= 0 or amount > remaining:
            raise ValidationError(
                _("The credit must be more than 0 and at most %(remaining)s.")
                % {"remaining": format_sek(remaining)},
                code="invalid_amount",
            )
        if not reason.strip():
            raise ValidationError(_("Say why the invoice is credited."), code="required")
        issue_date = issue_date or timezone.localdate()
        [number] = _take_numbers(1)
        credit = Invoice(
            number=number,
            kind=Invoice.Kind.CREDIT_NOTE,
            organisation=invoice.organisation,
            year=invoice.year,
            description=_swedish(
                gettext_noop("Credit of invoice %(number)d"), number=invoice.number
            ),
            amount=amount,
            ocr=ocr_for(number),
            issue_date=issue_date,
            due_date=issue_date,
            buyer_name=invoice.buyer_name,
            buyer_org_number=invoice.buyer_org_number,
            buyer_reference=invoice.buyer_reference,
            credited_invoice=invoice,
            reason=reason.strip(),
            created_by=actor if hasattr(actor, "pk") else None,
        )
        credit.full_clean()
        credit.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=credit,
            changes={"amount": [None, str(amount)], "credits": [None, invoice.number]},
            message=reason.strip()[:300],
        )
    return credit


def _check_payment(invoice: Invoice | None, ocr: str, amount: Decimal, paid_on: date) -> None:
    if invoice is None:
        raise ValidationError(
            _("No invoice has the OCR reference %(ocr)s.") % {"ocr": ocr}, code="unknown_ocr"
        )
    if invoice.is_credit_note:
        raise ValidationError(
            _("%(ocr)s is a credit note, not an invoice.") % {"ocr": ocr}, code="credit_note"
        )
    if amount <= 0:
        raise ValidationError(_("The amount must be more than 0."), code="invalid_amount")
    if paid_on > timezone.localdate():
        raise ValidationError(_("The payment date is in the future."), code="future_date")


def payment_register(
    *, ocr: str, amount: Decimal, paid_on: date, actor, note: str = "", bank_import=None
) -> Payment:
    """Register a payment against the invoice with OCR reference `ocr` (partial payments too)."""
    ocr = ocr.strip()
    amount = Decimal(amount)
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().filter(ocr=ocr).first()
        _check_payment(invoice, ocr, amount, paid_on)
        payment = Payment(
            invoice=invoice,
            amount=amount,
            paid_on=paid_on,
            source=Payment.Source.BANK_FILE if bank_import else Payment.Source.MANUAL,
            bank_import=bank_import,
            note=note,
            created_by=actor if hasattr(actor, "pk") else None,
        )
        payment.full_clean()
        payment.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=payment,
            changes={"amount": [None, str(amount)], "paid_on": [None, paid_on.isoformat()]},
            message=f"Payment of invoice {invoice.number}",
        )
    return payment


@dataclass(frozen=True)
class BankRow:
    line: int
    ocr: str
    amount: Decimal
    paid_on: date


class BankFileError(ValidationError):
    """A bank file refused whole; `problems` names every bad row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems, code="bad_bank_file")


_AMOUNT = re.compile(r"^-?\d{1,3}(?:[ \u00a0]?\d{3})*(?:[.,]\d{1,2})?$")


def _amount(raw: str) -> Decimal | None:
    raw = raw.strip().replace("kr", "").strip()
    if not _AMOUNT.match(raw):
        return None
    try:
        return Decimal(raw.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        return None


def bank_file_parse(text: str) -> list[BankRow]:
    """Read a bank file: CSV with the columns ocr, amount and date (YYYY-MM-DD); ";" or ","
    separated, Swedish decimal commas allowed. Any bad row refuses the whole file, naming it."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise BankFileError([_("The file is empty.")])
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = {(c or "").strip().lower() for c in reader.fieldnames or []}
    missing = {"ocr", "amount", "date"} - columns
    if missing:
        raise BankFileError(
            [_("The file lacks the columns: %(names)s.") % {"names": ", ".join(sorted(missing))}]
        )
    known = set(Invoice.objects.filter(kind=Invoice.Kind.INVOICE).values_list("ocr", flat=True))
    rows, problems = [], []
    for line, record in enumerate(reader, start=2):
        record = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()}
        row_problems = []
        ocr = record.get("ocr", "")
        if not ocr_is_valid(ocr):
            row_problems.append(_("%(ocr)r is not a valid OCR reference") % {"ocr": ocr})
        elif ocr not in known:
            row_problems.append(_("no invoice has the OCR reference %(ocr)s") % {"ocr": ocr})
        amount = _amount(record.get("amount", ""))
        if amount is None or amount <= 0:
            row_problems.append(
                _("the amount %(value)r is not a positive sum") % {"value": record.get("amount")}
            )
        try:
            paid_on = date.fromisoformat(record.get("date", ""))
        except ValueError:
            paid_on = None
            row_problems.append(
                _("the date %(value)r is not YYYY-MM-DD") % {"value": record.get("date")}
            )
        if paid_on and paid_on > timezone.localdate():
            row_problems.append(_("the date %(value)s is in the future") % {"value": paid_on})
        if row_problems:
            problems.append(
                _("Row %(line)d: %(problems)s.")
                % {"line": line, "problems": "; ".join(row_problems)}
            )
        else:
            rows.append(BankRow(line=line, ocr=ocr, amount=amount, paid_on=paid_on))
    if problems:
        raise BankFileError(problems)
    if not rows:
        raise BankFileError([_("The file has no payments.")])
    return rows


def bank_file_import(*, rows: list[BankRow], filename: str, actor) -> BankImport:
    """Register every payment of a parsed bank file, all in one transaction."""
    with transaction.atomic():
        batch = BankImport.objects.create(
            filename=filename[:200],
            imported_by=actor if hasattr(actor, "pk") else None,
            rows=len(rows),
            total=sum((row.amount for row in rows), Decimal(0)),
        )
        for row in rows:
            payment_register(
                ocr=row.ocr, amount=row.amount, paid_on=row.paid_on, actor=actor, bank_import=batch
            )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.IMPORT,
            obj=batch,
            changes={"rows": [None, len(rows)], "total": [None, str(batch.total)]},
        )
    return batch
