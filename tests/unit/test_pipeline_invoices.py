"""E-invoice paths through the stages in memory: approval with four eyes, rejection queue and notice,
duplicate invoices, Factur-X profiles that are no invoice."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from tests.support import MemoryBus, make_services
from tests.unit.test_pipeline_memory import ListProducer
from workflow import inbox
from workflow.einvoice.facturx import make_facturx_pdf
from workflow.samples.spec import random_invoice
from workflow.samples.xrechnung_writer import to_cii, to_ubl
from workflow.submit import submit_document


@pytest.fixture()
def env(tmp_path):
    svc = make_services(tmp_path)
    bus = MemoryBus(svc)
    return svc, bus, ListProducer(bus)


def spec(n: int = 1):
    return random_invoice(random.Random(n), n)


def decide(svc, prod, bus, task_id, user, approve=True, comment=None):
    inbox.decide(svc.repo, prod, svc.policy, task_id=task_id, user=user, approve=approve, comment=comment,
                 now=svc.clock(), source="test")
    bus.run()


def test_accepted_invoice_needs_two_people_then_is_filed_and_exported(env):
    svc, bus, prod = env
    s = spec(3)
    r = submit_document(svc.blobs, prod, to_ubl(s), "r.xml", channel="email")
    bus.run()
    assert svc.repo.get_document(r.document_id).status == "awaiting_approval"
    inv = svc.repo.get_invoice(r.document_id)
    assert inv.invoice_number == s.number and inv.gross == s.gross and inv.accept is True
    first = [t for t in inbox.inbox(svc.repo, svc.policy, "mueller", svc.clock()) if t.task.document_id == r.document_id]
    assert len(first) == 1 and first[0].task.step == "feststellung"
    decide(svc, prod, bus, first[0].task.task_id, "mueller")
    second = svc.repo.list_tasks(document_id=r.document_id, status="open")
    assert [t.step for t in second] == ["anordnung"]
    with pytest.raises(inbox.DecisionRefusedError, match="Vier-Augen|nicht befugt"):
        decide(svc, prod, bus, second[0].task_id, "mueller")
    decide(svc, prod, bus, second[0].task_id, "wagner")
    assert svc.repo.get_document(r.document_id).status == "filed"
    export = (svc.settings.finance_export_dir / f"{r.document_id}.json").read_text()
    assert s.number in export and s.iban in export
    actions = [a.action for a in svc.repo.audit_trail(r.document_id)]
    assert actions[-3:] == ["anordnung:approved", "filed", "exported_to_finance"]


def test_rejection_in_approval_needs_reason_and_files_as_rejected(env):
    svc, bus, prod = env
    r = submit_document(svc.blobs, prod, to_cii(spec(4)), "r.xml", channel="email")
    bus.run()
    task = svc.repo.list_tasks(document_id=r.document_id, status="open")[0]
    with pytest.raises(inbox.DecisionRefusedError, match="Begründung"):
        decide(svc, prod, bus, task.task_id, "mueller", approve=False)
    decide(svc, prod, bus, task.task_id, "mueller", approve=False, comment="Leistung nicht erbracht")
    doc = svc.repo.get_document(r.document_id)
    assert doc.status == "filed" and doc.meta["outcome"] == "rejected_in_approval"
    assert {t.status for t in svc.repo.list_tasks(document_id=r.document_id)} == {"rejected", "cancelled"}


def test_invalid_invoice_goes_to_rejection_queue_then_notice(env):
    svc, bus, prod = env
    bad = replace(spec(5), leitweg_id="")
    r = submit_document(svc.blobs, prod, to_ubl(bad), "ohne-leitweg.xml", channel="email")
    bus.run()
    doc = svc.repo.get_document(r.document_id)
    assert doc.status == "awaiting_rejection_confirmation"
    assert not [t for t in svc.repo.list_tasks(document_id=r.document_id) if t.meta["kind"] == "approval"]
    task = svc.repo.list_tasks(document_id=r.document_id)[0]
    assert task.meta["kind"] == "rejection" and "BR-DE-15" in task.meta["errors"]
    from workflow.notify import build_notifier

    svc.notifier = build_notifier(svc.settings)
    inbox.confirm_rejection(svc.repo, prod, svc.policy, task_id=task.task_id, user="klaerung", comment=None,
                            now=svc.clock(), source="test")
    bus.run()
    doc = svc.repo.get_document(r.document_id)
    assert doc.status == "filed" and doc.meta["outcome"] == "rejected_notified"
    notice = svc.blobs.get(f"derived/{r.document_id}/rejection-notice.txt").decode()
    assert "BR-DE-15" in notice and bad.number in notice
    mails = list((svc.settings.data_dir / "outbox").glob("rejection-*.eml"))
    assert len(mails) == 1 and bad.seller.email.encode() in mails[0].read_bytes()


def test_same_invoice_from_another_channel_is_flagged_not_routed_twice(env):
    svc, bus, prod = env
    s = spec(6)
    first = submit_document(svc.blobs, prod, to_ubl(s), "r.xml", channel="email")
    second = submit_document(svc.blobs, prod, to_cii(s), "r-cii.xml", channel="peppol")  # other bytes, same invoice
    bus.run()
    assert svc.repo.get_document(first.document_id).status == "awaiting_approval"
    dup = svc.repo.get_document(second.document_id)
    assert dup.status == "triage" and "Doppelrechnung" in dup.meta["triage_reason"]
    assert not [t for t in svc.repo.list_tasks(document_id=second.document_id) if t.meta["kind"] == "approval"]


def test_facturx_en16931_is_routed_minimum_profile_is_rejected(env):
    svc, bus, prod = env
    ok = submit_document(svc.blobs, prod, make_facturx_pdf(to_cii(spec(7)), title="R"), "zf.pdf", channel="email")
    minimum_xml = to_cii(spec(8)).replace(b"urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
                                          b"urn:factur-x.eu:1p0:minimum")
    mini = submit_document(svc.blobs, prod, make_facturx_pdf(minimum_xml, title="M"), "min.pdf", channel="email")
    bus.run()
    assert svc.repo.get_document(ok.document_id).status == "awaiting_approval"
    assert svc.blobs.exists(f"derived/{ok.document_id}/invoice.xml")
    m = svc.repo.get_document(mini.document_id)
    assert m.status == "awaiting_rejection_confirmation"
    task = svc.repo.list_tasks(document_id=mini.document_id)[0]
    assert any("MINIMUM" in r for r in task.meta["reasons"])
