"""Writes to invoices and payments. An issued invoice is never changed: corrections are credit
notes. Every function validates before writing and writes in one transaction with its audit
entry; a refused write raises ValidationError and changes nothing."""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hcs.audit.models import AuditEntry
from hcs.audit.services import audit_record
from hcs.fees.queries import fee_summary
from hcs.invoices.models import BankImport, Invoice, InvoiceSeries, Payment
from hcs.invoices.queries import invoice_rows
from hcs.invoices.rules import is_host, ocr_for, ocr_is_valid
from hcs.lib.dates import format_date
from hcs.lib.money import format_sek
from hcs.lib.params import parse_amount, parse_date
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


@dataclass(frozen=True)
class ToInvoice:
    """A year's members still to invoice, and how many already are (`members_to_invoice`)."""

    pending: list  # fee lines (hcs.fees.queries) of members without the year's invoice
    existing: int

    @property
    def due(self) -> list:
        return [line for line in self.pending if line.fee]

    @property
    def not_computable(self) -> list:
        """Members without a population figure: no invoice until they have one."""
        return [line for line in self.pending if line.fee is None]

    @property
    def total(self) -> int:
        return sum(line.fee for line in self.due)


def members_to_invoice(year: int) -> ToInvoice:
    """The one decision of who is still to invoice for `year`: the preview and the run both
    ask here. The year must have a fee schedule (FeeScheduleMissing otherwise)."""
    summary = fee_summary(year)
    invoiced = set(
        Invoice.objects.filter(year=year, kind=Invoice.Kind.INVOICE).values_list(
            "organisation__code", flat=True
        )
    )
    pending = [line for line in summary.lines if line.code not in invoiced]
    return ToInvoice(pending=pending, existing=len(summary.lines) - len(pending))


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
        to_invoice = members_to_invoice(year)
        due = to_invoice.due
        report.existing = to_invoice.existing
        report.not_computable = [line.name for line in to_invoice.not_computable]
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
                internal_transfer=is_host(organisation.org_number),
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
        if not amount.is_finite():
            raise ValidationError(_("Enter an amount such as 29 250 or 29250,50."), code="invalid")
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
            internal_transfer=invoice.internal_transfer,
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


def _check_payment(invoice: Invoice | None, ocr: str, amount: Decimal, paid_on: date) -> Invoice:
    """The invoice a payment may be booked against; a ValidationError when there is none."""
    if invoice is None:
        raise ValidationError(
            _("No invoice has the OCR reference %(ocr)s.") % {"ocr": ocr}, code="unknown_ocr"
        )
    if invoice.is_credit_note:
        raise ValidationError(
            _("%(ocr)s is a credit note, not an invoice.") % {"ocr": ocr}, code="credit_note"
        )
    if invoice.internal_transfer:
        raise ValidationError(
            _(
                "Invoice %(number)d is an internal transfer within the host's own books; "
                "no payment is registered for it."
            )
            % {"number": invoice.number},
            code="internal_transfer",
        )
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(_("The amount must be more than 0."), code="invalid_amount")
    if paid_on > timezone.localdate():
        raise ValidationError(_("The payment date is in the future."), code="future_date")
    [row] = invoice_rows(Invoice.objects.filter(pk=invoice.pk), timezone.localdate())
    if row.outstanding <= 0:
        raise ValidationError(
            _("Invoice %(number)d is already paid in full; the payment is not registered.")
            % {"number": invoice.number},
            code="conflict",
        )
    if amount > row.outstanding:
        raise ValidationError(
            _(
                "%(amount)s is more than the %(outstanding)s outstanding on invoice %(number)d; "
                "the payment is not registered."
            )
            % {
                "amount": format_sek(amount),
                "outstanding": format_sek(row.outstanding),
                "number": invoice.number,
            },
            code="conflict",
        )
    return invoice


