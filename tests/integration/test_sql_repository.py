"""SqlRepository contract: every test runs on SQLite (temp file) and on PostgreSQL (fresh schema per test)."""
from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from connectors.sql_repository import SqlRepository
from workflow.errors import Disposition, ServiceUnavailableError
from workflow.ports import (
    CorrectionRecord,
    DeadLetterRecord,
    DocumentRecord,
    DocumentRepository,
    FilingRecord,
    InvalidRecordError,
    InvoiceRecord,
    RecordNotFoundError,
    TaskAlreadyDecidedError,
    TaskRecord,
    TaskStateError,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 8, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'aktenfluss.db'}"
        return
    base: str = request.getfixturevalue("pg_url")
    schema = f"t{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def repo(db_url: str) -> Iterator[SqlRepository]:
    repository = SqlRepository(db_url)
    repository.migrate()
    yield repository
    repository.close()


def doc(document_id: str = "doc-1", *, status: str = "received", at: datetime = T0) -> DocumentRecord:
    return DocumentRecord(
        document_id=document_id, filename="Rechnung Müller.pdf", media_type="application/pdf", size=1234,
        blob_key="sha256/" + "ab" * 32, channel="mail", received_at=at, status=status,
    )


def task(task_id: str, *, position: int = 1, status: str = "open", candidates: tuple[str, ...] = ("anna", "ben"),
         document_id: str = "doc-1", created: datetime = T0) -> TaskRecord:
    return TaskRecord(
        task_id=task_id, document_id=document_id, step="sachlich", position=position, status=status,
        role="sachbearbeitung-20", candidates=candidates, amount=Decimal("1190.50"), created_at=created,
    )


def invoice(document_id: str, *, vat: str | None = "DE123456789", name: str = "Müller Bau GmbH",
            number: str = "R-2026-001", gross: Decimal | None = Decimal("1190.50")) -> InvoiceRecord:
    return InvoiceRecord(
        document_id=document_id, source="xrechnung-ubl", seller_name=name, seller_vat_id=vat,
        invoice_number=number, issue_date=date(2026, 3, 1), due_date=date(2026, 3, 31), gross=gross,
        currency="EUR", leitweg_id="05315-12345-06", accept=True,
        data={"lines": [{"amount": "1000.42"}]}, validation={"findings": []},
    )


# ----------------------------------------------------------------------------------------------- schema


def test_migrate_is_idempotent_and_matches_models(repo: SqlRepository) -> None:
    assert repo.migrate() == repo.schema_revision() == "0001_initial"
    engine = create_engine(repo.url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), repo.metadata)
    engine.dispose()
    assert diffs == []  # the hand-written migration creates exactly what the models declare
    assert isinstance(repo, DocumentRepository)


# -------------------------------------------------------------------------------------------- documents


def test_add_document_reports_duplicate_intake_and_round_trips(repo: SqlRepository) -> None:
    original = doc()
    assert repo.add_document(original) is True
    assert repo.add_document(replace(original, filename="other.pdf")) is False
    stored = repo.get_document("doc-1")
    assert stored == original
    assert stored is not None and stored.received_at.tzinfo is not None and stored.received_at.utcoffset() == timedelta(0)
    assert repo.get_document("nope") is None


def test_times_are_returned_in_utc_and_naive_times_are_refused(repo: SqlRepository) -> None:
    berlin = T0.astimezone(timezone(timedelta(hours=1)))
    repo.add_document(doc("d-tz", at=berlin))
    stored = repo.get_document("d-tz")
    assert stored is not None and stored.received_at == T0 and stored.received_at.tzinfo == UTC
    with pytest.raises(InvalidRecordError, match="naive"):
        repo.add_document(doc("d-naive", at=T0.replace(tzinfo=None)))
    assert repo.get_document("d-naive") is None


def test_update_document_sets_fields_and_merges_meta(repo: SqlRepository) -> None:
    repo.add_document(replace(doc(), meta={"pages": 2, "ocr": {"conf": 91}}))
    repo.update_document("doc-1", status="classified", doc_type="invoice", meta={"lang": "de", "pages": 3})
    repo.update_document("doc-1", department="20", title="Rechnung R-1")
    stored = repo.get_document("doc-1")
    assert stored is not None
    assert (stored.status, stored.doc_type, stored.department, stored.title) == (
        "classified", "invoice", "20", "Rechnung R-1")
    assert stored.meta == {"pages": 3, "ocr": {"conf": 91}, "lang": "de"}
    assert stored.updated_at is not None and stored.updated_at > T0
    with pytest.raises(RecordNotFoundError, match="unknown-doc"):
        repo.update_document("unknown-doc", status="x")


