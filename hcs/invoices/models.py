from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hcs.organisations.models import Organisation


class InvoiceSeries(models.Model):
    """The one number series of invoices and credit notes. Its row is locked while numbering,
    so two runs at the same time cannot take the same number and the series has no gaps."""

    name = models.CharField(max_length=20, unique=True)
    next_number = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("invoice number series")
        verbose_name_plural = _("invoice number series")

    def __str__(self) -> str:
        return f"{self.name}: {self.next_number}"


class Invoice(models.Model):
    """An issued invoice or credit note. Never edited or deleted: a correction is a credit note.

    The buyer's details are copied at issue, so the document stays what was sent.
    """

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    number = models.PositiveIntegerField(_("number"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.PROTECT, related_name="invoices"
    )
    year = models.PositiveSmallIntegerField(_("fee year"))
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (SEK)"), max_digits=12, decimal_places=2)
    ocr = models.CharField(_("OCR reference"), max_length=25, unique=True)
    issue_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"))
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_org_number = models.CharField(_("buyer's organisation number"), max_length=11, blank=True)
    buyer_reference = models.CharField(_("buyer's reference"), max_length=100)
    credited_invoice = models.ForeignKey(
        "self",
        verbose_name=_("credits invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # The buyer is the host municipality, the same legal entity as the seller (it keeps the
    # network's accounts): its fee is booked as an internal transfer, documented by a plain
    # document, never sent as an e-invoice (rules.is_host).
    internal_transfer = models.BooleanField(_("internal transfer"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-number"]
        constraints = [
            # Generating a year's invoices twice, or twice at once, creates no duplicates.
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(kind="invoice"),
                name="invoice_one_fee_invoice_per_member_and_year",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_amount_positive"),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("issue_date")), name="invoice_due_on_or_after_issue"
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", credited_invoice__isnull=True)
                | Q(kind="credit_note", credited_invoice__isnull=False),
                name="invoice_credit_note_names_its_invoice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} {self.buyer_name}"

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE


class BankImport(models.Model):
    """One bank file, imported whole or not at all, and known by its content: the same file
    is never imported twice."""

    filename = models.CharField(_("file"), max_length=200)
    content_hash = models.CharField(
        _("content (SHA-256)"), max_length=64, blank=True, default="", editable=False
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows = models.PositiveIntegerField(_("rows"))
    total = models.DecimalField(_("total (SEK)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("bank file")
        verbose_name_plural = _("bank files")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=~Q(content_hash=""),
                name="bank_file_imported_once",
                violation_error_message=_("This file has already been imported."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%Y-%m-%d})"


class Payment(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Registered by hand")
        BANK_FILE = "bank_file", _("Bank file")

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(_("amount (SEK)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    bank_import = models.ForeignKey(
        BankImport, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    # A bank payment's identity: its bank reference, or else its OCR, amount and date (a hash).
    # The same payment in two files is booked once.
    bank_identity = models.CharField(
        _("bank identity"), max_length=64, blank=True, default="", editable=False
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal(0)), name="payment_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["bank_identity"],
                condition=~Q(bank_identity=""),
                name="payment_booked_once_from_the_bank",
                violation_error_message=_("This bank payment is already booked."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount} → {self.invoice.number}"
