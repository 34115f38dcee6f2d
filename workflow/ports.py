"""Ports: the records and Protocols the pipeline talks to; connectors implement them structurally.

Storage part: :class:`BlobStore` (original files and derived artefacts) and :class:`DocumentRepository`
(documents, invoices, approval tasks, audit trail, dead letters, filings, corrections), plus the record values
they exchange and the errors they raise. Contracts use RFC 2119 words (MUST, SHOULD, MAY).

Delivery through Kafka is at least once, so every write in these ports MUST be idempotent: replaying the same
event MUST leave the same state and MUST NOT raise.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable


from workflow.storage_contract import (  # noqa: F401 - re-exported: part of the ports' contract
    BlobConflictError,
    BlobIntegrityError,
    BlobNotFoundError,
    GENESIS_HASH,
    InvalidKeyError,
    InvalidRecordError,
    RecordNotFoundError,
    StorageError,
    StorageUnavailableError,
    TaskAlreadyDecidedError,
    TaskStateError,
    audit_entry,
    audit_hash,
    canonical_json,
    check_blob_key,
    content_digest,
    content_key,
    json_safe,
    verify_audit_chain,
)


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
        when: Callable[[str], bool] | None = None,
    ) -> bool:
        """Set the given fields (None = unchanged); ``meta`` is merged key by key into the stored meta.

        With ``when``, only if ``when(current status)`` holds, tested and written in one transaction (the row
        locked): returns False and changes nothing otherwise. MUST raise :class:`RecordNotFoundError` for an
        unknown id.
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
