"""Invoice helpers shared by the stages: summaries for events, payment deadline, the SQL record."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from schemas.invoice import Invoice, InvoiceSummary, SkontoTerm, invoice_to_dict, summarize
from workflow.ports import InvoiceRecord, json_safe


def summary_json(s: InvoiceSummary) -> dict[str, Any]:
    keys = ("seller_name", "seller_vat_id", "invoice_number", "issue_date", "due_date", "gross", "amount_due",
            "currency", "iban", "leitweg_id")
    return {k: json_safe(getattr(s, k)) for k in keys}


INVOICE_TYPES = ("rechnung", "gutschrift")  # document types that carry invoice fields and need approval


def pay_by(issue_date: date | None, due_date: date | None, skonto: Sequence[SkontoTerm], received: date
           ) -> date | None:
    """The date by which payment must leave: the Skonto deadline if there is one, else the due date.

    Skonto days count from the invoice date when given, else from receipt (XRechnung BT-20 convention).
    """
    start = issue_date or received
    deadlines = [start + timedelta(days=t.days) for t in skonto]
    candidates = [d for d in (*deadlines, due_date) if d is not None]
    return min(candidates) if candidates else None


def invoice_record(document_id: str, inv: Invoice, *, accept: bool | None,
                   validation: dict[str, Any]) -> InvoiceRecord:
    s = summarize(inv)
    return InvoiceRecord(
        document_id=document_id, source=str(inv.source), seller_name=s.seller_name, seller_vat_id=s.seller_vat_id,
        invoice_number=s.invoice_number, issue_date=s.issue_date, due_date=s.due_date, gross=s.gross,
        currency=s.currency, leitweg_id=s.leitweg_id, accept=accept, data=invoice_to_dict(inv),
        validation=validation,
    )
