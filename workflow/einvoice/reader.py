"""Bytes -> Invoice model for the pipeline's extract stage (independent of the validation verdict)."""

from __future__ import annotations

from schemas.invoice import Invoice, InvoiceSource
from workflow.einvoice.detect import Syntax, syntax_of
from workflow.einvoice.parse_cii import parse_cii
from workflow.einvoice.parse_ubl import parse_ubl
from workflow.einvoice.xmlsafe import XmlLimits, parse_xml
from workflow.errors import BadInputError


class NotAnInvoiceError(BadInputError):
    """Well-formed XML, but neither a UBL Invoice/CreditNote nor a CII CrossIndustryInvoice."""

    fix = "Dokument als sonstige Post behandeln oder beim Absender eine XRechnung (UBL oder CII) anfordern."


def read_invoice(data: bytes, *, zugferd: bool = False, limits: XmlLimits = XmlLimits()) -> Invoice:
    """Read an e-invoice XML into the model; ``zugferd=True`` marks CII taken out of a PDF.

    Raises NotWellFormedError / DoctypeNotAllowedError / XmlTooLargeError (from ``xmlsafe``) or
    NotAnInvoiceError; values that are missing or unreadable in the document become None.
    """
    root = parse_xml(data, limits)
    syntax = syntax_of(root)
    if syntax is Syntax.CII:
        source = InvoiceSource.ZUGFERD if zugferd else InvoiceSource.XRECHNUNG_CII
        return parse_cii(root, source=source.value)
    if syntax in (Syntax.UBL_INVOICE, Syntax.UBL_CREDITNOTE):
        return parse_ubl(root)
    raise NotAnInvoiceError(f"kein E-Rechnungsformat erkannt (Wurzelelement {root.tag!r})")
