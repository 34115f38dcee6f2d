"""Extract stage: bytes in, either an e-invoice XML reference or per-page text (text layer / OCR) out."""
from __future__ import annotations

import asyncio
from typing import Any

from schemas import topics
from schemas.envelope import Event, follow
from workflow.artefacts import put_derived
from workflow.extract import logic
from workflow.lifecycle import advance
from workflow.ingest.logic import JPEG, PDF, PNG, TIFF, XML
from workflow.runner import Emit
from workflow.wiring import Services

STAGE = "extract"


async def _ocr(ev: Event, svc: Services, data: bytes) -> dict[str, Any]:
    """Text layer / OCR. A scan that is readable but not usable (blank, very low confidence, OCR timeout) is not a
    dead letter: it goes on with what was read and a triage reason, so a person decides in the inbox."""
    from workflow.errors import NeedsTriageError
    from workflow.ocr.errors import UnreadableDocumentError
    from workflow.ocr.model import ExtractedText

    doc_id = ev.document_id or ""
    triage_reason = None
    try:
        result = await svc.ocr.extract(data, ev.data["filename"])
    except UnreadableDocumentError as exc:
        result, triage_reason = exc.result, exc.reason
    except NeedsTriageError as exc:
        result, triage_reason = ExtractedText((), None, ev.data["media_type"], (exc.reason,)), exc.reason
    pages = [{"index": p.index, "text": p.text, "confidence": p.confidence, "source": p.source}
             for p in result.pages]
    text_key = await asyncio.to_thread(put_derived, svc.blobs, doc_id, "text.json", logic.pages_json(pages),
                                       content_type="application/json")
    out: dict[str, Any] = {"kind": "text", "text_key": text_key, "pages": len(pages),
                           "ocr_pages": sum(1 for p in result.pages if p.source == "ocr"),
                           "warnings": list(result.warnings), "triage_reason": triage_reason}
    confs = [p.confidence for p in result.pages if p.confidence is not None]
    out["mean_confidence"] = round(sum(confs) / len(confs), 2) if confs else None
    if result.rendition_pdf:
        out["rendition_key"] = await asyncio.to_thread(put_derived, svc.blobs, doc_id, "rendition.pdf",
                                                       result.rendition_pdf, content_type="application/pdf")
    return out


async def handle(ev: Event, svc: Services) -> list[Emit]:
    d = ev.data
    media = d["media_type"]
    data = await asyncio.to_thread(svc.blobs.get, d["blob_key"])
    base = {"media_type": media, "blob_key": d["blob_key"]}
    if media == XML:
        inv = await asyncio.to_thread(logic.classify_xml, data, d["filename"])
        payload = {**base, "kind": "einvoice", "xml_key": d["blob_key"], "syntax": inv.syntax, "profile": None}
    elif media == PDF:
        found = await asyncio.to_thread(logic.embedded_invoice, data)
        if found is not None:
            xml, inv = found
            xml_key = await asyncio.to_thread(put_derived, svc.blobs, ev.document_id or "", "invoice.xml", xml,
                                              content_type="application/xml")
            payload = {**base, "kind": "einvoice", "xml_key": xml_key, "syntax": inv.syntax, "profile": inv.profile}
        else:
            payload = {**base, **await _ocr(ev, svc, data)}
    elif media in (TIFF, PNG, JPEG):
        payload = {**base, **await _ocr(ev, svc, data)}
    else:  # intake admits only the types above
        raise logic.NotAnInvoiceXmlError(f"{d['filename']}: kein Extraktor für {media}")
    if not await asyncio.to_thread(_record, ev, svc, payload):
        return []  # redelivered after the document moved on: the next stage already has it
    return [(topics.EXTRACTED, follow(ev, "document.extracted", payload, source=f"stage:{STAGE}"))]


def _record(ev: Event, svc: Services, payload: dict[str, Any]) -> bool:
    doc_id = ev.document_id or ""
    detail = {k: v for k, v in payload.items() if k in ("kind", "syntax", "profile", "pages", "ocr_pages",
                                                         "mean_confidence", "warnings")}
    if not advance(svc.repo, doc_id, "extracted", meta={"extract": detail}):
        return False
    svc.repo.append_audit(doc_id, key="extract:done", at=svc.clock(), stage=STAGE, action="extracted",
                          actor="system", detail=detail)
    return True
