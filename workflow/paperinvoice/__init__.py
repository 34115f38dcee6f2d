"""Paper (scanned) invoices: fields read from OCR text, marked "from paper, needs verification"."""
from __future__ import annotations

from workflow.paperinvoice.extract import PaperInvoiceInputError, extract_invoice_fields
from workflow.paperinvoice.fields import FIELD_NAMES, PaperInvoiceFields, fields_to_json
from workflow.paperinvoice.to_invoice import to_invoice

__all__ = ["FIELD_NAMES", "PaperInvoiceFields", "PaperInvoiceInputError", "extract_invoice_fields",
           "fields_to_json", "to_invoice"]
