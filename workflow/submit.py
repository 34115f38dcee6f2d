"""Submitting documents and decisions: the only way in, shared by CLI, HTTP API and connectors.

The original bytes go to the object store once (content-addressed); Kafka carries the reference.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from schemas import topics
from schemas.envelope import Event, encode, make_event, now_iso
from workflow.ingest.logic import document_id
from workflow.ports import BlobStore


class Producer(Protocol):
    def send(self, topic: str, key: str | None, value: bytes, *, wait: bool = True) -> None: ...


@dataclass(frozen=True, slots=True)
class Submitted:
    document_id: str
    blob_key: str
    size: int
    event_id: str


def submit_document(blobs: BlobStore, producer: Producer, data: bytes, filename: str, *, channel: str,
                    submitted_by: str | None = None, received_at: datetime | None = None,
                    meta: dict[str, Any] | None = None, wait: bool = True) -> Submitted:
    key = blobs.put(data, content_type="application/octet-stream")
    doc_id = document_id(data)
    ev = make_event("document.submitted", {
        "blob_key": key, "filename": filename, "channel": channel,
        "received_at": (received_at.isoformat() if received_at else now_iso()), "size": len(data),
        "submitted_by": submitted_by, "meta": meta or {}}, source=f"client:{channel}", document_id=doc_id)
    producer.send(topics.INTAKE.name, doc_id, encode(ev), wait=wait)
    return Submitted(doc_id, key, len(data), ev.id)


def submit_decision(producer: Producer, event_type: str, document_id: str, data: dict[str, Any],
                    *, source: str) -> Event:
    ev = make_event(event_type, data, source=source, document_id=document_id)
    producer.send(topics.DECISIONS.name, document_id, encode(ev))
    return ev
