"""HTTP API and web inbox over the in-memory pipeline (no broker): what approvers and operators call."""
from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

from tests.support import MemoryBus, make_services
from tests.unit.test_pipeline_memory import ListProducer
from workflow.api.server import create_api
from workflow.ports import InvoiceRecord
from workflow.samples.spec import random_invoice
from workflow.samples.xrechnung_writer import to_ubl


@pytest.fixture()
def env(tmp_path):
    svc = make_services(tmp_path)
    bus = MemoryBus(svc)
    prod = ListProducer(bus)
    return svc, bus, TestClient(create_api(svc.settings, services=svc, producer=prod))


def upload(api, bus, data: bytes, name: str) -> str:
    r = api.post("/documents", files={"file": (name, data)}, data={"channel": "upload", "user": "poststelle"})
    assert r.status_code == 202, r.text
    bus.run()
    return r.json()["document_id"]


def mark_as_paper(svc, doc_id: str) -> InvoiceRecord:
    """Turn an uploaded invoice's record into one read from paper (only those take field corrections)."""
    inv = svc.repo.get_invoice(doc_id)
    svc.repo.upsert_invoice(InvoiceRecord(**{**{f: getattr(inv, f) for f in inv.__dataclass_fields__},
                                             "source": "paper"}))
    return inv


def test_openapi_health_and_upload(env):
    svc, bus, api = env
    assert api.get("/health").json() == {"status": "ok"}
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/documents", "/inbox", "/tasks/{task_id}/approve", "/status"} <= set(paths)
    doc_id = upload(api, bus, to_ubl(random_invoice(random.Random(1), 1)), "r.xml")
    body = api.get(f"/documents/{doc_id}").json()
    assert body["document"]["status"] == "awaiting_approval" and len(body["tasks"]) == 2
    assert api.get(f"/documents/{doc_id}/original").content.startswith(b"<?xml")
    assert api.get("/documents/" + "0" * 64).status_code == 404


def test_decisions_through_api_with_refusals(env):
    svc, bus, api = env
    spec = random_invoice(random.Random(2), 2)
    doc_id = upload(api, bus, to_ubl(spec), "r.xml")
    tasks = api.get("/inbox", params={"user": "mueller"}).json()
    task = next(t for t in tasks if t["document_id"] == doc_id)
    assert task["invoice"]["invoice_number"] == spec.number
    r = api.post(f"/tasks/{task['task_id']}/approve", json={"user": "schmidt"})
    assert r.status_code == 403 and "nicht befugt" in r.json()["detail"]["reason"]
    assert api.post(f"/tasks/{task['task_id']}/approve", json={"user": "mueller"}).status_code == 202
    bus.run()
    second = api.get(f"/documents/{doc_id}").json()["tasks"][1]
    r = api.post(f"/tasks/{second['task_id']}/approve", json={"user": "mueller"})
    assert r.status_code == 403
    assert api.post("/tasks/nope/approve", json={"user": "mueller"}).status_code == 404
    assert api.post(f"/tasks/{second['task_id']}/approve", json={"user": "wagner"}).status_code == 202
    bus.run()
    assert api.get(f"/documents/{doc_id}").json()["document"]["status"] == "filed"
    audit = api.get(f"/documents/{doc_id}/audit").json()
    assert audit["verified"] and [e["actor"] for e in audit["entries"] if ":" in e["action"]] == ["mueller", "wagner"]
    html = api.get(f"/documents/{doc_id}/invoice.html").text
    assert spec.number in html and spec.seller.name in html


def test_web_inbox_pages_and_form_decision(env):
    svc, bus, api = env
    doc_id = upload(api, bus, to_ubl(random_invoice(random.Random(3), 3)), "r.xml")
    page = api.get("/ui/inbox", params={"user": "mueller"})
    assert page.status_code == 200 and "Freigeben" in page.text
    task_id = svc.repo.list_tasks(document_id=doc_id, status="open")[0].task_id
    r = api.post(f"/ui/tasks/{task_id}", data={"action": "approve", "user": "mueller", "comment": "ok"},
                 follow_redirects=False)
    assert r.status_code == 303 and "err=0" in r.headers["location"]
    bus.run()
    assert svc.repo.get_task(task_id).decided_by == "mueller"
    assert api.get(f"/ui/documents/{doc_id}").status_code == 200
    assert "Dokumente" in api.get("/ui/documents").text


