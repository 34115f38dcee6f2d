"""An e-invoice's verdict is final, and a fault of our own validator is no rejection.

Delivery is at least once: a redelivered invoice must keep its first verdict (never in approval beside its
rejection task). When our validator breaks off, the sender is told nothing: a person checks the invoice.
"""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from schemas import topics
from schemas.envelope import encode
from tests.support import MemoryBus, make_services
from tests.unit.test_pipeline_memory import ListProducer
from workflow import inbox
from workflow.einvoice import validator as validator_module
from workflow.lifecycle import may_move
from workflow.samples.spec import random_invoice
from workflow.samples.xrechnung_writer import to_ubl
from workflow.submit import submit_document


@pytest.fixture()
def env(tmp_path):
    svc = make_services(tmp_path)
    bus = MemoryBus(svc)
    return svc, bus, ListProducer(bus)


def scripted_validator(monkeypatch, *changes):
    """Replace the validator: the n-th call's real report is changed by changes[n] (None = unchanged)."""
    real = validator_module.validate
    calls = []

    def fake(data, *a, **kw):
        report = real(data, *a, **kw)
        change = changes[len(calls)] if len(calls) < len(changes) else None
        calls.append(change)
        return change(report) if change else report

    monkeypatch.setattr(validator_module, "validate", fake)
    return calls


def rejected(report):
    return replace(report, accept=False, errors=("BR-01",), reasons=("Regel BR-01 verletzt: Testfall",))


def accepted(report):
    return replace(report, accept=True, errors=(), reasons=())


def broke_off(report):
    return replace(report, accept=False, errors=(), warnings=(), findings=(),
                   reasons=("interner Prüffehler (RuntimeError): Dokument manuell prüfen, Fehler melden",),
                   internal_error="RuntimeError: Testfehler")


def redeliver_extracted(bus, document_id):
    for ev in bus.events(topics.EXTRACTED.name):
        if ev.document_id == document_id:
            bus.queue.append((topics.EXTRACTED.name, ev.document_id, encode(ev)))
    bus.run()


def kinds(svc, doc_id):
    return sorted(t.meta["kind"] for t in svc.repo.list_tasks(document_id=doc_id))


def submit(svc, prod, bus, n=11):
    r = submit_document(svc.blobs, prod, to_ubl(random_invoice(random.Random(n), n)), "r.xml", channel="email")
    bus.run()
    return r.document_id


def test_lifecycle_never_crosses_between_rejection_and_approval():
    assert not may_move("awaiting_rejection_confirmation", "awaiting_approval")
    assert not may_move("rejected_pending", "validated")
    assert not may_move("validated", "rejected_pending")
    assert not may_move("awaiting_approval", "awaiting_rejection_confirmation")
    assert may_move("triage", "awaiting_approval")  # a resolved triage task may still start approval
    assert may_move("unchecked", "triage")
    assert may_move("rejected_pending", "awaiting_rejection_confirmation")


def test_redelivery_that_would_accept_keeps_the_rejection(env, monkeypatch):
    svc, bus, prod = env
    calls = scripted_validator(monkeypatch, rejected, accepted)
    doc_id = submit(svc, prod, bus)
    assert svc.repo.get_document(doc_id).status == "awaiting_rejection_confirmation"
    redeliver_extracted(bus, doc_id)
    assert len(calls) == 1  # the document moved on: the redelivery is not validated again
    assert svc.repo.get_document(doc_id).status == "awaiting_rejection_confirmation"
    assert kinds(svc, doc_id) == ["rejection"]


def test_redelivery_before_route_saw_the_rejection_still_queues_it_once(env, monkeypatch):
    """Crash after the verdict was stored but before the rejection event was committed: redelivery re-emits it."""
    svc, bus, prod = env
    scripted_validator(monkeypatch, rejected, accepted)
    r = submit_document(svc.blobs, prod, to_ubl(random_invoice(random.Random(12), 12)), "r.xml", channel="email")
    bus.run()
    doc_id = r.document_id
    svc.repo.update_document(doc_id, status="rejected_pending")  # as if route never got the event
    redeliver_extracted(bus, doc_id)
    assert svc.repo.get_document(doc_id).status == "awaiting_rejection_confirmation"
    assert kinds(svc, doc_id) == ["rejection"]
    assert len([e for e in bus.events(topics.REJECTIONS.name) if e.document_id == doc_id]) == 2  # re-emitted
    assert not [e for e in bus.events(topics.UNDERSTOOD.name) if e.document_id == doc_id]
    differs = [a for a in svc.repo.audit_trail(doc_id) if a.action == "verdict_differs"]
    assert len(differs) == 1 and differs[0].detail["kept"] == "rejected" and differs[0].detail["now"] == "accepted"
    inv = svc.repo.get_invoice(doc_id)  # the invoice record keeps the report of the kept verdict
    assert inv.accept is False and "BR-01" in inv.validation["errors"]


def test_redelivery_that_would_reject_keeps_the_approval(env, monkeypatch):
    svc, bus, prod = env
    scripted_validator(monkeypatch, None, rejected)
    doc_id = submit(svc, prod, bus, 13)
    assert svc.repo.get_document(doc_id).status == "awaiting_approval"
    before = kinds(svc, doc_id)
    svc.repo.update_document(doc_id, status="validated")  # as if route had not seen the accepted event yet
    redeliver_extracted(bus, doc_id)
    assert svc.repo.get_document(doc_id).status == "awaiting_approval"
    assert kinds(svc, doc_id) == before and "rejection" not in before
    assert not [e for e in bus.events(topics.REJECTIONS.name) if e.document_id == doc_id]


def test_a_passing_fault_of_our_validator_is_tried_once_more(env, monkeypatch):
    svc, bus, prod = env
    calls = scripted_validator(monkeypatch, broke_off)
    doc_id = submit(svc, prod, bus, 14)
    assert len(calls) == 2
    assert svc.repo.get_document(doc_id).status == "awaiting_approval"
    assert "approval" in kinds(svc, doc_id)


def test_a_lasting_fault_of_our_validator_goes_to_a_person_not_to_the_sender(env, monkeypatch):
    svc, bus, prod = env
    scripted_validator(monkeypatch, broke_off, broke_off)
    doc_id = submit(svc, prod, bus, 15)
    doc = svc.repo.get_document(doc_id)
    assert doc.status == "triage" and "nicht vollständig geprüft" in doc.meta["triage_reason"]
    assert kinds(svc, doc_id) == ["triage"]
    assert not [e for e in bus.events(topics.REJECTIONS.name) if e.document_id == doc_id]
    assert not svc.blobs.exists(f"derived/{doc_id}/rejection-notice.txt")
    assert doc.meta["validation"]["unchecked"]
    # the person checked it and sends it on as an invoice: it enters approval
    task = svc.repo.list_tasks(document_id=doc_id)[0]
    inbox.resolve_triage(svc.repo, prod, svc.policy, task_id=task.task_id, user="klaerung", doc_type="rechnung",
                         department="kaemmerei", comment="geprüft", now=svc.clock(), source="test")
    bus.run()
    assert svc.repo.get_document(doc_id).status == "awaiting_approval"
    assert "approval" in kinds(svc, doc_id)