def payment_register(
    *,
    ocr: str,
    amount: Decimal,
    paid_on: date,
    actor,
    note: str = "",
    bank_import=None,
    bank_identity: str = "",
) -> Payment:
    """Register a payment against the invoice with OCR reference `ocr` (partial payments too).
    Refused for an invoice with nothing outstanding, or more than is outstanding: nothing is
    booked twice."""
    ocr = ocr.strip()
    amount = Decimal(amount)
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().filter(ocr=ocr).first()
        invoice = _check_payment(invoice, ocr, amount, paid_on)
        payment = Payment(
            invoice=invoice,
            amount=amount,
            paid_on=paid_on,
            source=Payment.Source.BANK_FILE if bank_import else Payment.Source.MANUAL,
            bank_import=bank_import,
            bank_identity=bank_identity,
            note=note,
            created_by=actor if hasattr(actor, "pk") else None,
        )
        payment.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                payment.save()
        except IntegrityError as error:  # the same bank payment, booked at the same moment
            raise ValidationError(
                _("This bank payment is already booked."), code="conflict"
            ) from error
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
    reference: str = ""

    @property
    def identity(self) -> str:
        """The payment's identity: its OCR reference, amount and date, with the bank's own
        reference for it when the file has one (two equal payments on one day are then two).
        A payment with the same identity is the same payment."""
        return bank_identity(self.ocr, self.amount, self.paid_on, self.reference)


def bank_identity(ocr: str, amount: Decimal, paid_on: date, reference: str = "") -> str:
    """See BankRow.identity (migration 0003 gives the payments booked before it theirs)."""
    key = f"row:{ocr}:{amount:.2f}:{paid_on.isoformat()}"
    if reference:
        key = f"ref:{reference}:{key}"
    return hashlib.sha256(key.encode()).hexdigest()


