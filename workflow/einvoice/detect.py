"""Which syntax a document uses and which KoSIT scenario applies (from the bundled scenario data)."""

from __future__ import annotations

import re
from enum import StrEnum

from lxml import etree

from workflow.einvoice.data_files import Scenario, scenarios

NS_UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_UBL_CREDITNOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS_RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"


class Syntax(StrEnum):
    UBL_INVOICE = "UBL-Invoice"
    UBL_CREDITNOTE = "UBL-CreditNote"
    CII = "CII"
    UNKNOWN_XML = "unknown-xml"
    NOT_XML = "not-xml"


_ROOTS = {
    f"{{{NS_UBL_INVOICE}}}Invoice": Syntax.UBL_INVOICE,
    f"{{{NS_UBL_CREDITNOTE}}}CreditNote": Syntax.UBL_CREDITNOTE,
    f"{{{NS_CII}}}CrossIndustryInvoice": Syntax.CII,
}
_DOC = {
    Syntax.UBL_INVOICE: "Invoice",
    Syntax.UBL_CREDITNOTE: "CreditNote",
    Syntax.CII: "CrossIndustryInvoice",
}


def syntax_of(root: etree._Element) -> Syntax:
    return _ROOTS.get(root.tag, Syntax.UNKNOWN_XML)


_ROOT_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(Invoice|CreditNote|CrossIndustryInvoice)[\s>/]")


def syntax_from_text(data: bytes) -> Syntax:
    """Best-effort syntax of bytes that were not parsed (e.g. a DOCTYPE document), from the root tag."""
    body = re.sub(rb"<!DOCTYPE.*?(\]\s*>|>)", b"", data[:65536], flags=re.S)
    match = _ROOT_TAG.search(body)
    if not match:
        return Syntax.NOT_XML
    name = match.group(1).decode()
    return {"Invoice": Syntax.UBL_INVOICE, "CreditNote": Syntax.UBL_CREDITNOTE}.get(name, Syntax.CII)


def customization_id(root: etree._Element, syntax: Syntax) -> str | None:
    """BT-24 as the scenario selection reads it (first occurrence, whitespace-trimmed)."""
    ids = _customization_ids(root, syntax)
    return ids[0].strip() if ids else None


def _customization_ids(root: etree._Element, syntax: Syntax) -> list[str]:
    # child steps with ``iterchildren`` (what ``findall`` of these paths selects, in the same order, without
    # lxml's path machinery)
    if syntax in (Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE):
        els = list(root.iterchildren(_UBL_ID))
    elif syntax is Syntax.CII:
        els = [
            el
            for context in root.iterchildren(_CII_CONTEXT)
            for parameter in context.iterchildren(_CII_PARAMETER)
            for el in parameter.iterchildren(_CII_ID)
        ]
    else:
        return []
    return [el.text or "" for el in els]


_UBL_ID = f"{{{NS_CBC}}}CustomizationID"
_CII_CONTEXT = f"{{{NS_CII}}}ExchangedDocumentContext"
_CII_PARAMETER = f"{{{NS_RAM}}}GuidelineSpecifiedDocumentContextParameter"
_CII_ID = f"{{{NS_RAM}}}ID"


def select_scenario(root: etree._Element, syntax: Syntax) -> Scenario | None:
    """The KoSIT scenario whose document type and CustomizationID match, or None (-> reject)."""
    if syntax not in _DOC:
        return None
    # KoSIT compares the raw text (XPath general comparison: any occurrence, no trimming)
    ids = set(_customization_ids(root, syntax))
    for sc in scenarios():
        if sc.document == _DOC[syntax] and sc.customization_id in ids:
            return sc
    return None
