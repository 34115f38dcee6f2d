"""Map paper-invoice fields into the typed EN 16931 model (source "paper", needs_verification=True)."""
from __future__ import annotations

from schemas.invoice import (CreditTransfer, DocumentTotals, Invoice, InvoiceSource, Party,
                             PaymentInstructions)
from workflow.paperinvoice.fields import PaperInvoiceFields

_CREDIT_NOTE = "381"
_COMMERCIAL_INVOICE = "380"
_SEPA_CREDIT_TRANSFER = "58"


def to_invoice(f: PaperInvoiceFields) -> Invoice:
    """The invoice model for these fields; absent values stay None for a person to fill in."""
    payment = None
    if f.iban is not None:
        payment = PaymentInstructions(means_code=_SEPA_CREDIT_TRANSFER,
                                      credit_transfers=(CreditTransfer(account_id=f.iban),))
    return Invoice(
        source=InvoiceSource.PAPER.value,
        invoice_number=f.invoice_number,
        issue_date=f.invoice_date,
        type_code=_CREDIT_NOTE if f.is_credit_note else _COMMERCIAL_INVOICE,
        currency=f.currency,
        due_date=f.due_date,
        buyer_reference=f.leitweg_id,
        seller=Party(name=f.seller_name) if f.seller_name else None,
        payment_instructions=payment,
        totals=DocumentTotals(total_without_vat=f.net, vat_total=f.vat, total_with_vat=f.gross,
                              amount_due=f.gross),
        needs_verification=True,
    )