def test_update_document_when_tests_the_current_status_in_the_same_write(repo: SqlRepository) -> None:
    repo.add_document(doc())
    assert repo.update_document("doc-1", status="classified", when=lambda cur: cur == "received") is True
    seen: list[str] = []
    refused = repo.update_document("doc-1", status="triage", department="20",
                                   when=lambda cur: seen.append(cur) or cur == "received")
    stored = repo.get_document("doc-1")
    assert refused is False and seen == ["classified"]
    assert stored is not None and (stored.status, stored.department) == ("classified", None)


def test_list_documents_filters_orders_pages_and_counts(repo: SqlRepository) -> None:
    for i in range(5):
        repo.add_document(doc(f"d{i}", status="filed" if i % 2 else "received", at=T0 + timedelta(minutes=i)))
    assert [d.document_id for d in repo.list_documents()] == ["d4", "d3", "d2", "d1", "d0"]
    assert [d.document_id for d in repo.list_documents(status="filed")] == ["d3", "d1"]
    assert [d.document_id for d in repo.list_documents(limit=2, offset=1)] == ["d3", "d2"]
    assert repo.stage_counts() == {"received": 3, "filed": 2}


# --------------------------------------------------------------------------------------------- invoices


def test_invoice_upsert_replaces_and_keeps_amounts_exact(repo: SqlRepository) -> None:
    first = invoice("inv-1", gross=Decimal("99999999.99"))
    repo.upsert_invoice(first)
    repo.upsert_invoice(first)
    stored = repo.get_invoice("inv-1")
    assert stored == first and stored is not None and stored.gross == Decimal("99999999.99")
    repo.upsert_invoice(replace(first, accept=False, validation={"findings": [{"rule_id": "BR-DE-15"}]}))
    again = repo.get_invoice("inv-1")
    assert again is not None and again.accept is False and again.validation["findings"][0]["rule_id"] == "BR-DE-15"
    assert repo.get_invoice("nope") is None
    with pytest.raises(InvalidRecordError, match="decimal places"):
        repo.upsert_invoice(invoice("inv-2", gross=Decimal("1.00001")))


def test_find_invoice_duplicate_by_vat_id_or_name(repo: SqlRepository) -> None:
    repo.upsert_invoice(invoice("a", vat="DE 123 456 789"))
    repo.upsert_invoice(invoice("b", vat=None, name="Schmidt  Elektro KG", number="77"))
    hit = repo.find_invoice_duplicate(seller_key="DE123456789", invoice_number="R-2026-001",
                                      gross=Decimal("1190.5"), exclude_document_id="new")
    assert hit == "a"
    assert repo.find_invoice_duplicate(seller_key="DE123456789", invoice_number="R-2026-001", gross=None,
                                       exclude_document_id="a") is None
    assert repo.find_invoice_duplicate(seller_key="DE123456789", invoice_number="R-2026-001",
                                       gross=Decimal("1190.51"), exclude_document_id="new") is None
    assert repo.find_invoice_duplicate(seller_key="schmidt elektro kg", invoice_number="77", gross=None,
                                       exclude_document_id="new") == "b"
    assert repo.find_invoice_duplicate(seller_key="DE999999999", invoice_number="R-2026-001", gross=None,
                                       exclude_document_id="new") is None
    repo.upsert_invoice(invoice("c", vat=None, name="", number="R-2026-001"))  # no seller at all
    with pytest.raises(InvalidRecordError, match="seller key"):
        repo.find_invoice_duplicate(seller_key=" ", invoice_number="R-2026-001", gross=None, exclude_document_id="x")


# ------------------------------------------------------------------------------------------------ tasks


