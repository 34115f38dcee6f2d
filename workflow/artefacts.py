"""Derived artefacts (text, rendition, reports, metadata) next to the original in the object store.

They are written once per document: when an event is redelivered (after a crash), the artefact of the first run
is kept, even if a second OCR run would produce slightly different bytes (PDF ids, timestamps), so every later
stage and the E-Akte see one version.
"""
from __future__ import annotations

from workflow.ports import BlobConflictError, BlobStore


def derived_key(document_id: str, name: str) -> str:
    return f"derived/{document_id}/{name}"


def put_derived(blobs: BlobStore, document_id: str, name: str, data: bytes, *, content_type: str) -> str:
    key = derived_key(document_id, name)
    if blobs.exists(key):
        return key  # first version wins (redelivery)
    try:
        return blobs.put_named(key, data, content_type=content_type)
    except BlobConflictError:  # written concurrently by a second delivery: the stored version stands
        return key
