"""Code-list rules (BR-CL-*, BR-CO-09, BR-DEX-01/04..08, BR-TMP-CVD-01, BR-DE-CVD-04/05) as one table.

Each entry: rule id, syntax, where the checked element sits (element path suffix, ``/`` first = child of the
root), what is checked (element text, an attribute, or a child's text), the list key in ``data/codelists.json``
and how values match. All entries are evaluated in one pass over the document's elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Iterator, Mapping

from lxml import etree

from workflow.einvoice.data_files import codelist
from workflow.einvoice.rules.bindings import NS_CII, NS_UBL
from workflow.einvoice.rules.paths import norm, xs_boolean

ElementTest = Callable[[etree._Element], bool]


@dataclass(frozen=True, slots=True)
class CodeRule:
    rule_id: str
    syntax: str  # ubl | cii
    context: str  # "cac:Country/cbc:IdentificationCode" (suffix) or "/cbc:Note" (child of root)
    value: str  # "text", "@attr" or "child:prefix:name"
    lists: tuple[str, ...]  # code-list keys (union)
    match: str = "token"  # token | exact | norm | upper-token | substring | note-subject | vat-prefix
    term: str | None = None
    where: ElementTest | None = None
    exclude_inside: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()  # additionally accepted values
    extra_inside: tuple[str, ...] = ()  # ... only when the element lies inside one of these
    doc_types: tuple[str, ...] = ()  # only for these root elements (e.g. Invoice vs CreditNote)


def _indicator(value: bool, ns: str, path: tuple[str, ...]) -> ElementTest:
    def test(el: etree._Element) -> bool:
        ac = el.getparent()
        cur = ac
        for tag in path:
            cur = cur.find(f"{{{ns}}}{tag}") if cur is not None else None
        return cur is not None and xs_boolean(cur.text or "") is value

    return test


_UBL_CBC = NS_UBL["cbc"]
_UBL_CHARGE = _indicator(True, _UBL_CBC, ("ChargeIndicator",))
_UBL_ALLOW = _indicator(False, _UBL_CBC, ("ChargeIndicator",))
_CII_CHARGE = lambda el: _cii_ind(el) is True  # noqa: E731
_CII_ALLOW = lambda el: _cii_ind(el) is False  # noqa: E731


def _cii_ind(el: etree._Element) -> bool | None:
    ac = el.getparent()
    ind = (
        ac.find(f"{{{NS_CII['ram']}}}ChargeIndicator/{{{NS_CII['udt']}}}Indicator")
        if ac is not None
        else None
    )
    return xs_boolean(ind.text or "") if ind is not None else None


def _doc_type_130(el: etree._Element) -> bool:
    ref = el.getparent()
    code = ref.find(f"{{{_UBL_CBC}}}DocumentTypeCode") if ref is not None else None
    return code is not None and norm(code.text) == "130"


def _cva(el: etree._Element) -> bool:
    ns = NS_UBL["cbc"] if el.tag.startswith(f"{{{NS_UBL['cac']}}}") else NS_CII["ram"]
    name = el.find(f"{{{ns}}}Name") if ns == NS_UBL["cbc"] else el.find(f"{{{ns}}}Description")
    return name is not None and norm(name.text) == "cva"


def _vat_scheme(el: etree._Element) -> bool:
    tax = el.find(f"{{{NS_UBL['cac']}}}TaxScheme/{{{_UBL_CBC}}}ID")
    return tax is not None and norm(tax.text).upper() == "VAT"


_EXT_ICD = ("ISO-6523-ICD_xrechnung-extension",)
_CVD_LINE_UBL = "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"
_CVD_LINE_CII = "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode"

TABLE: tuple[CodeRule, ...] = (
    # ---- UBL
    CodeRule("BR-CL-01", "ubl", "/cbc:InvoiceTypeCode", "text", ("UNTDID-1001_ubl-invoice",), term="BT-3"),
    CodeRule(
        "BR-CL-01", "ubl", "/cbc:CreditNoteTypeCode", "text", ("UNTDID-1001_ubl-creditnote",), term="BT-3"
    ),
    CodeRule("BR-CL-03", "ubl", "cbc:*", "@currencyID", ("ISO-4217",), term="BT-5"),
    CodeRule("BR-CL-04", "ubl", "cbc:DocumentCurrencyCode", "text", ("ISO-4217",), term="BT-5"),
    CodeRule("BR-CL-05", "ubl", "cbc:TaxCurrencyCode", "text", ("ISO-4217",), term="BT-6"),
    CodeRule(
        "BR-CL-06", "ubl", "cac:InvoicePeriod/cbc:DescriptionCode", "text", ("UNTDID-2005",), term="BT-8"
    ),
    CodeRule(
        "BR-CL-07",
        "ubl",
        "cac:AdditionalDocumentReference/cbc:ID",
        "@schemeID",
        ("UNTDID-1153",),
        term="BT-18-1",
        where=_doc_type_130,
    ),
    CodeRule(
        "BR-CL-07",
        "ubl",
        "cac:DocumentReference/cbc:ID",
        "@schemeID",
        ("UNTDID-1153",),
        term="BT-128-1",
        where=_doc_type_130,
    ),
    CodeRule(
        "BR-CL-08", "ubl", "/cbc:Note", "text", ("UNTDID-4451_ubl",), match="note-subject", term="BT-21"
    ),
    CodeRule(
        "BR-CL-10",
        "ubl",
        "cac:PartyIdentification/cbc:ID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-29-1",
        extra=("SEPA",),
        extra_inside=("AccountingSupplierParty", "PayeeParty"),
    ),
    CodeRule(
        "BR-CL-11",
        "ubl",
        "cac:PartyLegalEntity/cbc:CompanyID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-30-1",
    ),
    CodeRule(
        "BR-CL-13",
        "ubl",
        "cac:CommodityClassification/cbc:ItemClassificationCode",
        "@listID",
        ("UNTDID-7143",),
        term="BT-158-1",
    ),
    CodeRule(
        "BR-CL-14", "ubl", "cac:Country/cbc:IdentificationCode", "text", ("ISO-3166-1_ubl",), term="BT-40"
    ),
    CodeRule(
        "BR-CL-15",
        "ubl",
        "cac:OriginCountry/cbc:IdentificationCode",
        "text",
        ("ISO-3166-1_ubl",),
        term="BT-159",
    ),
    CodeRule(
        "BR-CL-16", "ubl", "cac:PaymentMeans/cbc:PaymentMeansCode", "text", ("UNTDID-4461",), term="BT-81"
    ),
    CodeRule("BR-CL-17", "ubl", "cac:TaxCategory/cbc:ID", "text", ("UNTDID-5305",), term="BT-118"),
    CodeRule("BR-CL-18", "ubl", "cac:ClassifiedTaxCategory/cbc:ID", "text", ("UNTDID-5305",), term="BT-151"),
    CodeRule(
        "BR-CL-19",
        "ubl",
        "cac:AllowanceCharge/cbc:AllowanceChargeReasonCode",
        "text",
        ("UNTDID-5189",),
        term="BT-98",
        where=_UBL_ALLOW,
    ),
    CodeRule(
        "BR-CL-20",
        "ubl",
        "cac:AllowanceCharge/cbc:AllowanceChargeReasonCode",
        "text",
        ("UNTDID-7161",),
        term="BT-105",
        where=_UBL_CHARGE,
    ),
    CodeRule(
        "BR-CL-21",
        "ubl",
        "cac:StandardItemIdentification/cbc:ID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-157-1",
    ),
    CodeRule(
        "BR-CL-22",
        "ubl",
        "cbc:TaxExemptionReasonCode",
        "text",
        ("VATEX",),
        match="upper-token",
        term="BT-121",
    ),
    CodeRule("BR-CL-23", "ubl", "cbc:InvoicedQuantity", "@unitCode", ("UNECE-Rec20-Rec21",), term="BT-130"),
    CodeRule("BR-CL-23", "ubl", "cbc:CreditedQuantity", "@unitCode", ("UNECE-Rec20-Rec21",), term="BT-130"),
    CodeRule("BR-CL-23", "ubl", "cbc:BaseQuantity", "@unitCode", ("UNECE-Rec20-Rec21",), term="BT-150"),
    CodeRule(
        "BR-CL-24",
        "ubl",
        "cbc:EmbeddedDocumentBinaryObject",
        "@mimeCode",
        ("MIME",),
        match="exact",
        term="BT-125-1",
    ),
    CodeRule("BR-CL-25", "ubl", "cbc:EndpointID", "@schemeID", ("CEF-EAS",), term="BT-34-1"),
    CodeRule(
        "BR-CL-26", "ubl", "cac:DeliveryLocation/cbc:ID", "@schemeID", ("ISO-6523-ICD",), term="BT-71-1"
    ),
    CodeRule(
        "BR-CO-09",
        "ubl",
        "cac:PartyTaxScheme",
        "child:cbc:CompanyID",
        ("ISO-3166-1_vat-prefix_ubl",),
        match="vat-prefix-substring",
        term="BT-31",
        where=_vat_scheme,
    ),
    CodeRule(
        "BR-DEX-01",
        "ubl",
        "cbc:EmbeddedDocumentBinaryObject",
        "@mimeCode",
        ("MIME_xrechnung-extension",),
        match="exact",
        term="BT-125-1",
    ),
    CodeRule(
        "BR-DEX-04",
        "ubl",
        "cac:PartyIdentification/cbc:ID",
        "@schemeID",
        _EXT_ICD,
        term="BT-29-1",
        extra=("SEPA",),
        extra_inside=("AccountingSupplierParty", "PayeeParty"),
    ),
    CodeRule("BR-DEX-05", "ubl", "cac:PartyLegalEntity/cbc:CompanyID", "@schemeID", _EXT_ICD, term="BT-30-1"),
    CodeRule(
        "BR-DEX-06", "ubl", "cac:StandardItemIdentification/cbc:ID", "@schemeID", _EXT_ICD, term="BT-157-1"
    ),
    CodeRule(
        "BR-DEX-07", "ubl", "cbc:EndpointID", "@schemeID", ("CEF-EAS_xrechnung-extension",), term="BT-34-1"
    ),
    CodeRule("BR-DEX-08", "ubl", "cac:DeliveryLocation/cbc:ID", "@schemeID", _EXT_ICD, term="BT-71-1"),
    CodeRule(
        "BR-TMP-CVD-01",
        "ubl",
        f"/cac:InvoiceLine/{_CVD_LINE_UBL}",
        "@listID",
        ("UNTDID-7143_xrechnung-cvd",),
        term="BT-158-1",
    ),
    CodeRule(
        "BR-TMP-CVD-01",
        "ubl",
        f"/cac:CreditNoteLine/{_CVD_LINE_UBL}",
        "@listID",
        ("UNTDID-7143_xrechnung-cvd",),
        term="BT-158-1",
    ),
    CodeRule(
        "BR-DE-CVD-04",
        "ubl",
        f"/cac:InvoiceLine/{_CVD_LINE_UBL}",
        "text",
        ("XR-CVD_vehicle-category",),
        match="norm",
        term="BT-158",
        where=lambda el: norm(el.get("listID")) == "CVD",
    ),
    CodeRule(
        "BR-DE-CVD-04",
        "ubl",
        f"/cac:CreditNoteLine/{_CVD_LINE_UBL}",
        "text",
        ("XR-CVD_vehicle-category",),
        match="norm",
        term="BT-158",
        where=lambda el: norm(el.get("listID")) == "CVD",
    ),
    CodeRule(
        "BR-DE-CVD-05",
        "ubl",
        "/cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty",
        "child:cbc:Value",
        ("XR-CVD_cva",),
        match="norm",
        term="BT-161",
        where=_cva,
    ),
    CodeRule(
        "BR-DE-CVD-05",
        "ubl",
        "/cac:CreditNoteLine/cac:Item/cac:AdditionalItemProperty",
        "child:cbc:Value",
        ("XR-CVD_cva",),
        match="norm",
        term="BT-161",
        where=_cva,
    ),
    # ---- CII
    CodeRule(
        "BR-CL-01", "cii", "/rsm:ExchangedDocument/ram:TypeCode", "text", ("UNTDID-1001_cii",), term="BT-3"
    ),
    CodeRule("BR-CL-03", "cii", "ram:TaxTotalAmount", "@currencyID", ("ISO-4217",), term="BT-110"),
    CodeRule("BR-CL-04", "cii", "ram:InvoiceCurrencyCode", "text", ("ISO-4217",), term="BT-5"),
    CodeRule("BR-CL-05", "cii", "ram:TaxCurrencyCode", "text", ("ISO-4217",), term="BT-6"),
    CodeRule("BR-CL-06", "cii", "ram:DueDateTypeCode", "text", ("UNTDID-2475",), term="BT-8"),
    CodeRule("BR-CL-07", "cii", "ram:ReferenceTypeCode", "text", ("UNTDID-1153",), term="BT-18-1"),
    CodeRule("BR-CL-08", "cii", "ram:SubjectCode", "text", ("UNTDID-4451_cii",), term="BT-21"),
    CodeRule(
        "BR-CL-10",
        "cii",
        "ram:GlobalID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-29-1",
        exclude_inside=("SpecifiedTradeProduct", "ShipToTradeParty"),
    ),
    CodeRule(
        "BR-CL-11",
        "cii",
        "ram:ID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-30-1",
        exclude_inside=("SpecifiedTaxRegistration",),
    ),
    CodeRule("BR-CL-13", "cii", "ram:ClassCode", "@listID", ("UNTDID-7143",), term="BT-158-1"),
    CodeRule("BR-CL-14", "cii", "ram:CountryID", "text", ("ISO-3166-1_cii",), term="BT-40"),
    CodeRule("BR-CL-15", "cii", "ram:OriginTradeCountry/ram:ID", "text", ("ISO-3166-1_cii",), term="BT-159"),
    CodeRule(
        "BR-CL-16",
        "cii",
        "ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode",
        "text",
        ("UNTDID-4461",),
        term="BT-81",
    ),
    CodeRule(
        "BR-CL-17", "cii", "ram:CategoryTradeTax/ram:CategoryCode", "text", ("UNTDID-5305",), term="BT-95"
    ),
    CodeRule(
        "BR-CL-18", "cii", "ram:ApplicableTradeTax/ram:CategoryCode", "text", ("UNTDID-5305",), term="BT-118"
    ),
    CodeRule(
        "BR-CL-19",
        "cii",
        "ram:SpecifiedTradeAllowanceCharge/ram:ReasonCode",
        "text",
        ("UNTDID-5189",),
        term="BT-98",
        where=_CII_ALLOW,
    ),
    CodeRule(
        "BR-CL-20",
        "cii",
        "ram:SpecifiedTradeAllowanceCharge/ram:ReasonCode",
        "text",
        ("UNTDID-7161",),
        term="BT-105",
        where=_CII_CHARGE,
    ),
    CodeRule(
        "BR-CL-21",
        "cii",
        "ram:SpecifiedTradeProduct/ram:GlobalID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-157-1",
    ),
    CodeRule(
        "BR-CL-22", "cii", "ram:ExemptionReasonCode", "text", ("VATEX",), match="upper-token", term="BT-121"
    ),
    CodeRule("BR-CL-23", "cii", "ram:BilledQuantity", "@unitCode", ("UNECE-Rec20-Rec21",), term="BT-130"),
    CodeRule("BR-CL-23", "cii", "ram:BasisQuantity", "@unitCode", ("UNECE-Rec20-Rec21",), term="BT-150"),
    CodeRule(
        "BR-CL-24",
        "cii",
        "ram:AttachmentBinaryObject",
        "@mimeCode",
        ("MIME",),
        match="exact",
        term="BT-125-1",
    ),
    CodeRule(
        "BR-CL-25",
        "cii",
        "ram:URIUniversalCommunication/ram:URIID",
        "@schemeID",
        ("CEF-EAS",),
        term="BT-34-1",
    ),
    CodeRule(
        "BR-CL-26",
        "cii",
        "ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/ram:GlobalID",
        "@schemeID",
        ("ISO-6523-ICD",),
        term="BT-71-1",
    ),
    CodeRule(
        "BR-CO-09",
        "cii",
        "ram:SpecifiedTaxRegistration/ram:ID",
        "text",
        ("ISO-3166-1_vat-prefix_cii",),
        match="vat-prefix-token",
        term="BT-31",
        where=lambda el: el.get("schemeID") == "VA",
    ),
    CodeRule(
        "BR-DEX-01",
        "cii",
        "ram:AttachmentBinaryObject",
        "@mimeCode",
        ("MIME_xrechnung-extension",),
        match="exact",
        term="BT-125-1",
    ),
    CodeRule(
        "BR-DEX-04",
        "cii",
        "ram:GlobalID",
        "@schemeID",
        _EXT_ICD,
        term="BT-29-1",
        exclude_inside=("SpecifiedTradeProduct", "ShipToTradeParty"),
    ),
    CodeRule(
        "BR-DEX-05",
        "cii",
        "ram:ID",
        "@schemeID",
        _EXT_ICD,
        term="BT-30-1",
        exclude_inside=("SpecifiedTaxRegistration",),
    ),
    CodeRule(
        "BR-DEX-06", "cii", "ram:SpecifiedTradeProduct/ram:GlobalID", "@schemeID", _EXT_ICD, term="BT-157-1"
    ),
    CodeRule(
        "BR-DEX-07",
        "cii",
        "ram:URIUniversalCommunication/ram:URIID",
        "@schemeID",
        ("CEF-EAS_xrechnung-extension",),
        term="BT-34-1",
    ),
    CodeRule(
        "BR-DEX-08",
        "cii",
        "ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/ram:GlobalID",
        "@schemeID",
        _EXT_ICD,
        term="BT-71-1",
    ),
    CodeRule(
        "BR-TMP-CVD-01",
        "cii",
        f"/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/{_CVD_LINE_CII}",
        "@listID",
        ("UNTDID-7143_xrechnung-cvd",),
        term="BT-158-1",
    ),
    CodeRule(
        "BR-DE-CVD-04",
        "cii",
        f"/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/{_CVD_LINE_CII}",
        "text",
        ("XR-CVD_vehicle-category",),
        match="norm",
        term="BT-158",
        where=lambda el: norm(el.get("listID")) == "CVD",
    ),
    CodeRule(
        "BR-DE-CVD-05",
        "cii",
        "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
        "ram:SpecifiedTradeProduct/ram:ApplicableProductCharacteristic",
        "child:ram:Value",
        ("XR-CVD_cva",),
        match="norm",
        term="BT-161",
        where=_cva,
    ),
)


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: CodeRule
    chain: tuple[str, ...]  # Clark names from the element upwards ("*" = any local name in that namespace)
    anchored: bool
    codes: frozenset[str]
    joined: str
    value_tag: str | None
    exclude: tuple[str, ...] = field(default=())


def _clark(qname: str, ns: Mapping[str, str]) -> str:
    prefix, _, local = qname.partition(":")
    return f"{{{ns[prefix]}}}{local}"


@cache
def _compiled(syntax: str) -> Mapping[str, tuple[_Compiled, ...]]:
    ns = NS_UBL if syntax == "ubl" else NS_CII
    by_tag: dict[str, list[_Compiled]] = {}
    for r in TABLE:
        if r.syntax != syntax:
            continue
        anchored = r.context.startswith("/")
        steps = r.context.strip("/").split("/")
        chain = tuple(_clark(s, ns) for s in reversed(steps))
        codes: set[str] = set()
        for key in r.lists:
            codes |= codelist(key)
        joined = " ".join(sorted(codes))
        value_tag = _clark(r.value[6:], ns) if r.value.startswith("child:") else None
        comp = _Compiled(
            r,
            chain,
            anchored,
            frozenset(codes | set(r.extra)) if not r.extra_inside else frozenset(codes),
            joined,
            value_tag,
        )
        by_tag.setdefault(chain[0], []).append(comp)
    return {k: tuple(v) for k, v in by_tag.items()}


def _chain_ok(el: etree._Element, comp: _Compiled, root: etree._Element) -> bool:
    cur = el
    for tag in comp.chain[1:]:
        cur = cur.getparent()
        if cur is None or cur.tag != tag:
            return False
    if comp.anchored:
        return cur.getparent() is root
    return True


def _inside(el: etree._Element, locals_: tuple[str, ...]) -> bool:
    cur = el.getparent()
    while cur is not None:
        if etree.QName(cur).localname in locals_:
            return True
        cur = cur.getparent()
    return False


def _ok(value: str, comp: _Compiled, el: etree._Element) -> bool:
    r = comp.rule
    if r.extra_inside and value.strip() in r.extra and _inside(el, r.extra_inside):
        return True
    if r.match == "exact":
        return value in comp.codes
    if r.match == "norm":
        return norm(value) in comp.codes
    if r.match == "note-subject":
        if not value.startswith("#"):
            return True
        code, sep, _ = value[1:].partition("#")
        return not sep or len(code) != 3 or code in comp.joined
    if r.match == "vat-prefix-substring":
        return value[:2] in comp.joined
    if r.match == "vat-prefix-token":
        prefix = value.strip()[:2]
        return " " not in prefix and prefix in comp.codes
    v = norm(value)
    if r.match == "upper-token":
        v = v.upper()
    return " " not in v and v in comp.codes


def evaluate_codes(
    root: etree._Element, syntax: str, active: Mapping[str, object]
) -> Iterator[tuple[str, etree._Element, str | None, str]]:
    """Yield (rule id, element, business term, offending value) for every code-list violation of an active rule."""
    table = _compiled(syntax)
    ns_any = {f"{{{NS_UBL['cbc']}}}*"} if syntax == "ubl" else set()
    for el in root.iter(tag=etree.Element):
        tag = el.tag
        cands = table.get(tag, ())
        if ns_any and tag.startswith(f"{{{NS_UBL['cbc']}}}"):
            cands = cands + table.get(f"{{{NS_UBL['cbc']}}}*", ())
        for comp in cands:
            r = comp.rule
            if r.rule_id not in active or not _chain_ok(el, comp, root):
                continue
            if r.exclude_inside and _inside(el, r.exclude_inside):
                continue
            if r.where is not None and not r.where(el):
                continue
            if r.value == "text":
                value: str | None = el.text or ""
            elif r.value.startswith("@"):
                value = el.get(r.value[1:])
            else:
                child = el.find(comp.value_tag) if comp.value_tag else None
                value = None if child is None else (child.text or "")
            if value is None:
                continue
            if not _ok(value, comp, el):
                yield r.rule_id, el, r.term, value
