from django.contrib import admin

from hcs.invoices.models import BankImport, Invoice, Payment
from hcs.lib.admin import BaseAdmin


class ReadOnlyAdmin(BaseAdmin):
    """Issued invoices and registered payments are records: seen here, written by the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "buyer_name", "year", "amount", "issue_date", "due_date"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "ocr", "buyer_name", "organisation__code"]
    list_select_related = ["organisation"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["paid_on", "amount", "invoice", "source"]
    list_filter = ["source", "paid_on"]
    search_fields = ["invoice__number", "invoice__ocr", "invoice__buyer_name"]
    list_select_related = ["invoice"]


@admin.register(BankImport)
class BankImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "imported_at", "rows", "total"]