def test_add_tasks_is_insert_if_absent_and_lists_by_filters(repo: SqlRepository) -> None:
    first = task("t1", position=1)
    second = task("t2", position=2, status="waiting", candidates=("carla",), created=T0 + timedelta(seconds=1))
    other = task("t3", document_id="doc-2", candidates=("ben",), created=T0 + timedelta(seconds=2))
    repo.add_tasks([first, second])
    repo.add_tasks([replace(first, role="changed"), second, other])
    assert repo.get_task("t1") == first
    assert [t.task_id for t in repo.list_tasks()] == ["t1", "t2", "t3"]
    assert [t.task_id for t in repo.list_tasks(user="ben")] == ["t1", "t3"]
    assert [t.task_id for t in repo.list_tasks(user="ben", document_id="doc-2")] == ["t3"]
    assert [t.task_id for t in repo.list_tasks(status="waiting")] == ["t2"]
    assert repo.list_tasks(user="nobody") == []
    assert repo.get_task("nope") is None
    assert repo.get_task("t1").candidates == ("anna", "ben")  # type: ignore[union-attr]
    with pytest.raises(InvalidRecordError, match="repeat"):
        repo.add_tasks([task("t4", candidates=("anna", "anna"))])


def test_decide_task_once_identical_repeat_returns_stored_conflict_raises(repo: SqlRepository) -> None:
    repo.add_tasks([task("t1"), task("t2", position=2, status="waiting")])
    decided = repo.decide_task("t1", status="approved", user="anna", comment="passt", at=T0)
    assert (decided.status, decided.decided_by, decided.comment, decided.decided_at) == (
        "approved", "anna", "passt", T0)
    repeat = repo.decide_task("t1", status="approved", user="anna", comment="passt", at=T0 + timedelta(hours=1))
    assert repeat == decided
    with pytest.raises(TaskAlreadyDecidedError) as err:
        repo.decide_task("t1", status="rejected", user="ben", comment=None, at=T0)
    assert err.value.disposition is Disposition.DEAD_LETTER and "anna" in err.value.reason
    assert repo.get_task("t1") == decided
    with pytest.raises(TaskStateError, match="waiting"):
        repo.decide_task("t2", status="approved", user="anna", comment=None, at=T0)
    with pytest.raises(TaskStateError, match="not a decision"):
        repo.decide_task("t2", status="open", user="anna", comment=None, at=T0)
    with pytest.raises(RecordNotFoundError):
        repo.decide_task("nope", status="approved", user="anna", comment=None, at=T0)


def test_update_task_opens_waiting_task_but_never_changes_a_decision(repo: SqlRepository) -> None:
    repo.add_tasks([task("t1"), task("t2", position=2, status="waiting")])
    repo.update_task("t2", status="open")
    repo.update_task("t2", status="open")
    assert repo.get_task("t2").status == "open"  # type: ignore[union-attr]
    repo.decide_task("t1", status="rejected", user="ben", comment="falscher Betrag", at=T0)
    repo.update_task("t1", status="rejected")
    with pytest.raises(TaskAlreadyDecidedError):
        repo.update_task("t1", status="open")
    with pytest.raises(RecordNotFoundError):
        repo.update_task("nope", status="open")


# ------------------------------------------------------------------------------------------------ audit


def append(repo: SqlRepository, document_id: str, key: str, **detail: object) -> object:
    return repo.append_audit(document_id, key=key, at=T0, stage="validate", action="validated",
                             actor="worker", detail=detail)


def test_audit_chain_links_is_idempotent_and_verifies(repo: SqlRepository) -> None:
    assert repo.verify_audit("doc-1")[0] is True  # empty chain
    first = repo.append_audit("doc-1", key="ingest:1", at=T0, stage="ingest", action="received", actor="mail",
                              detail={"size": 1234, "gross": Decimal("10.50"), "on": date(2026, 3, 1)})
    second = append(repo, "doc-1", "validate:1", accept=True)
    other = append(repo, "doc-2", "validate:1")
    again = append(repo, "doc-1", "ingest:1", changed=True)
    assert again == first
    assert (first.seq, second.seq, other.seq) == (1, 2, 1)  # type: ignore[attr-defined]
    assert first.prev_hash == "0" * 64 and second.prev_hash == first.hash  # type: ignore[attr-defined]
    assert first.detail == {"size": 1234, "gross": "10.50", "on": "2026-03-01"}
    assert [e.key for e in repo.audit_trail("doc-1")] == ["ingest:1", "validate:1"]
    ok, reason = repo.verify_audit("doc-1")
    assert ok, reason


