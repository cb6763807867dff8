from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicesConfig(AppConfig):
    name = "hcs.invoices"
    verbose_name = _("Invoices and payments")

    def ready(self):
        from hcs.invoices import checks  # noqa: F401 (registers the system checks)
