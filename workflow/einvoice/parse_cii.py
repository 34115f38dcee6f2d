"""UN/CEFACT CII D16B CrossIndustryInvoice -> Invoice model (XRechnung CII and ZUGFeRD/Factur-X XML)."""

from __future__ import annotations

from lxml import etree

from schemas.invoice import Invoice, InvoiceSource
from workflow.einvoice.extract import extract_invoice


def parse_cii(root: etree._Element, *, source: str = InvoiceSource.XRECHNUNG_CII.value) -> Invoice:
    """Read a parsed CII document; pass ``source='zugferd'`` for XML taken out of a PDF."""
    return extract_invoice(root, "cii", source)
