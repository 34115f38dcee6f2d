"""Ports: the records and Protocols the pipeline talks to; connectors implement them structurally.

Storage part: :class:`BlobStore` (original files and derived artefacts) and :class:`DocumentRepository`
(documents, invoices, approval tasks, audit trail, dead letters, filings, corrections), plus the record values
they exchange and the errors they raise. Contracts use RFC 2119 words (MUST, SHOULD, MAY).

Delivery through Kafka is at least once, so every write in these ports MUST be idempotent: replaying the same
event MUST leave the same state and MUST NOT raise.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from workflow.errors import ServiceUnavailableError, WorkflowError

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


# --------------------------------------------------------------------------------------------------- records


class TaskStatus(StrEnum):
    """Task states the repository relies on; decisions MAY use further values (e.g. ``approved``)."""

    WAITING = "waiting"  # a later step of a sequence: not yet actionable
    OPEN = "open"  # actionable by any candidate
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One received document (the original lives in the BlobStore under ``blob_key``)."""

    document_id: str
    filename: str
    media_type: str
    size: int
    blob_key: str
    channel: str
    received_at: datetime
    status: str
    doc_type: str | None = None
    department: str | None = None
    title: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    """The invoice read from a document: key fields as columns, the full model and report as JSON."""

    document_id: str
    source: str
    seller_name: str | None
    seller_vat_id: str | None
    invoice_number: str | None
    issue_date: date | None
    due_date: date | None
    gross: Decimal | None
    currency: str | None
    leitweg_id: str | None
    accept: bool | None
    data: Mapping[str, Any] = field(default_factory=dict)
    validation: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """One approval step for one document; ``candidates`` are the users who may decide it."""

    task_id: str
    document_id: str
    step: str
    position: int
    status: str
    role: str
    candidates: tuple[str, ...]
    amount: Decimal | None
    created_at: datetime
    due_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    comment: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One link of a document's tamper-evident audit chain (see :func:`audit_hash`)."""

    document_id: str
    seq: int
    key: str
    at: datetime
    stage: str
    action: str
    actor: str
    detail: Mapping[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class DeadLetterRecord:
    """A parked event with the reason it could not be processed."""

    dead_letter_id: str
    document_id: str | None
    stage: str
    error_type: str
    reason: str
    topic: str
    at: datetime
    payload: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class FilingRecord:
    """Where a document was filed (Aktenplan key) and until when it is kept; ``items``: name -> blob key."""

    document_id: str
    file_plan_key: str
    retention_years: int | None
    retain_until: date | None
    filed_at: datetime
    items: Mapping[str, str]
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    """A person's correction of an extracted field (training signal and audit evidence)."""

    document_id: str
    field: str
    old: str | None
    new: str | None
    user: str
    at: datetime


# ------------------------------------------------------------------------------------------------- protocols


@runtime_checkable
class BlobStore(Protocol):
    """Write-once object storage for originals and derived files.

    Implementations MUST write atomically (a reader never sees a partial object), MUST NOT overwrite stored
    bytes, and MUST raise :class:`StorageUnavailableError` when the backend cannot be reached.
    """

    def put(self, data: bytes, *, content_type: str = "application/octet-stream") -> str:
        """Store ``data`` under its content key ``sha256/<hex>`` and return the key.

        MUST be idempotent: storing the same bytes again returns the same key and writes nothing.
        """
        ...

    def put_named(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> str:
        """Store ``data`` once under ``key`` and return it.

        The same bytes again MUST succeed; different bytes under an existing key MUST raise
        :class:`BlobConflictError`. An invalid key MUST raise :class:`InvalidKeyError`.
        """
        ...

    def get(self, key: str) -> bytes:
        """The stored bytes; MUST raise :class:`BlobNotFoundError` when absent and SHOULD raise
        :class:`BlobIntegrityError` when the bytes no longer match their hash."""
        ...

    def exists(self, key: str) -> bool:
        """Whether an object is stored under ``key``."""
        ...

    def size(self, key: str) -> int:
        """Size in bytes; MUST raise :class:`BlobNotFoundError` when absent."""
        ...


@runtime_checkable
class DocumentRepository(Protocol):
    """Relational state of the workflow. Synchronous: async callers use ``asyncio.to_thread``.

    Every write MUST be idempotent (at-least-once delivery). Datetimes MUST be timezone-aware and are returned
    in UTC; amounts are Decimal. Unavailable databases MUST raise :class:`StorageUnavailableError`.
    """

    def add_document(self, doc: DocumentRecord) -> bool:
        """Insert ``doc``; return False (and change nothing) if the id exists: a duplicate intake."""
        ...

    def get_document(self, document_id: str) -> DocumentRecord | None: ...

    def update_document(
        self, document_id: str, *, status: str | None = None, doc_type: str | None = None,
        department: str | None = None, title: str | None = None, meta: Mapping[str, Any] | None = None,
    ) -> None:
        """Set the given fields (None = unchanged); ``meta`` is merged key by key into the stored meta.

        MUST raise :class:`RecordNotFoundError` for an unknown id.
        """
        ...

    def list_documents(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[DocumentRecord]:
        """Documents, newest received first, optionally of one status."""
        ...

    def upsert_invoice(self, rec: InvoiceRecord) -> None:
        """Insert or replace the invoice of ``rec.document_id``."""
        ...

    def get_invoice(self, document_id: str) -> InvoiceRecord | None: ...

    def find_invoice_duplicate(
        self, *, seller_key: str, invoice_number: str, gross: Decimal | None, exclude_document_id: str
    ) -> str | None:
        """The id of another document with the same seller (VAT id or name, see :func:`seller_key`),
        invoice number and, when ``gross`` is given, the same gross amount; None if there is none.
        An empty seller key or invoice number MUST raise :class:`InvalidRecordError`."""
        ...

    def add_tasks(self, tasks: Iterable[TaskRecord]) -> None:
        """Insert each task whose ``task_id`` is not stored yet; stored tasks stay unchanged."""
        ...

    def get_task(self, task_id: str) -> TaskRecord | None: ...

    def list_tasks(
        self, *, status: str | None = None, user: str | None = None, document_id: str | None = None
    ) -> list[TaskRecord]:
        """Tasks matching all given filters (``user``: among the candidates), oldest first."""
        ...

    def decide_task(
        self, task_id: str, *, status: str, user: str, comment: str | None, at: datetime
    ) -> TaskRecord:
        """Record a decision on an open task and return the stored task.

        Deciding again with the same status, user and comment MUST return the stored record unchanged; a
        different decision MUST raise :class:`TaskAlreadyDecidedError`; a task that is not open MUST raise
        :class:`TaskStateError`; an unknown task MUST raise :class:`RecordNotFoundError`.
        """
        ...

    def update_task(self, task_id: str, *, status: str) -> None:
        """Change the status of an undecided task (e.g. waiting -> open, -> cancelled)."""
        ...

    def append_audit(
        self, document_id: str, *, key: str, at: datetime, stage: str, action: str, actor: str,
        detail: Mapping[str, Any],
    ) -> AuditRecord:
        """Append an entry to the document's hash chain and return it.

        MUST be idempotent on (document_id, key): the stored entry is returned. ``seq`` starts at 1 and
        increments per document; concurrent appends MUST NOT fork the chain.
        """
        ...

    def audit_trail(self, document_id: str) -> list[AuditRecord]:
        """The document's entries in ``seq`` order."""
        ...

    def verify_audit(self, document_id: str) -> tuple[bool, str]:
        """Recompute the chain; (True, reason) when intact, else (False, which entry broke and how)."""
        ...

    def add_dead_letter(self, rec: DeadLetterRecord) -> None:
        """Insert unless ``rec.dead_letter_id`` is stored."""
        ...

    def list_dead_letters(self, *, limit: int = 100) -> list[DeadLetterRecord]:
        """Newest first."""
        ...

    def file_document(self, rec: FilingRecord) -> bool:
        """Record the filing; False if the document was filed before (filing happens exactly once)."""
        ...

    def get_filing(self, document_id: str) -> FilingRecord | None: ...

    def stage_counts(self) -> dict[str, int]:
        """Number of documents per status."""
        ...

    def add_correction(self, rec: CorrectionRecord) -> None:
        """Insert unless the same (document_id, field, user, at) is stored."""
        ...

    def list_corrections(self, *, document_id: str | None = None) -> list[CorrectionRecord]:
        """Corrections, oldest first, optionally of one document."""
        ...
