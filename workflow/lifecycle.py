"""Document states in order. Delivery is at least once: after a crash an old event can arrive again, and it must
not move a document back (e.g. a redelivered 'classified' event must not pull a filed letter back to triage)."""
from __future__ import annotations

from typing import Any

from workflow.ports import DocumentRepository

RANK = {
    "received": 0, "extracted": 10,
    "validated": 20, "classified": 20, "rejected_pending": 20, "unchecked": 20,
    "triage": 30, "awaiting_rejection_confirmation": 30,
    "awaiting_approval": 35,  # after triage a paper invoice may still go to approval
    "routed": 40,
    "approved": 50, "rejected_in_approval": 50, "rejected": 50,
    "filed": 60,
}


# An e-invoice's verdict is final: once on one of these paths it never crosses to the other (a redelivery that
# decided differently must not put an invoice into approval beside its rejection task, or the other way round).
REJECTION_PATH = frozenset({"rejected_pending", "awaiting_rejection_confirmation", "rejected"})
ACCEPTANCE_PATH = frozenset({"validated", "awaiting_approval", "approved", "rejected_in_approval"})


def may_move(current: str | None, new: str) -> bool:
    if current is None:
        return True
    if new == "failed":  # a dead letter marks every state but a filed one
        return current != "filed"
    if current == "failed":
        return True  # re-delivered after a fix: processing may resume
    if (current in REJECTION_PATH and new in ACCEPTANCE_PATH) or (current in ACCEPTANCE_PATH and new in REJECTION_PATH):
        return False
    return RANK.get(new, 0) >= RANK.get(current, 0)


def advance(repo: DocumentRepository, document_id: str, status: str, **fields: Any) -> bool:
    """Set ``status`` (and fields) unless the document is already further; False = stale event, nothing written.

    Tested and written in one transaction."""
    return repo.update_document(document_id, status=status, when=lambda current: may_move(current, status), **fields)
