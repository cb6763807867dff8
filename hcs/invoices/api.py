from datetime import date
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from hcs.accounts.access import member_organisation, secretariat_may, secretariat_must
from hcs.accounts.auth import PersonalToken, StaffToken
from hcs.invoices.models import Invoice
from hcs.invoices.pdf import invoice_pdf
from hcs.invoices.peppol import invoice_xml
from hcs.invoices.queries import invoice_rows
from hcs.invoices.services import invoices_generate, payment_register
from hcs.lib.api import Amount, Day, Id, Line, Year, errors, file_response

router = Router(tags=["invoices"], auth=StaffToken())


class GeneratedOut(Schema):
    created: int
    existing: int


class InvoiceOut(Schema):
    number: int
    kind: str
    organisation_code: str
    amount_sek: Decimal
    ocr: str
    status: str
    issue_date: date
    due_date: date


class PaymentIn(Schema):
    ocr: Line
    amount_sek: Amount
    date: Day


class PaymentOut(Schema):
    invoice_number: int
    amount_sek: Decimal
    date: date
    status: str


def _invoice(number: int) -> Invoice:
    invoice = Invoice.objects.select_related("organisation", "credited_invoice").filter(
        number=number
    )
    if not invoice:
        raise Http404(_("There is no invoice number %(number)d.") % {"number": number})
    return invoice[0]


def _visible_invoice(user, number: int) -> Invoice:
    """The invoice if `user` may see it: the secretariat, or a member contact of the invoiced
    organisation. For anyone else it does not exist (404): no number is confirmed."""
    if secretariat_may(user, "invoices.view_invoice"):
        return _invoice(number)
    organisation = member_organisation(user)
    invoice = Invoice.objects.select_related("organisation", "credited_invoice").filter(
        number=number, organisation=organisation
    )
    if organisation is None or not invoice:
        raise Http404(_("There is no invoice number %(number)d.") % {"number": number})
    return invoice[0]


@router.post(
    "/fees/{year}/invoices",
    response={201: GeneratedOut, **errors(401, 403, 404, 422)},
)
def generate_invoices(request, year: Year):
    """Invoice every member the year's fee. Idempotent: a second call creates nothing."""
    secretariat_must(request.user, "invoices.add_invoice")
    report = invoices_generate(year=year, actor=request.user)
    return Status(201, {"created": len(report.created), "existing": report.existing})


@router.get("/invoices", response={200: list[InvoiceOut], **errors(401, 403, 422)})
def list_invoices(request, year: Year | None = None):
    """Invoices and credit notes with their status (issued, partly_paid, paid, overdue, …)."""
    secretariat_must(request.user, "invoices.view_invoice")
    queryset = Invoice.objects.order_by("number")
    if year is not None:
        queryset = queryset.filter(year=year)
    return invoice_list(queryset)


def invoice_list(queryset) -> list[dict]:
    """Invoices in the shape of `GET /invoices` (also `GET /me/invoices`)."""
    return [
        {
            "number": row.invoice.number,
            "kind": row.invoice.kind,
            "organisation_code": row.invoice.organisation.code,
            "amount_sek": row.invoice.amount,
            "ocr": row.invoice.ocr,
            "status": row.status,
            "issue_date": row.invoice.issue_date,
            "due_date": row.invoice.due_date,
        }
        for row in invoice_rows(queryset, timezone.localdate())
    ]


@router.get(
    "/invoices/{number}.pdf",
    auth=[StaffToken(), PersonalToken(), django_auth],
    response=errors(401, 404, 422),
    openapi_extra=file_response("application/pdf", "The invoice as PDF"),
)
def get_invoice_pdf(request, number: Id):
    """The invoice as PDF, in Swedish. For the secretariat, and for a member contact of the
    invoiced organisation (a session or a personal token); anyone else gets 404."""
    invoice = _visible_invoice(request.user, number)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="faktura-{number}.pdf"'
    return response


@router.get(
    "/invoices/{number}.xml",
    auth=[StaffToken(), PersonalToken(), django_auth],
    response=errors(401, 404, 422),
    openapi_extra=file_response("application/xml", "Peppol BIS Billing 3.0 UBL XML"),
)
def get_invoice_xml(request, number: Id):
    """The invoice as Peppol BIS Billing 3.0 (UBL 2.1) XML; who may have it: as the PDF."""
    invoice = _visible_invoice(request.user, number)
    response = HttpResponse(invoice_xml(invoice), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="faktura-{number}.xml"'
    return response


@router.post("/payments", response={201: PaymentOut, **errors(400, 401, 403, 409, 413, 422)})
def register_payment(request, payload: PaymentIn):
    """Register a payment, matched to its invoice by OCR reference."""
    secretariat_must(request.user, "invoices.add_payment")
    payment = payment_register(
        ocr=payload.ocr, amount=payload.amount_sek, paid_on=payload.date, actor=request.user
    )
    [row] = invoice_rows(Invoice.objects.filter(pk=payment.invoice_id), timezone.localdate())
    return Status(
        201,
        {
            "invoice_number": payment.invoice.number,
            "amount_sek": payment.amount,
            "date": payment.paid_on,
            "status": row.status,
        },
    )