def test_verify_audit_detects_altered_and_deleted_rows(repo: SqlRepository) -> None:
    for i in range(1, 4):
        append(repo, "doc-1", f"k{i}", step=i)
    engine = create_engine(repo.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'mallory' WHERE document_id = 'doc-1' AND seq = 2"))
    ok, reason = repo.verify_audit("doc-1")
    assert not ok and "audit entry 2" in reason and "altered" in reason
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'worker' WHERE document_id = 'doc-1' AND seq = 2"))
    assert repo.verify_audit("doc-1")[0]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE document_id = 'doc-1' AND seq = 2"))
    engine.dispose()
    ok, reason = repo.verify_audit("doc-1")
    assert not ok and "entry 2" in reason and "missing" in reason


def test_concurrent_audit_appends_keep_one_unbroken_chain(repo: SqlRepository) -> None:
    threads, per_thread = 6, 8
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                append(repo, "doc-c", f"w{n}-{i}", n=n, i=i)
                append(repo, "doc-c", f"shared-{i}")  # the same event delivered to every thread
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert errors == []
    trail = repo.audit_trail("doc-c")
    assert [e.seq for e in trail] == list(range(1, threads * per_thread + per_thread + 1))
    assert len({e.key for e in trail}) == len(trail)
    ok, reason = repo.verify_audit("doc-c")
    assert ok, reason


def test_two_processes_share_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    SqlRepository(url).migrate()
    script = (
        "import sys; from datetime import datetime, UTC; from connectors.sql_repository import SqlRepository\n"
        "r = SqlRepository(sys.argv[1]); r.migrate()\n"
        "for i in range(30):\n"
        "    r.append_audit('doc-p', key=f'{sys.argv[2]}-{i}', at=datetime.now(UTC), stage='s', action='a',"
        " actor=sys.argv[2], detail={})\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, url, name], cwd=REPO_ROOT, stderr=subprocess.PIPE,
                              text=True) for name in ("worker", "api")]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert results == [(0, ""), (0, "")]
    repo = SqlRepository(url)
    assert len(repo.audit_trail("doc-p")) == 60 and repo.verify_audit("doc-p")[0]
    repo.close()


# ------------------------------------------------------------------------- dead letters, filing, fixes


def test_dead_letters_idempotent_newest_first(repo: SqlRepository) -> None:
    letters = [DeadLetterRecord(f"dl-{i}", None if i == 0 else f"doc-{i}", "validate", "BadInputError",
                                "XML nicht lesbar", "invoices.validate", T0 + timedelta(minutes=i),
                                {"offset": i, "amount": Decimal("1.5")}) for i in range(3)]
    for letter in letters + letters:
        repo.add_dead_letter(letter)
    listed = repo.list_dead_letters()
    assert [d.dead_letter_id for d in listed] == ["dl-2", "dl-1", "dl-0"]
    assert listed[2].document_id is None and listed[0].payload == {"offset": 2, "amount": "1.5"}
    assert len(repo.list_dead_letters(limit=1)) == 1


def test_filing_happens_exactly_once(repo: SqlRepository) -> None:
    rec = FilingRecord("doc-1", "20.11.01", 8, date(2035, 12, 31), T0, {"original": "sha256/" + "cd" * 32},
                       {"aussonderung": "B"})
    assert repo.file_document(rec) is True
    assert repo.file_document(replace(rec, file_plan_key="99.99")) is False
    assert repo.get_filing("doc-1") == rec
    assert repo.get_filing("nope") is None


def test_corrections_idempotent_and_listed(repo: SqlRepository) -> None:
    fix = CorrectionRecord("doc-1", "invoice_number", "R-2O26", "R-2026", "anna", T0)
    repo.add_correction(fix)
    repo.add_correction(fix)
    repo.add_correction(replace(fix, document_id="doc-2", at=T0 + timedelta(seconds=1)))
    assert repo.list_corrections(document_id="doc-1") == [fix]
    assert [c.document_id for c in repo.list_corrections()] == ["doc-1", "doc-2"]


def test_unreachable_database_is_service_unavailable() -> None:
    repo = SqlRepository("postgresql+psycopg://nobody:secret@127.0.0.1:9/none")
    with pytest.raises(ServiceUnavailableError) as err:
        repo.get_document("x")
    assert err.value.disposition is Disposition.RETRY and "secret" not in err.value.reason


def test_unsupported_url_is_refused_with_reason() -> None:
    with pytest.raises(ValueError, match="sqlite:///"):
        SqlRepository("mysql://x@y/z")
