"""DocumentRepository on SQLAlchemy 2 for SQLite (embedded, one file shared by worker and API) and PostgreSQL.

Transactions: every public method is one transaction. Writes on SQLite start with ``BEGIN IMMEDIATE`` (the write
lock is taken up front, so a read-then-write never fails half way with "database is locked"; other processes
wait up to the busy timeout); on PostgreSQL, per-document advisory locks and ``SELECT ... FOR UPDATE`` keep the
audit chain and task decisions consistent under concurrency. Inserts use ``ON CONFLICT DO NOTHING`` so replays
are no-ops.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from connectors.sql_models import (
    AuditRow,
    Base,
    CorrectionRow,
    DeadLetterRow,
    DocumentRow,
    FilingRow,
    InvoiceRow,
    TaskCandidateRow,
    TaskRow,
    correction_record,
    correction_values,
    invoice_values,
    row_values,
    task_record,
    task_values,
    to_record,
)
from workflow.errors import ServiceUnavailableError
from workflow.ports import (
    GENESIS_HASH,
    AuditRecord,
    CorrectionRecord,
    DeadLetterRecord,
    DocumentRecord,
    FilingRecord,
    InvalidRecordError,
    InvoiceRecord,
    RecordNotFoundError,
    TaskAlreadyDecidedError,
    TaskRecord,
    TaskStateError,
    TaskStatus,
    audit_entry,
    audit_hash,
    json_safe,
    verify_audit_chain,
)
from workflow.storage_contract import seller_key

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0
_MIGRATE_LOCK = 0x616B7465  # advisory lock id serialising concurrent migrate() calls on PostgreSQL
_UNDECIDED = frozenset({TaskStatus.OPEN, TaskStatus.WAITING})


class SqlRepository:
    """``workflow.ports.DocumentRepository`` on a SQLAlchemy URL.

    Args:
        url: ``sqlite:////abs/path/aktenfluss.db`` (WAL mode; parent folder created), ``sqlite://`` (in-memory,
            one process only) or ``postgresql+psycopg://user:pw@host:port/db``.

    Call :meth:`migrate` once at start-up (idempotent, safe when worker and API start together).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = _make_engine(url)
        self.dialect = self._engine.dialect.name
        # SQLite has one writer at a time; threads of this process queue here instead of in SQLite's busy
        # handler, which sleeps in steps of up to 100 ms (other processes still wait via the busy timeout)
        self._write_lock: Any = threading.RLock() if self.dialect == "sqlite" else nullcontext()

    # ------------------------------------------------------------------------------------------ housekeeping

    def migrate(self) -> str:
        """Upgrade the schema to the newest Alembic revision; returns that revision id."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._write() as session:
            conn = session.connection()
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        head = ScriptDirectory.from_config(cfg).get_current_head()
        log.info("database schema at revision %s (%s)", head, self.dialect)
        return str(head)

    def schema_revision(self) -> str | None:
        """The revision stored in the database (None before the first :meth:`migrate`)."""
        with self._read() as session:
            rev = MigrationContext.configure(session.connection()).get_current_revision()
        return str(rev) if rev is not None else None

    def close(self) -> None:
        """Close all pooled connections."""
        self._engine.dispose()

    @property
    def metadata(self) -> Any:
        """The target metadata (for schema comparison in tests)."""
        return Base.metadata

    # --------------------------------------------------------------------------------------------- documents

    def add_document(self, doc: DocumentRecord) -> bool:
        with self._write() as session:
            return self._insert_absent(session, DocumentRow, row_values(doc), ["document_id"])

    def get_document(self, document_id: str) -> DocumentRecord | None:
        with self._read() as session:
            row = session.get(DocumentRow, document_id)
            return to_record(DocumentRecord, row) if row is not None else None

    def update_document(
        self,
        document_id: str,
        *,
        status: str | None = None,
        doc_type: str | None = None,
        department: str | None = None,
        title: str | None = None,
        meta: Mapping[str, Any] | None = None,
        when: Callable[[str], bool] | None = None,
    ) -> bool:
        with self._write() as session:
            row = session.get(DocumentRow, document_id, with_for_update=True)
            if row is None:
                raise RecordNotFoundError(f"document {document_id} is not stored; add_document() first")
            if when is not None and not when(row.status):
                return False
            for name, value in (("status", status), ("doc_type", doc_type), ("department", department),
                                ("title", title)):
                if value is not None:
                    setattr(row, name, value)
            if meta is not None:
                row.meta = {**row.meta, **json_safe(meta)}
            row.updated_at = datetime.now(UTC)
            return True

    def list_documents(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[DocumentRecord]:
        query = select(DocumentRow).order_by(DocumentRow.received_at.desc(), DocumentRow.document_id)
        if status is not None:
            query = query.where(DocumentRow.status == status)
        with self._read() as session:
            found = session.scalars(query.limit(max(0, limit)).offset(max(0, offset))).all()
            return [to_record(DocumentRecord, row) for row in found]

    def stage_counts(self) -> dict[str, int]:
        query = select(DocumentRow.status, func.count()).group_by(DocumentRow.status)
        with self._read() as session:
            return {status: int(count) for status, count in session.execute(query).all()}

    # ---------------------------------------------------------------------------------------------- invoices

    def upsert_invoice(self, rec: InvoiceRecord) -> None:
        values = invoice_values(rec)
        with self._write() as session:
            stmt = self._insert(InvoiceRow).values(**values)
            changed = {k: v for k, v in values.items() if k != "document_id"}
            session.execute(stmt.on_conflict_do_update(index_elements=["document_id"], set_=changed))

    def get_invoice(self, document_id: str) -> InvoiceRecord | None:
        with self._read() as session:
            row = session.get(InvoiceRow, document_id)
            return to_record(InvoiceRecord, row) if row is not None else None

    def find_invoice_duplicate(
        self, *, seller_key: str, invoice_number: str, gross: Decimal | None, exclude_document_id: str
    ) -> str | None:
        if not seller_key.strip() or not invoice_number.strip():
            raise InvalidRecordError(
                f"duplicate check needs a seller key and an invoice number (got {seller_key!r}, {invoice_number!r})"
            )
        vat_key, name_key = _seller_keys(seller_key)
        query = (
            select(InvoiceRow.document_id)
            .where(InvoiceRow.invoice_number == invoice_number.strip())
            .where(InvoiceRow.document_id != exclude_document_id)
            .where((InvoiceRow.seller_vat_key == vat_key) | (InvoiceRow.seller_name_key == name_key))
            .order_by(InvoiceRow.updated_at, InvoiceRow.document_id)
            .limit(1)
        )
        if gross is not None:
            query = query.where(InvoiceRow.gross == gross)
        with self._read() as session:
            return session.scalar(query)

    # ------------------------------------------------------------------------------------------------- tasks

    def add_tasks(self, tasks: Iterable[TaskRecord]) -> None:
        with self._write() as session:
            for task in tasks:
                if len(set(task.candidates)) != len(task.candidates):
                    raise InvalidRecordError(f"task {task.task_id}: candidates {task.candidates} repeat a user")
                if not self._insert_absent(session, TaskRow, task_values(task), ["task_id"]):
                    continue
                for ordinal, user in enumerate(task.candidates):
                    session.add(TaskCandidateRow(task_id=task.task_id, user_name=user, ordinal=ordinal))

    def get_task(self, task_id: str) -> TaskRecord | None:
        with self._read() as session:
            row = session.get(TaskRow, task_id)
            return self._task_records(session, [row])[0] if row is not None else None

    def list_tasks(
        self, *, status: str | None = None, user: str | None = None, document_id: str | None = None
    ) -> list[TaskRecord]:
        query = select(TaskRow).order_by(TaskRow.created_at, TaskRow.document_id, TaskRow.position,
                                          TaskRow.task_id)
        if status is not None:
            query = query.where(TaskRow.status == status)
        if document_id is not None:
            query = query.where(TaskRow.document_id == document_id)
        if user is not None:
            query = query.join(TaskCandidateRow, TaskCandidateRow.task_id == TaskRow.task_id).where(
                TaskCandidateRow.user_name == user
            )
        with self._read() as session:
            return self._task_records(session, list(session.scalars(query).all()))

    def decide_task(
        self, task_id: str, *, status: str, user: str, comment: str | None, at: datetime
    ) -> TaskRecord:
        if status in _UNDECIDED:
            raise TaskStateError(f"{status!r} is not a decision; decide with e.g. 'approved' or 'rejected'")
        if at.tzinfo is None:
            raise InvalidRecordError(f"task {task_id}: naive decision time {at.isoformat()}; pass an aware time")
        at = at.astimezone(UTC)
        with self._write() as session:
            row = session.get(TaskRow, task_id, with_for_update=True)
            if row is None:
                raise RecordNotFoundError(f"task {task_id} is not stored")
            if row.status == TaskStatus.OPEN:
                row.status, row.decided_by, row.decided_at, row.comment = status, user, at, comment
                session.flush()
            elif row.decided_by is None:
                raise TaskStateError(f"task {task_id} is {row.status!r}, not open: it cannot be decided now")
            elif (row.status, row.decided_by, row.comment) != (status, user, comment):
                raise TaskAlreadyDecidedError(
                    f"task {task_id} was already decided {row.status!r} by {row.decided_by} at "
                    f"{row.decided_at}; the new decision {status!r} by {user} is refused"
                )
            return self._task_records(session, [row])[0]

    def update_task(self, task_id: str, *, status: str) -> None:
        with self._write() as session:
            row = session.get(TaskRow, task_id, with_for_update=True)
            if row is None:
                raise RecordNotFoundError(f"task {task_id} is not stored")
            if row.status == status:
                return
            if row.status not in _UNDECIDED:
                raise TaskAlreadyDecidedError(
                    f"task {task_id} is already {row.status!r}; its status cannot change to {status!r}"
                )
            row.status = status

    # ------------------------------------------------------------------------------------------------- audit

    def append_audit(
        self,
        document_id: str,
        *,
        key: str,
        at: datetime,
        stage: str,
        action: str,
        actor: str,
        detail: Mapping[str, Any],
    ) -> AuditRecord:
        if at.tzinfo is None:
            raise InvalidRecordError(f"audit entry {key}: naive time {at.isoformat()}; pass an aware datetime")
        with self._write() as session:
            if self.dialect == "postgresql":  # one appender per document at a time
                session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:d, 0))"), {"d": document_id})
            # one query: the entry with this key if there is one (a redelivery: nothing to add), else the last entry
            last = session.scalar(
                select(AuditRow).where(AuditRow.document_id == document_id)
                .order_by((AuditRow.key == key).desc(), AuditRow.seq.desc()).limit(1)
            )
            if last is not None and last.key == key:
                return to_record(AuditRecord, last)
            seq, prev = (last.seq + 1, last.hash) if last is not None else (1, GENESIS_HASH)
            at_utc, safe_detail = at.astimezone(UTC), json_safe(detail)
            entry = audit_entry(document_id, seq, key, at_utc, stage, action, actor, safe_detail)
            row = AuditRow(document_id=document_id, seq=seq, key=key, at=at_utc, stage=stage, action=action,
                           actor=actor, detail=safe_detail, prev_hash=prev, hash=audit_hash(prev, entry))
            session.add(row)
            session.flush()
            return to_record(AuditRecord, row)

    def audit_trail(self, document_id: str) -> list[AuditRecord]:
        query = select(AuditRow).where(AuditRow.document_id == document_id).order_by(AuditRow.seq)
        with self._read() as session:
            return [to_record(AuditRecord, row) for row in session.scalars(query).all()]

    def verify_audit(self, document_id: str) -> tuple[bool, str]:
        return verify_audit_chain(document_id, self.audit_trail(document_id))

    # ---------------------------------------------------------------------------- dead letters, filing, fixes

    def add_dead_letter(self, rec: DeadLetterRecord) -> None:
        with self._write() as session:
            self._insert_absent(session, DeadLetterRow, row_values(rec), ["dead_letter_id"])

    def list_dead_letters(self, *, limit: int = 100) -> list[DeadLetterRecord]:
        query = select(DeadLetterRow).order_by(DeadLetterRow.at.desc(), DeadLetterRow.dead_letter_id)
        with self._read() as session:
            return [to_record(DeadLetterRecord, r) for r in session.scalars(query.limit(max(0, limit))).all()]

    def file_document(self, rec: FilingRecord) -> bool:
        with self._write() as session:
            return self._insert_absent(session, FilingRow, row_values(rec), ["document_id"])

    def get_filing(self, document_id: str) -> FilingRecord | None:
        with self._read() as session:
            row = session.get(FilingRow, document_id)
            return to_record(FilingRecord, row) if row is not None else None

    def add_correction(self, rec: CorrectionRecord) -> None:
        with self._write() as session:
            keys = ["document_id", "field", "user_name", "at"]
            self._insert_absent(session, CorrectionRow, correction_values(rec), keys)

    def list_corrections(self, *, document_id: str | None = None) -> list[CorrectionRecord]:
        query = select(CorrectionRow).order_by(CorrectionRow.at, CorrectionRow.id)
        if document_id is not None:
            query = query.where(CorrectionRow.document_id == document_id)
        with self._read() as session:
            return [correction_record(r) for r in session.scalars(query).all()]

    # ------------------------------------------------------------------------------------------------ internals

    def _insert(self, target: Any) -> Any:
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(target)

    def _insert_absent(self, session: Session, model: type[Base], values: dict[str, Any], keys: list[str]) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING; True when the row was new."""
        table = model.__table__
        stmt = self._insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)
        returned = session.connection().execute(stmt.returning(*[table.c[k] for k in keys])).first()
        return returned is not None

    def _task_records(self, session: Session, task_rows: list[TaskRow]) -> list[TaskRecord]:
        ids = [row.task_id for row in task_rows]
        candidates: dict[str, list[str]] = {task_id: [] for task_id in ids}
        if ids:
            query = (select(TaskCandidateRow).where(TaskCandidateRow.task_id.in_(ids))
                     .order_by(TaskCandidateRow.task_id, TaskCandidateRow.ordinal))
            for cand in session.scalars(query).all():
                candidates[cand.task_id].append(cand.user_name)
        return [task_record(row, tuple(candidates[row.task_id])) for row in task_rows]

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._write_lock, self._session(write=True) as session:
            yield session

    def _read(self) -> Any:
        return self._session(write=False)

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Session]:
        try:
            with self._engine.connect() as conn:
                conn.execution_options(aktenfluss_write=write)
                with conn.begin(), Session(bind=conn, expire_on_commit=False, autoflush=True) as session:
                    yield session
                    session.flush()
        except (OperationalError, InterfaceError) as exc:
            raise _unavailable(self.url, exc) from exc
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise _unavailable(self.url, exc) from exc
            raise
        except StatementError as exc:  # a bind processor refused a value (naive time, bad amount, ...)
            if isinstance(exc.orig, (ValueError, TypeError)):
                raise InvalidRecordError(str(exc.orig)) from exc
            raise
        except (ValueError, TypeError) as exc:  # json_safe and friends
            raise InvalidRecordError(str(exc)) from exc


def _seller_keys(key: str) -> tuple[str | None, str | None]:
    """The given key normalised both as VAT id and as name: callers may pass either."""
    return seller_key(key, None), seller_key(None, key)


def _unavailable(url: str, exc: Exception) -> ServiceUnavailableError:
    safe = make_url(url).render_as_string(hide_password=True)
    return ServiceUnavailableError(
        f"database {safe} not usable: {str(exc).splitlines()[0]}",
        fix="Datenbank prüfen (infra/postgres.sh status bzw. Datei/Rechte der SQLite-Datei); wird wiederholt.",
    )


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    if backend != "sqlite":
        raise ValueError(f"unsupported database URL {url!r}: use sqlite:///<file> or postgresql+psycopg://...")
    memory = parsed.database in (None, "", ":memory:")
    if not memory:
        Path(str(parsed.database)).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cursor = dbapi_conn.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer (worker + API)
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable with WAL except on power loss mid-checkpoint
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("aktenfluss_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine

