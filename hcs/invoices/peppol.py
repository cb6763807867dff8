"""Invoices and credit notes as Peppol BIS Billing 3.0 (UBL 2.1), as Swedish public buyers
receive them.

Membership fees are outside the scope of VAT: VAT category "O" ("Not subject to VAT") with the
exemption reason code VATEX-EU-O, one VAT breakdown with 0.00 tax, no VAT rate anywhere and no
VAT identifier for seller or buyer (EN 16931 rules BR-O-01 to BR-O-14). UBL elements are
sequences: the order below is the schema's.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from hcs.invoices.models import Invoice

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SWEDISH_ORG_NUMBER = "0007"  # ISO 6523 scheme for organisationsnummer
OUTSIDE_VAT = "O"
OUTSIDE_VAT_CODE = "VATEX-EU-O"
OUTSIDE_VAT_TEXT = "Medlemsavgift – utanför mervärdesskattens tillämpningsområde"


def _money(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _digits(org_number: str) -> str:
    return org_number.replace("-", "").strip()


class _Writer:
    def __init__(self, root):
        self.root = root

    def add(self, parent, tag: str, text=None, **attributes):
        prefix, local = tag.split(":")
        element = etree.SubElement(
            parent, f"{{{NS_CAC if prefix == 'cac' else NS_CBC}}}{local}", attributes
        )
        if text is not None:
            element.text = str(text)
        return element


def _party(
    w: _Writer,
    wrapper_tag: str,
    *,
    name,
    legal_name,
    org_number,
    street,
    postal_code,
    city,
    email="",
):
    party = w.add(w.add(w.root, wrapper_tag), "cac:Party")
    w.add(party, "cbc:EndpointID", _digits(org_number), schemeID=SWEDISH_ORG_NUMBER)
    if name and name != legal_name:
        w.add(w.add(party, "cac:PartyName"), "cbc:Name", name)
    address = w.add(party, "cac:PostalAddress")
    if street:
        w.add(address, "cbc:StreetName", street)
    if city:
        w.add(address, "cbc:CityName", city)
    if postal_code:
        w.add(address, "cbc:PostalZone", postal_code)
    w.add(w.add(address, "cac:Country"), "cbc:IdentificationCode", "SE")
    # No PartyTaxScheme: a VAT identifier is not allowed on an invoice outside VAT (BR-O-02).
    legal = w.add(party, "cac:PartyLegalEntity")
    w.add(legal, "cbc:RegistrationName", legal_name)
    w.add(legal, "cbc:CompanyID", _digits(org_number), schemeID=SWEDISH_ORG_NUMBER)
    if email:
        w.add(w.add(party, "cac:Contact"), "cbc:ElectronicMail", email)


def invoice_xml(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as Peppol BIS Billing 3.0 UBL XML, UTF-8.

    Refused (ValidationError) when the buyer has no organisation number: Peppol addresses the
    buyer by it; and for an internal transfer: the host would send an e-invoice to itself.
    """
    if invoice.internal_transfer:
        raise ValidationError(
            _(
                "%(number)d is an internal transfer to %(buyer)s, which keeps the network's "
                "accounts: it is booked within its own books and never sent as an e-invoice."
            )
            % {"number": invoice.number, "buyer": invoice.buyer_name},
            code="internal_transfer",
        )
    if not invoice.buyer_org_number:
        raise ValidationError(
            _(
                "%(buyer)s has no organisation number, which Peppol needs: add it to the "
                "organisation and credit and re-issue the invoice."
            )
            % {"buyer": invoice.buyer_name},
            code="no_org_number",
        )
    credit = invoice.is_credit_note
    namespace = NS_CREDIT_NOTE if credit else NS_INVOICE
    root = etree.Element(
        f"{{{namespace}}}{'CreditNote' if credit else 'Invoice'}",
        nsmap={None: namespace, "cac": NS_CAC, "cbc": NS_CBC},
    )
    w = _Writer(root)
    amount = _money(invoice.amount)
    seller = settings.INVOICE_SELLER
    organisation = invoice.organisation

    w.add(root, "cbc:CustomizationID", CUSTOMIZATION_ID)
    w.add(root, "cbc:ProfileID", PROFILE_ID)
    w.add(root, "cbc:ID", invoice.number)
    w.add(root, "cbc:IssueDate", invoice.issue_date.isoformat())
    if not credit:
        w.add(root, "cbc:DueDate", invoice.due_date.isoformat())
    w.add(
        root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode", 381 if credit else 380
    )
    w.add(root, "cbc:Note", invoice.reason if credit else invoice.description)
    w.add(root, "cbc:DocumentCurrencyCode", "SEK")
    w.add(root, "cbc:BuyerReference", invoice.buyer_reference)
    period = w.add(root, "cac:InvoicePeriod")
    w.add(period, "cbc:StartDate", date(invoice.year, 1, 1).isoformat())
    w.add(period, "cbc:EndDate", date(invoice.year, 12, 31).isoformat())
    if credit:
        reference = w.add(w.add(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        w.add(reference, "cbc:ID", invoice.credited_invoice.number)
        w.add(reference, "cbc:IssueDate", invoice.credited_invoice.issue_date.isoformat())

    _party(
        w,
        "cac:AccountingSupplierParty",
        name=seller["name"],
        legal_name=seller["legal_name"],
        org_number=seller["org_number"],
        street=seller["street"],
        postal_code=seller["postal_code"],
        city=seller["city"],
        email=seller["email"],
    )
    _party(
        w,
        "cac:AccountingCustomerParty",
        name=invoice.buyer_name,
        legal_name=invoice.buyer_name,
        org_number=invoice.buyer_org_number,
        street=organisation.invoice_street,
        postal_code=organisation.invoice_postal_code,
        city=organisation.invoice_city,
    )

    if not credit and seller["bankgiro"]:
        means = w.add(root, "cac:PaymentMeans")
        w.add(means, "cbc:PaymentMeansCode", "30")  # credit transfer
        w.add(means, "cbc:PaymentID", invoice.ocr)
        account = w.add(means, "cac:PayeeFinancialAccount")
        w.add(account, "cbc:ID", _digits(seller["bankgiro"]))
        w.add(w.add(account, "cac:FinancialInstitutionBranch"), "cbc:ID", "SE:BANKGIRO")
    if not credit:
        days = (invoice.due_date - invoice.issue_date).days
        w.add(w.add(root, "cac:PaymentTerms"), "cbc:Note", f"{days} dagar netto")

    tax = w.add(root, "cac:TaxTotal")
    w.add(tax, "cbc:TaxAmount", "0.00", currencyID="SEK")
    subtotal = w.add(tax, "cac:TaxSubtotal")
    w.add(subtotal, "cbc:TaxableAmount", amount, currencyID="SEK")
    w.add(subtotal, "cbc:TaxAmount", "0.00", currencyID="SEK")
    category = w.add(subtotal, "cac:TaxCategory")
    w.add(category, "cbc:ID", OUTSIDE_VAT)
    w.add(category, "cbc:TaxExemptionReasonCode", OUTSIDE_VAT_CODE)
    w.add(category, "cbc:TaxExemptionReason", OUTSIDE_VAT_TEXT)
    w.add(w.add(category, "cac:TaxScheme"), "cbc:ID", "VAT")

    totals = w.add(root, "cac:LegalMonetaryTotal")
    for tag in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        w.add(totals, f"cbc:{tag}", amount, currencyID="SEK")

    line = w.add(root, "cac:CreditNoteLine" if credit else "cac:InvoiceLine")
    w.add(line, "cbc:ID", 1)
    w.add(line, "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity", 1, unitCode="C62")
    w.add(line, "cbc:LineExtensionAmount", amount, currencyID="SEK")
    item = w.add(line, "cac:Item")
    w.add(item, "cbc:Name", invoice.description)
    classified = w.add(item, "cac:ClassifiedTaxCategory")
    w.add(classified, "cbc:ID", OUTSIDE_VAT)
    w.add(w.add(classified, "cac:TaxScheme"), "cbc:ID", "VAT")
    w.add(w.add(line, "cac:Price"), "cbc:PriceAmount", amount, currencyID="SEK")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
