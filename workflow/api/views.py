"""Server-side views of one document: the invoice page for approvers and attachment downloads."""
from __future__ import annotations

import base64
import json
from typing import Any

from fastapi import HTTPException

from schemas.invoice import invoice_from_dict
from workflow.artefacts import derived_key
from workflow.wiring import Services


def _invoice(svc: Services, doc_id: str) -> Any:
    rec = svc.repo.get_invoice(doc_id)
    if rec is None or not rec.data:
        raise HTTPException(404, detail={"reason": "zu diesem Dokument gibt es keine Rechnungsdaten"})
    return rec, invoice_from_dict(dict(rec.data))


def invoice_page(svc: Services, doc_id: str) -> str:
    from workflow.einvoice.render.html import render_invoice_html
    from workflow.validate.logic import report_from_json

    rec, inv = _invoice(svc, doc_id)
    report = None
    key = derived_key(doc_id, "validation.json")
    if svc.blobs.exists(key):
        report = report_from_json(json.loads(svc.blobs.get(key)))
    return render_invoice_html(inv, report=report, attachments_url=lambda i: f"/documents/{doc_id}/attachments/{i}")


def attachment_bytes(svc: Services, doc_id: str, index: int) -> tuple[bytes, str, str]:
    _, inv = _invoice(svc, doc_id)
    if not 0 <= index < len(inv.attachments) or inv.attachments[index].content is None:
        raise HTTPException(404, detail={"reason": f"Anlage {index} nicht vorhanden oder nur als Verweis"})
    att = inv.attachments[index]
    data = att.content if isinstance(att.content, bytes) else base64.b64decode(att.content)
    return data, att.mime_code or "application/octet-stream", att.filename or f"anlage-{index}"
