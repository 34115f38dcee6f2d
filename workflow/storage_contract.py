"""Storage contract helpers shared by the ports and their connectors: the storage errors, blob keys, JSON
normalisation and the audit hash chain (pure functions, no I/O)."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workflow.errors import ServiceUnavailableError, WorkflowError

if TYPE_CHECKING:
    from workflow.ports import AuditRecord

# --------------------------------------------------------------------------------------------- storage errors


class StorageError(WorkflowError):
    """A storage call was refused for a reason retrying will not fix (park the document, a person looks)."""

    fix = "Aufruf prüfen: der Fehlertext nennt Schlüssel bzw. Kennung und den Grund."


class BlobNotFoundError(StorageError):
    """No blob is stored under the key."""

    fix = "Schlüssel prüfen; das Original muss zuerst mit put()/put_named() abgelegt werden."


class BlobConflictError(StorageError):
    """A write-once key already holds different bytes; blobs are never overwritten."""

    fix = "Einen neuen Schlüssel (z. B. mit Versionsnummer) verwenden; abgelegte Objekte bleiben unverändert."


class BlobIntegrityError(StorageError):
    """Stored bytes no longer match their recorded SHA-256: the object was altered or damaged."""

    fix = "Objekt aus der Sicherung wiederherstellen und den Vorfall im Verfahrensprotokoll festhalten."


class InvalidKeyError(StorageError):
    """A blob key is not of the allowed form (see :func:`check_blob_key`)."""

    fix = "Schlüssel aus Segmenten [A-Za-z0-9._-] bilden, getrennt durch '/', ohne '..' und ohne führenden '/'."


class InvalidRecordError(StorageError):
    """A record value cannot be stored as given (naive datetime, amount with > 4 decimals, non-JSON value)."""

    fix = "Wert im aufrufenden Code korrigieren (Zeiten mit Zeitzone, Beträge als Decimal, JSON-Werte)."


class RecordNotFoundError(StorageError):
    """An update names a document or task that the repository does not hold."""

    fix = "Kennung prüfen; Dokument bzw. Aufgabe muss zuerst angelegt werden (add_document/add_tasks)."


class TaskStateError(StorageError):
    """The task is not in a state that allows the requested change."""

    fix = "Aufgabenstatus prüfen (list_tasks); nur offene Aufgaben können entschieden werden."


class TaskAlreadyDecidedError(TaskStateError):
    """A second, different decision on a task that is already decided."""

    fix = "Die erste Entscheidung gilt; für eine Änderung eine neue Aufgabe anlegen."


StorageUnavailableError = ServiceUnavailableError  # connection problems: the event is retried

# ------------------------------------------------------------------------------------------ keys and hashing

GENESIS_HASH = "0" * 64  # prev_hash of the first audit entry of a document
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}"
_KEY_RE = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
_CONTENT_KEY_RE = re.compile(r"sha256/([0-9a-f]{64})")


def content_key(data: bytes) -> str:
    """The content-addressed key of ``data``: ``sha256/<lowercase hex>``."""
    return "sha256/" + hashlib.sha256(data).hexdigest()


def content_digest(key: str) -> str | None:
    """The hex digest a content-addressed key promises, or None for a named key."""
    match = _CONTENT_KEY_RE.fullmatch(key)
    return match.group(1) if match else None


def check_blob_key(key: str) -> str:
    """Return ``key`` if it is a safe relative key (segments of ``[A-Za-z0-9._-]``, max 1024 chars).

    Raises:
        InvalidKeyError: empty, absolute, ``..`` segments, other characters, or ``sha256/`` with a bad digest.
    """
    if not isinstance(key, str) or len(key) > 1024 or not _KEY_RE.fullmatch(key) or ".." in key.split("/"):
        raise InvalidKeyError(f"invalid blob key {key!r}: use segments of [A-Za-z0-9._-] separated by '/'")
    if key.startswith("sha256/") and content_digest(key) is None:
        raise InvalidKeyError(f"invalid blob key {key!r}: 'sha256/' keys must be 'sha256/' + 64 lowercase hex")
    return key


def json_safe(value: Any) -> Any:
    """Convert ``value`` to plain JSON types: Decimal -> str, date/datetime -> ISO, tuples/sets -> lists.

    Raises:
        TypeError: for values JSON cannot represent (the message names the type).
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise TypeError(f"{value!r} cannot be stored as JSON; use None or a Decimal string")
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [json_safe(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    raise TypeError(f"value of type {type(value).__name__} cannot be stored as JSON; convert it first")


def canonical_json(value: Any) -> str:
    """Deterministic JSON text (sorted keys, no spaces, UTF-8 kept) of :func:`json_safe` ``value``."""
    return json.dumps(json_safe(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def audit_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """Chain hash of an audit entry: ``sha256(prev_hash + canonical_json(entry))`` as hex.

    ``entry`` holds document_id, seq, key, at (ISO, UTC), stage, action, actor and detail.
    """
    return hashlib.sha256((prev_hash + canonical_json(entry)).encode("utf-8")).hexdigest()


def audit_entry(
    document_id: str, seq: int, key: str, at: datetime, stage: str, action: str, actor: str, detail: Any
) -> dict[str, Any]:
    """The hashed content of one audit entry (``at`` in UTC ISO form, ``detail`` as :func:`json_safe`)."""
    return {
        "document_id": document_id,
        "seq": seq,
        "key": key,
        "at": at.astimezone(UTC).isoformat(),
        "stage": stage,
        "action": action,
        "actor": actor,
        "detail": json_safe(detail),
    }


def verify_audit_chain(document_id: str, records: Sequence[AuditRecord]) -> tuple[bool, str]:
    """Check a document's entries (in ``seq`` order): numbering, links and hashes. Returns (ok, reason)."""
    prev = GENESIS_HASH
    for expected_seq, rec in enumerate(records, start=1):
        where = f"audit entry {rec.seq} ({rec.key}) of {document_id}"
        if rec.document_id != document_id:
            return False, f"{where} belongs to document {rec.document_id}"
        if rec.seq != expected_seq:
            return False, f"entry {expected_seq} of {document_id} is missing (found seq {rec.seq}): deleted row"
        if rec.prev_hash != prev:
            return False, f"{where}: prev_hash does not link to the entry before it: rows were changed or removed"
        entry = audit_entry(document_id, rec.seq, rec.key, rec.at, rec.stage, rec.action, rec.actor, rec.detail)
        if audit_hash(prev, entry) != rec.hash:
            return False, f"{where}: content does not match its hash: the row was altered after writing"
        prev = rec.hash
    return True, f"{len(records)} audit entries of {document_id} intact"


def seller_key(vat_id: str | None, name: str | None = None) -> str | None:
    """Normalised seller identity for duplicate detection: the VAT id without blanks (upper case), else the
    name case-folded with whitespace collapsed; None when neither is given."""
    if vat_id and vat_id.strip():
        return re.sub(r"[\s.\-]", "", vat_id).upper()
    if name and name.strip():
        return " ".join(name.split()).casefold()
    return None
