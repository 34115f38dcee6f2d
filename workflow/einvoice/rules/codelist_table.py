"""Entry format and shared predicates of the code-list rule declarations (BR-CL-*, BR-CO-09, BR-DEX, CVD).

Each entry: rule id, syntax, where the checked element sits (element path suffix, ``/`` first = child of the
root), what is checked (element text, an attribute, or a child's text), the list key in
``data/codelists.json``
and how values match. All entries are evaluated in one pass over the document's elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml import etree

from workflow.einvoice.rules.namespaces import NS_CII, NS_UBL
from workflow.einvoice.rules.paths import norm, xs_boolean
from workflow.einvoice.treeops import children, first_child

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


def first(el: etree._Element, *tags: str) -> etree._Element | None:
    """``el.find("t1/t2/...")`` for a chain of Clark names: the first match in document order, followed with
    ``iterchildren`` (lxml matches the names in C) instead of the path machinery."""
    if len(tags) == 1:
        return first_child(el, tags[0])
    for child in children(el, tags[0]):
        found = first(child, *tags[1:])
        if found is not None:
            return found
    return None


def indicator(value: bool, ns: str, path: tuple[str, ...]) -> ElementTest:
    def test(el: etree._Element) -> bool:
        ac = el.getparent()
        cur = ac
        for tag in path:
            cur = first(cur, f"{{{ns}}}{tag}") if cur is not None else None
        return cur is not None and xs_boolean(cur.text or "") is value

    return test


_UBL_CBC = NS_UBL["cbc"]
UBL_CHARGE = indicator(True, _UBL_CBC, ("ChargeIndicator",))
UBL_ALLOW = indicator(False, _UBL_CBC, ("ChargeIndicator",))
CII_CHARGE = lambda el: cii_ind(el) is True  # noqa: E731
CII_ALLOW = lambda el: cii_ind(el) is False  # noqa: E731


def cii_ind(el: etree._Element) -> bool | None:
    ac = el.getparent()
    ind = (
        first(ac, f"{{{NS_CII['ram']}}}ChargeIndicator", f"{{{NS_CII['udt']}}}Indicator")
        if ac is not None
        else None
    )
    return xs_boolean(ind.text or "") if ind is not None else None


def doc_type_130(el: etree._Element) -> bool:
    ref = el.getparent()
    code = first(ref, f"{{{_UBL_CBC}}}DocumentTypeCode") if ref is not None else None
    return code is not None and norm(code.text) == "130"


def cva(el: etree._Element) -> bool:
    ns = NS_UBL["cbc"] if el.tag.startswith(f"{{{NS_UBL['cac']}}}") else NS_CII["ram"]
    name = first(el, f"{{{ns}}}Name") if ns == NS_UBL["cbc"] else first(el, f"{{{ns}}}Description")
    return name is not None and norm(name.text) == "cva"


def vat_scheme(el: etree._Element) -> bool:
    tax = first(el, f"{{{NS_UBL['cac']}}}TaxScheme", f"{{{_UBL_CBC}}}ID")
    return tax is not None and norm(tax.text).upper() == "VAT"


# the amounts whose currency BR-CL-03 checks in the UBL binding (e.g. not the extension's PrepaidPayment/PaidAmount)
UBL_CURRENCY_AMOUNTS = frozenset({
    "Amount", "BaseAmount", "PriceAmount", "TaxAmount", "TaxableAmount", "LineExtensionAmount",
    "TaxExclusiveAmount", "TaxInclusiveAmount", "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount",
    "PayableRoundingAmount", "PayableAmount",
})


def ubl_currency_amount(el: etree._Element) -> bool:
    return el.tag.rpartition("}")[2] in UBL_CURRENCY_AMOUNTS


EXT_ICD = ("ISO-6523-ICD_xrechnung-extension",)
CVD_LINE_UBL = "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"
CVD_LINE_CII = "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode"
