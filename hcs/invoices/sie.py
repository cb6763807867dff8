"""A bookkeeping year's invoices, credit notes and payments as an SIE 4 file (type 4I: vouchers
for import into the host municipality's books).

Format (SIE 4B/4C): records one per line, CRLF, encoded PC8 (code page 437); text fields quoted
with \\" for a quote; amounts with a decimal point and two decimals, debit positive, credit
negative; every voucher (#VER) balances to zero. Voucher numbers are left for the importing
system to assign. The accounts are settings: the host's chart decides them.
"""

import unicodedata
from datetime import date
from decimal import Decimal

from django.conf import settings

from hcs.invoices.models import Invoice, Payment

PROGRAM = ("Healthy Cities Sverige plattform", "1")
# Characters CP437 lacks, mapped to the nearest it has; anything else loses its accents.
_PC8_REPLACEMENTS = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "’": "'",
        "‘": "'",
        "”": '"',
        "“": '"',
        "€": "EUR",
        "§": "par.",
        "ø": "ö",
        "Ø": "Ö",
    }
)


def _pc8(text: str) -> str:
    text = text.translate(_PC8_REPLACEMENTS)
    out = []
    for char in text:
        if ord(char) < 32 or ord(char) == 127:
            out.append(" ")
            continue
        try:
            char.encode("cp437")
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(plain or "?")
    return "".join(out)


def _quoted(text: str) -> str:
    return '"' + _pc8(text).replace("\\", "/").replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _voucher(
    series: str, day: date, text: str, transactions: list[tuple[str, Decimal]]
) -> list[str]:
    if sum(amount for _, amount in transactions) != 0:
        raise ValueError(f"unbalanced voucher: {text}")
    lines = [f'#VER {_quoted(series)} "" {_day(day)} {_quoted(text[:100])}', "{"]
    lines += [f"#TRANS {account} {{}} {_amount(amount)}" for account, amount in transactions]
    lines.append("}")
    return lines


def sie_export(year: int, *, generated: date) -> bytes:
    """The vouchers of bookkeeping year `year`: invoices and credit notes by invoice date,
    payments by payment date."""
    receivable = settings.ACCOUNT_RECEIVABLE
    bank = settings.ACCOUNT_BANK
    revenue = settings.ACCOUNT_FEE_REVENUE
    internal = settings.ACCOUNT_INTERNAL_TRANSFER
    seller = settings.INVOICE_SELLER
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {_quoted(PROGRAM[0])} {_quoted(PROGRAM[1])}",
        "#FORMAT PC8",
        f"#GEN {_day(generated)}",
        "#SIETYP 4",
        f"#PROSA {_quoted(seller['name'] + f': fakturor och inbetalningar {year}')}",
        f"#ORGNR {seller['org_number']}",
        f"#FNAMN {_quoted(seller['legal_name'])}",
        f"#RAR 0 {year}0101 {year}1231",
        f"#KONTO {receivable} {_quoted('Kundfordringar')}",
        f"#KONTO {bank} {_quoted('Bank')}",
        f"#KONTO {revenue} {_quoted('Medlemsavgifter')}",
        f"#KONTO {internal} {_quoted('Interna överföringar')}",
    ]
    documents = (
        Invoice.objects.filter(issue_date__year=year)
        .select_related("credited_invoice")
        .order_by("issue_date", "number")
    )
    for document in documents:
        amount = document.amount
        if document.internal_transfer:
            # The host's own fee: moved within its books, never a receivable to be paid.
            kind = "Rättelse intern överföring" if document.is_credit_note else "Intern överföring"
            text = f"{kind} {document.number} {document.buyer_name}"
            sign = -1 if document.is_credit_note else 1
            lines += _voucher(
                "F",
                document.issue_date,
                text,
                [(internal, sign * amount), (revenue, -sign * amount)],
            )
        elif document.is_credit_note:
            credited = document.credited_invoice.number
            text = f"Kreditfaktura {document.number} (faktura {credited}) {document.buyer_name}"
            lines += _voucher(
                "F", document.issue_date, text, [(revenue, amount), (receivable, -amount)]
            )
        else:
            text = f"Faktura {document.number} {document.buyer_name}"
            lines += _voucher(
                "F", document.issue_date, text, [(receivable, amount), (revenue, -amount)]
            )
    payments = (
        Payment.objects.filter(paid_on__year=year)
        .select_related("invoice")
        .order_by("paid_on", "id")
    )
    for payment in payments:
        text = f"Inbetalning faktura {payment.invoice.number} {payment.invoice.buyer_name}"
        lines += _voucher(
            "B", payment.paid_on, text, [(bank, payment.amount), (receivable, -payment.amount)]
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp437")
