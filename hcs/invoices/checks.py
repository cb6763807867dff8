"""Configuration problems of invoicing, as system checks with stable ids."""

from django.conf import settings
from django.core.checks import Warning, register
from stdnum.se import orgnr


@register()
def invoice_seller_configured(app_configs, **kwargs):
    problems = []
    seller = settings.INVOICE_SELLER
    if not settings.DEBUG and not seller["bankgiro"]:
        problems.append(
            Warning(
                "INVOICE_BANKGIRO is not set: invoices say the bankgiro number is missing.",
                hint="Set INVOICE_BANKGIRO to the host municipality's bankgiro for the network.",
                id="hcs.W001",
            )
        )
    if not orgnr.is_valid(seller["org_number"]):
        problems.append(
            Warning(
                f"INVOICE_SELLER_ORG_NUMBER {seller['org_number']!r} is not a valid organisation "
                "number: the Peppol XML cannot address the seller.",
                id="hcs.W002",
            )
        )
    return problems
