"""Write an :class:`InvoiceSpec` as XRechnung 3.0 UBL 2.1 Invoice or UN/CEFACT CII (D16B) XML."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from lxml import etree

from workflow.samples.spec import PEPPOL_PROCESS, XRECHNUNG_ID, InvoiceSpec, PartySpec

UBL = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"


def _amt(x: Decimal) -> str:
    return f"{x:.2f}"


def _rate(x: Decimal) -> str:
    return f"{x.normalize():f}"


class _B:
    """Tiny element builder: sub(parent, 'cbc:ID', text, attr=...)."""

    def __init__(self, nsmap: dict[str, str]) -> None:
        self.nsmap = nsmap

    def q(self, name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{self.nsmap[prefix]}}}{local}"

    def sub(self, parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
        el = etree.SubElement(parent, self.q(name), {k: v for k, v in attrs.items()})
        if text is not None:
            el.text = text
        return el


def to_ubl(spec: InvoiceSpec) -> bytes:
    b = _B({"ubl": UBL, "cac": CAC, "cbc": CBC})
    root = etree.Element(b.q("ubl:Invoice"), nsmap={None: UBL, "cac": CAC, "cbc": CBC})
    b.sub(root, "cbc:CustomizationID", XRECHNUNG_ID)
    b.sub(root, "cbc:ProfileID", PEPPOL_PROCESS)
    b.sub(root, "cbc:ID", spec.number)
    b.sub(root, "cbc:IssueDate", spec.issue_date.isoformat())
    b.sub(root, "cbc:DueDate", spec.due_date.isoformat())
    b.sub(root, "cbc:InvoiceTypeCode", spec.type_code)
    for note in spec.notes:
        b.sub(root, "cbc:Note", note)
    b.sub(root, "cbc:DocumentCurrencyCode", spec.currency)
    b.sub(root, "cbc:BuyerReference", spec.leitweg_id)
    if spec.order_reference:
        b.sub(b.sub(root, "cac:OrderReference"), "cbc:ID", spec.order_reference)

    def party(wrapper: str, p: PartySpec, seller: bool) -> None:
        pe = b.sub(b.sub(root, wrapper), "cac:Party")
        b.sub(pe, "cbc:EndpointID", p.email, schemeID="EM")
        addr = b.sub(pe, "cac:PostalAddress")
        b.sub(addr, "cbc:StreetName", p.street)
        b.sub(addr, "cbc:CityName", p.city)
        b.sub(addr, "cbc:PostalZone", p.post_code)
        b.sub(b.sub(addr, "cac:Country"), "cbc:IdentificationCode", p.country)
        if p.vat_id:
            ts = b.sub(pe, "cac:PartyTaxScheme")
            b.sub(ts, "cbc:CompanyID", p.vat_id)
            b.sub(b.sub(ts, "cac:TaxScheme"), "cbc:ID", "VAT")
        b.sub(b.sub(pe, "cac:PartyLegalEntity"), "cbc:RegistrationName", p.name)
        if seller:
            c = b.sub(pe, "cac:Contact")
            b.sub(c, "cbc:Name", p.contact_name or p.name)
            b.sub(c, "cbc:Telephone", p.phone or "+49 000 000000")
            b.sub(c, "cbc:ElectronicMail", p.email)

    party("cac:AccountingSupplierParty", spec.seller, True)
    party("cac:AccountingCustomerParty", spec.buyer, False)
    pm = b.sub(root, "cac:PaymentMeans")
    b.sub(pm, "cbc:PaymentMeansCode", "58")
    b.sub(b.sub(pm, "cac:PayeeFinancialAccount"), "cbc:ID", spec.iban)
    b.sub(b.sub(root, "cac:PaymentTerms"), "cbc:Note", spec.payment_terms)
    cur = spec.currency
    tt = b.sub(root, "cac:TaxTotal")
    b.sub(tt, "cbc:TaxAmount", _amt(spec.vat_total), currencyID=cur)
    for rate, base, tax in spec.vat_groups():
        st = b.sub(tt, "cac:TaxSubtotal")
        b.sub(st, "cbc:TaxableAmount", _amt(base), currencyID=cur)
        b.sub(st, "cbc:TaxAmount", _amt(tax), currencyID=cur)
        cat = b.sub(st, "cac:TaxCategory")
        b.sub(cat, "cbc:ID", "S")
        b.sub(cat, "cbc:Percent", _rate(rate))
        b.sub(b.sub(cat, "cac:TaxScheme"), "cbc:ID", "VAT")
    lmt = b.sub(root, "cac:LegalMonetaryTotal")
    b.sub(lmt, "cbc:LineExtensionAmount", _amt(spec.net_total), currencyID=cur)
    b.sub(lmt, "cbc:TaxExclusiveAmount", _amt(spec.net_total), currencyID=cur)
    b.sub(lmt, "cbc:TaxInclusiveAmount", _amt(spec.gross), currencyID=cur)
    b.sub(lmt, "cbc:PayableAmount", _amt(spec.gross), currencyID=cur)
    for i, ln in enumerate(spec.lines, 1):
        le = b.sub(root, "cac:InvoiceLine")
        b.sub(le, "cbc:ID", str(i))
        b.sub(le, "cbc:InvoicedQuantity", _rate(ln.quantity), unitCode=ln.unit)
        b.sub(le, "cbc:LineExtensionAmount", _amt(ln.net), currencyID=cur)
        item = b.sub(le, "cac:Item")
        b.sub(item, "cbc:Name", ln.name)
        cat = b.sub(item, "cac:ClassifiedTaxCategory")
        b.sub(cat, "cbc:ID", "S")
        b.sub(cat, "cbc:Percent", _rate(ln.vat_rate))
        b.sub(b.sub(cat, "cac:TaxScheme"), "cbc:ID", "VAT")
        b.sub(b.sub(le, "cac:Price"), "cbc:PriceAmount", _amt(ln.price), currencyID=cur)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def to_cii(spec: InvoiceSpec) -> bytes:
    b = _B({"rsm": RSM, "ram": RAM, "udt": UDT})
    root = etree.Element(b.q("rsm:CrossIndustryInvoice"), nsmap={"rsm": RSM, "ram": RAM, "udt": UDT})
    ctx = b.sub(root, "rsm:ExchangedDocumentContext")
    b.sub(b.sub(ctx, "ram:BusinessProcessSpecifiedDocumentContextParameter"), "ram:ID", PEPPOL_PROCESS)
    b.sub(b.sub(ctx, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", XRECHNUNG_ID)
    doc = b.sub(root, "rsm:ExchangedDocument")
    b.sub(doc, "ram:ID", spec.number)
    b.sub(doc, "ram:TypeCode", spec.type_code)
    b.sub(b.sub(doc, "ram:IssueDateTime"), "udt:DateTimeString", spec.issue_date.strftime("%Y%m%d"), format="102")
    for note in spec.notes:
        b.sub(b.sub(doc, "ram:IncludedNote"), "ram:Content", note)
    tx = b.sub(root, "rsm:SupplyChainTradeTransaction")
    for i, ln in enumerate(spec.lines, 1):
        li = b.sub(tx, "ram:IncludedSupplyChainTradeLineItem")
        b.sub(b.sub(li, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(i))
        b.sub(b.sub(li, "ram:SpecifiedTradeProduct"), "ram:Name", ln.name)
        ag = b.sub(li, "ram:SpecifiedLineTradeAgreement")
        b.sub(b.sub(ag, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", _amt(ln.price))
        b.sub(b.sub(li, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", _rate(ln.quantity),
              unitCode=ln.unit)
        se = b.sub(li, "ram:SpecifiedLineTradeSettlement")
        tax = b.sub(se, "ram:ApplicableTradeTax")
        b.sub(tax, "ram:TypeCode", "VAT")
        b.sub(tax, "ram:CategoryCode", "S")
        b.sub(tax, "ram:RateApplicablePercent", _rate(ln.vat_rate))
        b.sub(b.sub(se, "ram:SpecifiedTradeSettlementLineMonetarySummation"), "ram:LineTotalAmount", _amt(ln.net))
    agr = b.sub(tx, "ram:ApplicableHeaderTradeAgreement")
    b.sub(agr, "ram:BuyerReference", spec.leitweg_id)

    def party(name: str, p: PartySpec, seller: bool) -> None:
        pe = b.sub(agr, name)
        b.sub(pe, "ram:Name", p.name)
        if seller:
            c = b.sub(pe, "ram:DefinedTradeContact")
            b.sub(c, "ram:PersonName", p.contact_name or p.name)
            b.sub(b.sub(c, "ram:TelephoneUniversalCommunication"), "ram:CompleteNumber", p.phone or "+49 000 000000")
            b.sub(b.sub(c, "ram:EmailURIUniversalCommunication"), "ram:URIID", p.email)
        addr = b.sub(pe, "ram:PostalTradeAddress")
        b.sub(addr, "ram:PostcodeCode", p.post_code)
        b.sub(addr, "ram:LineOne", p.street)
        b.sub(addr, "ram:CityName", p.city)
        b.sub(addr, "ram:CountryID", p.country)
        b.sub(b.sub(pe, "ram:URIUniversalCommunication"), "ram:URIID", p.email, schemeID="EM")
        if p.vat_id:
            b.sub(b.sub(pe, "ram:SpecifiedTaxRegistration"), "ram:ID", p.vat_id, schemeID="VA")

    party("ram:SellerTradeParty", spec.seller, True)
    party("ram:BuyerTradeParty", spec.buyer, False)
    if spec.order_reference:
        b.sub(b.sub(agr, "ram:BuyerOrderReferencedDocument"), "ram:IssuerAssignedID", spec.order_reference)
    b.sub(tx, "ram:ApplicableHeaderTradeDelivery")
    st = b.sub(tx, "ram:ApplicableHeaderTradeSettlement")
    b.sub(st, "ram:InvoiceCurrencyCode", spec.currency)
    pm = b.sub(st, "ram:SpecifiedTradeSettlementPaymentMeans")
    b.sub(pm, "ram:TypeCode", "58")
    b.sub(b.sub(pm, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", spec.iban)
    for rate, base, tax_amt in spec.vat_groups():
        t = b.sub(st, "ram:ApplicableTradeTax")
        b.sub(t, "ram:CalculatedAmount", _amt(tax_amt))
        b.sub(t, "ram:TypeCode", "VAT")
        b.sub(t, "ram:BasisAmount", _amt(base))
        b.sub(t, "ram:CategoryCode", "S")
        b.sub(t, "ram:RateApplicablePercent", _rate(rate))
    terms = b.sub(st, "ram:SpecifiedTradePaymentTerms")
    b.sub(terms, "ram:Description", spec.payment_terms)
    b.sub(b.sub(terms, "ram:DueDateDateTime"), "udt:DateTimeString", spec.due_date.strftime("%Y%m%d"), format="102")
    sm = b.sub(st, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    b.sub(sm, "ram:LineTotalAmount", _amt(spec.net_total))
    b.sub(sm, "ram:TaxBasisTotalAmount", _amt(spec.net_total))
    b.sub(sm, "ram:TaxTotalAmount", _amt(spec.vat_total), currencyID=spec.currency)
    b.sub(sm, "ram:GrandTotalAmount", _amt(spec.gross))
    b.sub(sm, "ram:DuePayableAmount", _amt(spec.gross))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