class BankFileError(ValidationError):
    """A bank file refused whole; `problems` names every bad row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems, code="bad_bank_file")


# The columns a bank file must have, and the optional column with the bank's own reference.
REQUIRED_COLUMNS = ("ocr", "amount", "date")
# Not "id": many exports number their rows so, anew in each file.
REFERENCE_COLUMNS = ("reference", "referens", "bank_reference")
MAX_FIELD = 200  # characters in one field; a longer one is not a payment
DELIMITERS = ";,\t"


def _delimiter(header: str) -> str | None:
    """The separator of a bank file, read off its header row: the one that splits it into
    the required columns."""
    for delimiter in DELIMITERS:
        columns = {c.strip().strip('"').lower() for c in header.split(delimiter)}
        if set(REQUIRED_COLUMNS) <= columns:
            return delimiter
    return None


def _problem(line: int, problems: list[str]) -> str:
    return _("Row %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}


def bank_file_parse(text: str) -> list[BankRow]:
    """Read a bank file: CSV with the columns ocr, amount and date (YYYY-MM-DD), optionally the
    bank's reference; ";", "," or tab separated, Swedish decimal commas allowed. Any bad row
    refuses the whole file, naming it; so does the same payment twice in one file."""
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise BankFileError([_("The file is not a text (CSV) file.")])
    if not text.strip():
        raise BankFileError([_("The file is empty.")])
    header = text.lstrip().splitlines()[0]
    delimiter = _delimiter(header)
    if delimiter is None:
        raise BankFileError(
            [
                _(
                    "The first row must name the columns ocr, amount and date, separated by "
                    "; or , (it reads: %(header)s)."
                )
                % {"header": header[:80]}
            ]
        )
    reader = csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter)
    columns = [c.strip().lower() for c in next(reader)]
    reference_column = next((c for c in REFERENCE_COLUMNS if c in columns), None)
    known = set(Invoice.objects.filter(kind=Invoice.Kind.INVOICE).values_list("ocr", flat=True))
    rows: list[BankRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    line = 1
    while True:
        line += 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(_problem(line, [_("it cannot be read (%(error)s)") % {"error": error}]))
            break
        if not any(value.strip() for value in values):
            continue  # a blank row
        if any(len(value) > MAX_FIELD for value in values):
            problems.append(
                _problem(
                    line, [_("a field is longer than %(max)d characters") % {"max": MAX_FIELD}]
                )
            )
            continue
        record = dict(zip(columns, (value.strip() for value in values), strict=False))
        row, row_problems = _bank_row(line, record, reference_column, known)
        if row is not None:
            # In one file, a bank reference names one payment.
            key = f"ref:{row.reference}" if row.reference else row.identity
            earlier = seen.setdefault(key, line)
            if earlier != line:
                row_problems.append(_("the same payment as row %(earlier)d") % {"earlier": earlier})
        if row_problems:
            problems.append(_problem(line, row_problems))
        elif row is not None:
            rows.append(row)
    if problems:
        raise BankFileError(problems)
    if not rows:
        raise BankFileError([_("The file has no payments.")])
    return rows


def _bank_row(line: int, record: dict, reference_column, known: set) -> tuple:
    problems = []
    ocr = record.get("ocr", "")
    if not ocr_is_valid(ocr):
        problems.append(_("%(ocr)r is not a valid OCR reference") % {"ocr": ocr[:30]})
    elif ocr not in known:
        problems.append(_("no invoice has the OCR reference %(ocr)s") % {"ocr": ocr})
    try:
        amount = parse_amount(record.get("amount", ""))
    except ValidationError:
        amount = None
        problems.append(
            _("the amount %(value)r is not a positive sum") % {"value": record.get("amount", "")}
        )
    try:
        paid_on = parse_date(record.get("date", ""))
    except ValidationError:
        paid_on = None
        problems.append(_("the date %(value)r is not YYYY-MM-DD") % {"value": record.get("date")})
    if paid_on and paid_on > timezone.localdate():
        problems.append(_("the date %(value)s is in the future") % {"value": paid_on})
    if problems:
        return None, problems
    # Each of them is None only after a problem was added.
    assert amount is not None and paid_on is not None
    reference = record.get(reference_column, "") if reference_column else ""
    return BankRow(line=line, ocr=ocr, amount=amount, paid_on=paid_on, reference=reference), []


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass
class BankImportReport:
    batch: BankImport
    imported: int
    already_booked: list[int]  # the file's rows whose payment was booked before


def bank_file_import(
    *, rows: list[BankRow], filename: str, actor, content: bytes
) -> BankImportReport:
    """Register every payment of a parsed bank file, all in one transaction. A file imported
    before is refused (known by its content); a payment booked before (known by its identity,
    from an earlier file that overlaps this one) is skipped and reported; any other refused
    payment refuses the whole file, naming its row."""
    digest = content_hash(content)
    with transaction.atomic():
        earlier = BankImport.objects.select_related("imported_by").filter(content_hash=digest)
        if earlier.exists():
            raise _already_imported(earlier.first())
        booked = set(
            Payment.objects.filter(bank_identity__in=[row.identity for row in rows]).values_list(
                "bank_identity", flat=True
            )
        )
        new = [row for row in rows if row.identity not in booked]
        batch = BankImport(
            filename=filename[:200],
            content_hash=digest,
            imported_by=actor if hasattr(actor, "pk") else None,
            rows=len(new),
            total=sum((row.amount for row in new), Decimal(0)),
        )
        try:
            with transaction.atomic():
                batch.save()
        except IntegrityError:  # the same file, imported at the same moment
            raise _already_imported(
                BankImport.objects.filter(content_hash=digest).first()
            ) from None
        problems = []
        for row in new:
            try:
                with transaction.atomic():
                    payment_register(
                        ocr=row.ocr,
                        amount=row.amount,
                        paid_on=row.paid_on,
                        actor=actor,
                        bank_import=batch,
                        bank_identity=row.identity,
                    )
            except ValidationError as error:
                problems.append(_problem(row.line, error.messages))
        if problems:
            raise BankFileError(problems)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.IMPORT,
            obj=batch,
            changes={"rows": [None, len(new)], "total": [None, str(batch.total)]},
            message=f"{len(rows) - len(new)} already booked",
        )
    return BankImportReport(
        batch=batch,
        imported=len(new),
        already_booked=[row.line for row in rows if row.identity in booked],
    )


def _already_imported(batch: BankImport | None) -> ValidationError:
    if batch is None:
        return ValidationError(_("This file has already been imported."), code="conflict")
    return BankFileError(
        [
            _("This file has already been imported, on %(date)s by %(who)s; nothing was imported.")
            % {
                "date": format_date(batch.imported_at),
                "who": batch.imported_by.get_username() if batch.imported_by else _("someone"),
            }
        ]
    )
