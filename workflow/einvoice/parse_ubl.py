"""UBL 2.1 Invoice / CreditNote -> Invoice model (for the pipeline's extract stage)."""

from __future__ import annotations

from lxml import etree

from schemas.invoice import Invoice, InvoiceSource
from workflow.einvoice.extract import extract_invoice


def parse_ubl(root: etree._Element) -> Invoice:
    """Read a parsed UBL document; absent values become None, whatever the validation verdict."""
    return extract_invoice(root, "ubl", InvoiceSource.XRECHNUNG_UBL.value)
