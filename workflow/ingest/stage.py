"""Intake stage: the submitted blob becomes a registered document (or a reported duplicate)."""
from __future__ import annotations

import asyncio
from datetime import datetime

from schemas import topics
from schemas.envelope import Event, follow, make_event
from workflow.errors import BadInputError, TooLargeError
from workflow.ingest import logic
from workflow.ports import DocumentRecord, content_digest
from workflow.runner import Emit
from workflow.wiring import Services

STAGE = "intake"


def _register(ev: Event, svc: Services) -> tuple[DocumentRecord | None, str, logic.Admission]:
    d = ev.data
    key = d["blob_key"]
    size = svc.blobs.size(key)
    if size > svc.settings.max_document_bytes:  # refuse before reading a huge file into memory
        raise TooLargeError(f"{d['filename']}: {size / 1_048_576:.1f} MB überschreitet die Grenze von "
                            f"{svc.settings.max_document_bytes / 1_048_576:.0f} MB")
    data = svc.blobs.get(key)
    adm = logic.admit(data, d["filename"], max_bytes=svc.settings.max_document_bytes)
    if content_digest(key) not in (None, adm.document_id) or ev.document_id != adm.document_id:
        raise BadInputError(f"{d['filename']}: Prüfsumme passt nicht zur Einlieferung (Datei verändert?)")
    doc = DocumentRecord(
        document_id=adm.document_id, filename=d["filename"], media_type=adm.media_type, size=adm.size,
        blob_key=key, channel=d["channel"], received_at=datetime.fromisoformat(d["received_at"]),
        status="received", title=d["filename"],
        meta={"submitted_by": d.get("submitted_by"), "intake_event": ev.id, **d.get("meta", {})},
    )
    created = svc.repo.add_document(doc)
    now = svc.clock()
    existing = doc if created else svc.repo.get_document(adm.document_id)
    if created or (existing is not None and existing.meta.get("intake_event") == ev.id):
        # new, or the same submission redelivered after a crash: the audit entry is idempotent on its key
        svc.repo.append_audit(adm.document_id, key="intake:received", at=doc.received_at, stage=STAGE,
                              action="received", actor=d.get("submitted_by") or d["channel"],
                              detail={"filename": d["filename"], "media_type": adm.media_type, "size": adm.size,
                                      "channel": d["channel"], "sha256": adm.document_id,
                                      "received_at": d["received_at"]})
        return existing, "new" if created else "replay", adm
    svc.repo.append_audit(adm.document_id, key=f"intake:duplicate:{ev.id}", at=now, stage=STAGE,
                          action="duplicate_intake", actor=d.get("submitted_by") or d["channel"],
                          detail={"filename": d["filename"], "channel": d["channel"],
                                  "reason": "gleiche Datei (SHA-256) wurde bereits eingeliefert"})
    return existing, "duplicate", adm


async def handle(ev: Event, svc: Services) -> list[Emit]:
    doc, outcome, adm = await asyncio.to_thread(_register, ev, svc)
    if outcome == "duplicate" or doc is None:
        # reported in the audit trail of the first document and in the status view; not processed twice
        note = make_event("stage.status", {"stage": STAGE, "outcome": "duplicate", "detail": ev.data["filename"],
                                           "reason": "gleiche Datei wurde bereits eingeliefert"},
                          source=f"stage:{STAGE}", document_id=ev.document_id, correlation_id=ev.correlation_id)
        return [(topics.OPS_STATUS, note)]
    if outcome == "replay" and doc.status != "received":
        return []  # redelivered after extract took it: nothing to send again
    out = follow(ev, "document.ingested", {
        "blob_key": doc.blob_key, "filename": doc.filename, "media_type": adm.media_type, "size": adm.size,
        "channel": doc.channel, "received_at": ev.data["received_at"]}, source=f"stage:{STAGE}")
    return [(topics.INGESTED, out)]
