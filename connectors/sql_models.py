"""SQLAlchemy 2 tables of the repository: the persistence shape, not the domain (records live in workflow.ports).

Portable between SQLite and PostgreSQL:
- times: :class:`UtcDateTime` refuses naive datetimes and always returns aware UTC values;
- amounts: :class:`Amount` is NUMERIC(18, 4) on PostgreSQL; on SQLite (no decimal type) a canonical
  fixed-point string, so Decimal values come back exactly and equality searches work;
- task candidates: a child table, so "tasks of user X" is an indexed join on both databases.

No foreign keys from derived tables to ``documents``: dead letters can exist for documents that were never
stored, and replays of other topics may arrive in any order; idempotent writes must not fail on order.
The schema is created by Alembic (connectors/migrations), never by ``create_all`` in production paths.
"""
from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from workflow.ports import CorrectionRecord, InvoiceRecord, TaskRecord, json_safe
from workflow.storage_contract import seller_key

_R = TypeVar("_R")

_SCALE = Decimal("0.0001")


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamp; stored in UTC, returned as aware UTC datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} refused: pass timezone-aware times (UTC)")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Amount(TypeDecorator[Decimal]):
    """Money amount with up to 4 decimal places; exact on both databases."""

    impl = Numeric(18, 4)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(18, 4, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        fixed = quantize_amount(value)
        return format(fixed, "f") if dialect.name == "sqlite" else fixed

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(_SCALE)


def quantize_amount(value: Decimal) -> Decimal:
    """``value`` with exactly 4 decimal places; refuses non-Decimal input and values that would be rounded."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"amount {value!r} refused: pass a finite decimal.Decimal")
    try:
        fixed = value.quantize(_SCALE)
    except InvalidOperation:
        raise ValueError(f"amount {value} is too large for NUMERIC(18, 4)") from None
    if fixed != value:
        raise ValueError(f"amount {value} has more than 4 decimal places: round it before storing")
    if abs(fixed) >= Decimal(10) ** 14:
        raise ValueError(f"amount {value} is too large for NUMERIC(18, 4)")
    return fixed


class Base(DeclarativeBase):
    """Declarative base; its metadata is Alembic's target."""

    type_annotation_map = {datetime: UtcDateTime(), Decimal: Amount(), date: Date(), dict[str, Any]: JSON()}


class DocumentRow(Base):
    __tablename__ = "documents"

    document_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    filename: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    blob_key: Mapped[str] = mapped_column(String(1024))
    channel: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(64), index=True)
    doc_type: Mapped[str | None] = mapped_column(String(64))
    department: Mapped[str | None] = mapped_column(String(128))
    title: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime | None]


class InvoiceRow(Base):
    __tablename__ = "invoices"
    __table_args__ = (Index("ix_invoices_dup", "invoice_number", "seller_vat_key", "seller_name_key"),)

    document_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    seller_name: Mapped[str | None] = mapped_column(String(512))
    seller_vat_id: Mapped[str | None] = mapped_column(String(64))
    seller_vat_key: Mapped[str | None] = mapped_column(String(64))
    seller_name_key: Mapped[str | None] = mapped_column(String(512))
    invoice_number: Mapped[str | None] = mapped_column(String(256))
    issue_date: Mapped[date | None]
    due_date: Mapped[date | None]
    gross: Mapped[Decimal | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    leitweg_id: Mapped[str | None] = mapped_column(String(64))
    accept: Mapped[bool | None] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]]
    validation: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_document", "document_id", "position"),)

    task_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(128))
    step: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32), index=True)
    role: Mapped[str] = mapped_column(String(128))
    amount: Mapped[Decimal | None]
    created_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]]


class TaskCandidateRow(Base):
    __tablename__ = "task_candidates"
    __table_args__ = (Index("ix_task_candidates_user", "user_name"),)

    task_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(128), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (UniqueConstraint("document_id", "key", name="uq_audit_entries_document_key"),)

    document_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(256))
    at: Mapped[datetime]
    stage: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(128))
    actor: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class DeadLetterRow(Base):
    __tablename__ = "dead_letters"

    dead_letter_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    document_id: Mapped[str | None] = mapped_column(String(128), index=True)
    stage: Mapped[str] = mapped_column(String(64))
    error_type: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(256))
    at: Mapped[datetime] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]]


class FilingRow(Base):
    __tablename__ = "filings"

    document_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    file_plan_key: Mapped[str] = mapped_column(String(128), index=True)
    retention_years: Mapped[int | None] = mapped_column(Integer)
    retain_until: Mapped[date | None]
    filed_at: Mapped[datetime]
    items: Mapped[dict[str, Any]]
    meta: Mapped[dict[str, Any]]


class CorrectionRow(Base):
    __tablename__ = "corrections"
    __table_args__ = (
        UniqueConstraint("document_id", "field", "user_name", "at", name="uq_corrections_event"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(128), index=True)
    field: Mapped[str] = mapped_column(String(128))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime]


# ------------------------------------------------------------------------------- rows <-> records (ports)

_JSON_FIELDS = frozenset({"meta", "data", "validation", "detail", "payload", "items"})


def row_values(rec: Any, **extra: Any) -> dict[str, Any]:
    """Column values of a port record (same field names; mappings made JSON-safe) plus ``extra`` columns."""
    values = {f.name: getattr(rec, f.name) for f in fields(rec)}
    for name in _JSON_FIELDS & values.keys():
        values[name] = json_safe(values[name] or {})
    values.update(extra)
    return values


def to_record(cls: type[_R], row: Base, **extra: Any) -> _R:
    """The port record ``cls`` from a row (same field names), with ``extra`` fields given explicitly."""
    names = [f.name for f in fields(cls) if f.name not in extra]  # type: ignore[arg-type]
    return cls(**{name: getattr(row, name) for name in names}, **extra)


def invoice_values(rec: InvoiceRecord) -> dict[str, Any]:
    return row_values(
        rec,
        invoice_number=rec.invoice_number.strip() if rec.invoice_number else rec.invoice_number,
        seller_vat_key=seller_key(rec.seller_vat_id, None),
        seller_name_key=seller_key(None, rec.seller_name),
        updated_at=datetime.now(UTC),
    )


def task_values(rec: TaskRecord) -> dict[str, Any]:
    values = row_values(rec)
    del values["candidates"]
    return values


def task_record(row: TaskRow, candidates: tuple[str, ...]) -> TaskRecord:
    return to_record(TaskRecord, row, candidates=candidates)


def correction_values(rec: CorrectionRecord) -> dict[str, Any]:
    values = row_values(rec, user_name=rec.user)
    del values["user"]
    return values


def correction_record(row: CorrectionRow) -> CorrectionRecord:
    return to_record(CorrectionRecord, row, user=row.user_name)