def test_paper_invoice_field_correction_is_checked_and_recorded(env):
    svc, bus, api = env
    doc_id = upload(api, bus, to_ubl(random_invoice(random.Random(4), 4)), "r.xml")
    inv = mark_as_paper(svc, doc_id)
    bad = api.post(f"/documents/{doc_id}/invoice-fields", json={"user": "mueller", "fields": {"iban": "DE00123"}})
    assert bad.status_code == 409 and "IBAN" in bad.json()["detail"]["reason"]
    ok = api.post(f"/documents/{doc_id}/invoice-fields",
                  json={"user": "mueller", "fields": {"invoice_number": "RE-2026-0815", "invoice_date": "2026-03-01"}})
    assert ok.status_code == 200, ok.text
    assert set(ok.json()["changed"]) == {"invoice_number", "invoice_date"}
    assert svc.repo.get_invoice(doc_id).invoice_number == "RE-2026-0815"
    corr = svc.repo.list_corrections()
    assert {c.field for c in corr} == {"invoice.invoice_number", "invoice.invoice_date"} and corr[0].user == "mueller"
    assert "invoice_corrected" in [a.action for a in svc.repo.audit_trail(doc_id)]


def test_department_queue_and_status(env):
    svc, bus, api = env
    upload(api, bus, b"", "leer.pdf")
    st = api.get("/status", params={"kafka": False}).json()
    assert st["dead_letters"][0]["reason"].endswith("leere Datei (0 Bytes)")
    assert api.get("/departments/kaemmerei/documents").status_code == 200


def test_web_form_reject_needs_a_reason_and_confirms_a_rejection(env):
    from dataclasses import replace

    svc, bus, api = env
    doc_id = upload(api, bus, to_ubl(random_invoice(random.Random(5), 5)), "r.xml")
    task_id = svc.repo.list_tasks(document_id=doc_id, status="open")[0].task_id
    r = api.post(f"/ui/tasks/{task_id}", data={"action": "reject", "user": "mueller"}, follow_redirects=False)
    assert r.status_code == 303 and "err=1" in r.headers["location"] and "Begr%C3%BCndung" in r.headers["location"]
    assert svc.repo.get_task(task_id).status == "open"

    bad = upload(api, bus, to_ubl(replace(random_invoice(random.Random(6), 6), leitweg_id="")), "ohne-leitweg.xml")
    rejection = svc.repo.list_tasks(document_id=bad, status="open")[0]
    assert rejection.meta["kind"] == "rejection"
    r = api.post(f"/ui/tasks/{rejection.task_id}", data={"action": "confirm", "user": "klaerung"},
                 follow_redirects=False)
    assert r.status_code == 303 and "err=0" in r.headers["location"]
    bus.run()
    doc = svc.repo.get_document(bad)
    assert doc.status == "filed" and doc.meta["outcome"] == "rejected_notified"


def test_web_form_resolves_triage(env):
    from tests.support import FakeOcr
    from workflow.ocr.errors import BlankDocumentError
    from workflow.ocr.model import ExtractedText
    from workflow.samples.letters import render_page, to_tiff

    class BlankOcr(FakeOcr):
        async def extract(self, data: bytes, filename: str):
            raise BlankDocumentError("alle Seiten leer", ExtractedText((), None, "image/tiff", ()))

    svc, bus, api = env
    svc._ocr = BlankOcr()
    doc_id = upload(api, bus, to_tiff([render_page([], seed=4)]), "leer.tif")
    task = svc.repo.list_tasks(document_id=doc_id, status="open")[0]
    assert task.meta["kind"] == "triage"
    form = {"action": "resolve", "user": "klaerung", "doc_type": "sonstiges", "department": "hauptamt"}
    r = api.post(f"/ui/tasks/{task.task_id}", data=form, follow_redirects=False)
    assert r.status_code == 303 and "err=0" in r.headers["location"], r.headers["location"]
    bus.run()
    doc = svc.repo.get_document(doc_id)
    assert doc.status == "filed" and doc.department == "hauptamt"


def test_web_form_corrects_only_changed_paper_fields(env):
    svc, bus, api = env
    doc_id = upload(api, bus, to_ubl(random_invoice(random.Random(7), 7)), "r.xml")
    inv = mark_as_paper(svc, doc_id)
    r = api.post(f"/ui/documents/{doc_id}/fields",
                 data={"user": "mueller", "invoice_number": "RE-2026-0816", "currency": inv.currency},
                 follow_redirects=False)
    assert r.status_code == 303 and "err=0" in r.headers["location"], r.headers["location"]
    assert svc.repo.get_invoice(doc_id).invoice_number == "RE-2026-0816"
    assert {c.field for c in svc.repo.list_corrections()} == {"invoice.invoice_number"}
    r = api.post(f"/ui/documents/{doc_id}/fields", data={"user": "mueller", "iban": "DE00123"},
                 follow_redirects=False)
    assert "err=1" in r.headers["location"] and "IBAN" in r.headers["location"]
