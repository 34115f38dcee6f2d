"""Mailroom stage: page text in, document type + department (or manual triage) and paper-invoice fields out."""
from __future__ import annotations

import asyncio
from typing import Any

from schemas import topics
from schemas.envelope import Event, follow
from schemas.invoice import summarize
from workflow.extract.logic import full_text, pages_from_json
from workflow.invoices import INVOICE_TYPES, invoice_record, summary_json
from workflow.lifecycle import advance, may_move
from workflow.ports import json_safe
from workflow.runner import Emit
from workflow.storage_contract import seller_key
from workflow.wiring import Services

STAGE = "mailroom"


def _classify(ev: Event, svc: Services) -> dict[str, Any] | None:
    from workflow.classify import classify
    from workflow.paperinvoice import extract_invoice_fields, fields_to_json
    from workflow.paperinvoice.to_invoice import to_invoice

    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    if doc is not None and not may_move(doc.status, "classified"):
        return None  # redelivered after the document moved on: keep triage results and corrections
    pages = pages_from_json(svc.blobs.get(ev.data["text_key"]))
    text = full_text(pages)
    c = classify(text, svc.routing, svc.classifier)
    triage, why = c.triage, c.triage_reason
    if ev.data.get("triage_reason"):
        triage, why = True, f"Scan: {ev.data['triage_reason']}"
    elif not text.strip():
        triage, why = True, "kein lesbarer Text (leere Seite oder unlesbarer Scan)"
    conf = {"doc_type": round(float(c.doc_type.confidence), 3), "department": round(float(c.department.confidence), 3)}
    if not triage and min(conf.values()) < svc.settings.triage_threshold:
        triage, why = True, f"Konfidenz unter {svc.settings.triage_threshold:.2f}"
    reasons = [f"Typ {c.doc_type.value}: " + "; ".join(c.doc_type.reasons),
               f"Amt {c.department.value}: " + "; ".join(c.department.reasons)]
    invoice_summary = None
    dup = None
    fields_json = None
    if c.doc_type.value in INVOICE_TYPES:
        fields = extract_invoice_fields(text)
        fields_json = fields_to_json(fields)
        inv = to_invoice(fields)
        s = summarize(inv)
        invoice_summary = summary_json(s)
        key = seller_key(s.seller_vat_id, s.seller_name)
        if key and s.invoice_number:
            dup = svc.repo.find_invoice_duplicate(seller_key=key, invoice_number=s.invoice_number, gross=s.gross,
                                                  exclude_document_id=doc_id)
        problems = {k: str(v) for k, v in getattr(fields, "problems", {}).items()}
        svc.repo.upsert_invoice(invoice_record(doc_id, inv, accept=None,
                                               validation={"from_paper": True, "problems": problems,
                                                           "fields": fields_json}))
    payload: dict[str, Any] = {
        "doc_type": c.doc_type.value, "department": c.department.value, "confidence": conf,
        "reasons": reasons, "triage": bool(triage), "triage_reason": why, "flags": list(c.flags),
        "deadline": c.deadline.isoformat() if c.deadline else None, "deadline_reason": c.deadline_reason,
        "invoice": invoice_summary, "duplicate_of": dup,
    }
    if not advance(svc.repo, doc_id, "classified", doc_type=c.doc_type.value, department=c.department.value,
                   meta={"classification": json_safe(payload), "paper_fields": fields_json}):
        return None
    svc.repo.append_audit(doc_id, key="mailroom:classified", at=svc.clock(), stage=STAGE, action="classified",
                          actor="system", detail=json_safe(payload))
    return payload


async def handle(ev: Event, svc: Services) -> list[Emit]:
    payload = await asyncio.to_thread(_classify, ev, svc)
    if payload is None:
        return []
    return [(topics.UNDERSTOOD, follow(ev, "document.classified", payload, source=f"stage:{STAGE}"))]
