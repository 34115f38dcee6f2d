"""End to end on the real broker: 50 mixed documents, approvals through the API, filing, audit trail."""
from __future__ import annotations

import json

import pytest

from tests.e2e.helpers import APPROVERS, work_inboxes
from workflow.samples.mix import mixed_documents

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]

INVOICE_TRAIL = ["received", "extracted", "accepted", "approval_planned", "feststellung:approved",
                 "anordnung:approved", "filed", "exported_to_finance"]


def test_fifty_mixed_documents_are_filed_with_complete_audit_trail(pipeline):
    docs = mixed_documents(50)
    truth = {pipeline.submit(d.data, d.filename): d for d in docs}
    assert len(truth) == 50
    ids = list(truth)

    def all_filed() -> bool:
        work_inboxes(pipeline, truth)
        return all(s == "filed" for s in pipeline.statuses(ids).values())

    pipeline.wait_for(all_filed, 900, "50 documents filed")

    kinds = {d.kind for d in docs}
    assert {"ubl", "cii", "zugferd", "letter"} <= kinds
    for doc_id, d in truth.items():
        filing = pipeline.repo.get_filing(doc_id)
        assert filing is not None, d.filename
        trail = pipeline.repo.audit_trail(doc_id)
        ok, why = pipeline.repo.verify_audit(doc_id)
        assert ok, (d.filename, why)
        assert [a.seq for a in trail] == list(range(1, len(trail) + 1))
        assert all(a.at <= b.at for a, b in zip(trail, trail[1:])), d.filename
        actions = [a.action for a in trail]
        doc = pipeline.repo.get_document(doc_id)
        if d.kind == "letter":
            assert actions[:3] == ["received", "extracted", "classified"] and actions[-1] == "filed", actions
            assert doc.doc_type == d.doc_type, (d.filename, doc.doc_type, doc.meta.get("classification"))
            assert pipeline.svc.blobs.exists(f"derived/{doc_id}/rendition.pdf")
        else:
            assert actions == INVOICE_TRAIL, (d.filename, actions)
            tasks = pipeline.repo.list_tasks(document_id=doc_id)
            deciders = [t.decided_by for t in sorted(tasks, key=lambda t: t.position)]
            assert deciders == list(APPROVERS)  # four eyes: two different people, through the API
            export = json.loads((pipeline.settings.finance_export_dir / f"{doc_id}.json").read_text())
            inv = pipeline.repo.get_invoice(doc_id)
            assert export["invoice"]["invoice_number"] == inv.invoice_number
            assert [a["user"] for a in export["approvals"]] == list(APPROVERS)
    # the approver's view and the audit endpoint work for a filed invoice
    inv_id = next(i for i, d in truth.items() if d.kind == "ubl")
    html = pipeline.api.get(f"/documents/{inv_id}/invoice.html")
    assert html.status_code == 200 and truth[inv_id].data and "Rechnung" in html.text
    audit = pipeline.api.get(f"/documents/{inv_id}/audit").json()
    assert audit["verified"] is True and audit["entries"][-1]["action"] == "exported_to_finance"
