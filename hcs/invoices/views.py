"""The secretariat's invoicing pages. Thin: every write goes through hcs.invoices.services."""

from collections import Counter
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts.access import secretariat_required
from hcs.fees.models import FeeSchedule
from hcs.invoices.forms import BankFileForm, CreditForm, PaymentForm
from hcs.invoices.models import Invoice
from hcs.invoices.pdf import invoice_pdf
from hcs.invoices.peppol import invoice_xml
from hcs.invoices.queries import invoice_rows
from hcs.invoices.rules import Status
from hcs.invoices.services import (
    BankFileError,
    bank_file_import,
    bank_file_parse,
    invoice_credit,
    invoices_generate,
    members_to_invoice,
    payment_register,
)
from hcs.invoices.sie import sie_export
from hcs.lib.errors import messages_of
from hcs.lib.params import year_param

VIEW = "invoices.view_invoice"


def _invoice(number: int) -> Invoice:
    invoice = (
        Invoice.objects.select_related("organisation", "credited_invoice")
        .filter(number=number)
        .first()
    )
    if invoice is None:
        raise Http404(_("There is no invoice number %(number)d.") % {"number": number})
    return invoice


@secretariat_required(VIEW)
@require_GET
def invoice_list(request):
    year = year_param(request, default=timezone.localdate().year)
    status = request.GET.get("status", "")
    rows = invoice_rows(Invoice.objects.filter(year=year).order_by("number"), timezone.localdate())
    counts = Counter(row.status for row in rows)
    invoices = [row for row in rows if not row.invoice.is_credit_note]
    totals = {
        "invoiced": sum((row.invoice.amount - row.credited for row in invoices), Decimal(0)),
        "paid": sum((row.settled for row in invoices), Decimal(0)),
        "outstanding": sum((row.outstanding for row in invoices), Decimal(0)),
    }
    shown = [row for row in rows if not status or row.status == status]
    return render(
        request,
        "invoices/list.html",
        {
            "year": year,
            "rows": shown,
            "counts": counts,
            "totals": totals,
            "status": status,
            "statuses": Status.choices,
            "has_schedule": FeeSchedule.objects.filter(year=year).exists(),
        },
    )


@secretariat_required("invoices.add_invoice")
@require_http_methods(["GET", "POST"])
def generate(request, year: int):
    """The preview of a year's invoices; issuing them is the POST of the same page. A year
    without fees says so, with the way to set them."""
    if not FeeSchedule.objects.filter(year=year).exists():
        return render(
            request,
            "invoices/generate.html",
            {"year": year, "no_schedule": True},
            status=409 if request.method == "POST" else 200,
        )
    if request.method == "POST":
        report = invoices_generate(year=year, actor=request.user)
        messages.success(
            request,
            _("%(created)d invoices issued, %(existing)d already existed.")
            % {"created": len(report.created), "existing": report.existing},
        )
        for name in report.not_computable:
            messages.error(
                request, _("No invoice for %(name)s: its population is unknown.") % {"name": name}
            )
        return redirect(f"{reverse('invoices:list')}?ar={year}")
    to_invoice = members_to_invoice(year)
    return render(
        request,
        "invoices/generate.html",
        {
            "year": year,
            "pending": to_invoice.pending,
            "due": to_invoice.due,
            "existing": to_invoice.existing,
            "total": to_invoice.total,
        },
    )


@secretariat_required(VIEW)
@require_GET
def invoice_detail(request, number: int):
    invoice = _invoice(number)
    [row] = invoice_rows(Invoice.objects.filter(pk=invoice.pk), timezone.localdate())
    return render(
        request,
        "invoices/detail.html",
        {
            "row": row,
            "invoice": invoice,
            "payments": invoice.payments.order_by("paid_on"),
            "credit_notes": invoice.credit_notes.order_by("number"),
            "payment_form": PaymentForm(initial={"paid_on": timezone.localdate()}),
            "credit_form": CreditForm(),
        },
    )


@secretariat_required("invoices.add_payment")
@require_POST
def register_payment(request, number: int):
    invoice = _invoice(number)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payment_register(
                ocr=invoice.ocr,
                amount=form.cleaned_data["amount"],
                paid_on=form.cleaned_data["paid_on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The payment was registered."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("invoices:detail", number)


@secretariat_required("invoices.add_invoice")
@require_POST
def credit(request, number: int):
    invoice = _invoice(number)
    form = CreditForm(request.POST)
    if form.is_valid():
        try:
            note = invoice_credit(
                invoice=invoice,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(
                request, _("Credit note %(number)d was issued.") % {"number": note.number}
            )
            return redirect("invoices:detail", note.number)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("invoices:detail", number)


@secretariat_required(VIEW)
@require_GET
def sie(request, year: int):
    """The bookkeeping year's invoices and payments for the host municipality's accounts."""
    response = HttpResponse(
        sie_export(year, generated=timezone.localdate()), content_type="text/plain; charset=cp437"
    )
    response["Content-Disposition"] = f'attachment; filename="healthy-cities-{year}.si"'
    return response


@secretariat_required(VIEW)
@require_GET
def pdf(request, number: int):
    response = HttpResponse(invoice_pdf(_invoice(number)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="faktura-{number}.pdf"'
    return response


@secretariat_required(VIEW)
@require_GET
def xml(request, number: int):
    invoice = _invoice(number)
    try:
        content = invoice_xml(invoice)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
        return redirect("invoices:detail", number)
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="faktura-{number}.xml"'
    return response


@secretariat_required("invoices.add_payment")
@require_http_methods(["GET", "POST"])
def bank_file(request):
    form = BankFileForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = bank_file_parse(form.text)
        except BankFileError as error:
            problems = error.problems
        else:
            try:
                report = bank_file_import(
                    rows=rows,
                    filename=form.cleaned_data["file"].name,
                    content=form.content,
                    actor=request.user,
                )
            except ValidationError as error:
                problems = getattr(error, "problems", None) or messages_of(error)
            else:
                messages.success(
                    request, _("%(rows)d payments imported.") % {"rows": report.imported}
                )
                if report.already_booked:
                    messages.info(
                        request,
                        _("Already booked from an earlier file, so skipped: rows %(rows)s.")
                        % {"rows": ", ".join(str(line) for line in report.already_booked)},
                    )
                return redirect("invoices:bank_file")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "invoices/bank_file.html", {"form": form, "problems": problems}, status=status
    )
