"""The stages chained in memory (no broker): real SQLite + folder store in tmp, fake OCR text.

Checks the wiring between stages, idempotency on replay and dead-lettering; the same flow runs against the real
Kafka broker in tests/e2e.
"""
from __future__ import annotations

import asyncio

import pytest

from schemas import topics
from tests.support import FakeOcr, MemoryBus, make_services
from workflow.samples.letters import WIDERSPRUCH, render_page, to_tiff
from workflow.submit import submit_document


class ListProducer:
    def __init__(self, bus: MemoryBus) -> None:
        self.bus = bus

    def send(self, topic: str, key: str | None, value: bytes, *, wait: bool = True) -> None:
        asyncio.run(self.bus.send(topic, key, value))


@pytest.fixture()
def env(tmp_path):
    svc = make_services(tmp_path)
    bus = MemoryBus(svc)
    return svc, bus, ListProducer(bus)


def test_scanned_letter_is_classified_routed_and_filed(env):
    svc, bus, prod = env
    tiff = to_tiff([render_page(WIDERSPRUCH[:3], seed=1)])
    svc._ocr = FakeOcr({"brief.tif": "\n".join(WIDERSPRUCH)})
    r = submit_document(svc.blobs, prod, tiff, "brief.tif", channel="mailroom-scan")
    bus.run()
    doc = svc.repo.get_document(r.document_id)
    assert doc.doc_type == "widerspruch"
    filing = svc.repo.get_filing(r.document_id)
    if doc.status == "triage":  # low confidence is a legitimate outcome: then a triage task exists
        assert svc.repo.list_tasks(document_id=r.document_id)[0].meta["kind"] == "triage"
    else:
        assert doc.status == "filed" and filing is not None and filing.file_plan_key.startswith("30.11.01/")
        trail = [a.action for a in svc.repo.audit_trail(r.document_id)]
        assert trail[:3] == ["received", "extracted", "classified"] and trail[-1] == "filed"
        assert svc.repo.verify_audit(r.document_id)[0]


def test_duplicate_intake_and_replay_do_not_process_twice(env):
    svc, bus, prod = env
    svc._ocr = FakeOcr({"a.tif": "\n".join(WIDERSPRUCH)})
    tiff = to_tiff([render_page(["x"], seed=2)])
    r1 = submit_document(svc.blobs, prod, tiff, "a.tif", channel="mailroom-scan")
    bus.run()
    first_trail = len(svc.repo.audit_trail(r1.document_id))
    # same bytes again through another channel: reported, not processed
    submit_document(svc.blobs, prod, tiff, "a-kopie.tif", channel="email")
    bus.run()
    actions = [a.action for a in svc.repo.audit_trail(r1.document_id)]
    assert actions.count("duplicate_intake") == 1 and actions.count("extracted") == 1
    # replaying every event ever sent (at-least-once delivery) changes nothing
    for topic, ev in list(bus.sent):
        if topic != topics.OPS_STATUS.name:
            bus.queue.append((topic, ev.document_id, __import__("schemas.envelope").envelope.encode(ev)))
    bus.run()
    assert len(svc.repo.audit_trail(r1.document_id)) == first_trail + 1
    assert svc.repo.verify_audit(r1.document_id)[0]


@pytest.mark.parametrize("data,name,reason", [
    (b"", "leer.pdf", "leere Datei"),
    (b"\x13\x37 random bytes \x00\x01", "zufall.bin", "unbekanntes Dateiformat"),
    (b"<?xml version='1.0'?><Invoice><cbc:ID", "abgeschnitten.xml", ""),
    (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", "xxe.xml", ""),
    (b"%PDF-1.4 this is not really a pdf", "kaputt.pdf", ""),
])
def test_bad_input_ends_in_dead_letter_with_reason(env, data, name, reason):
    svc, bus, prod = env
    submit_document(svc.blobs, prod, data, name, channel="upload")
    bus.run()
    dls = svc.repo.list_dead_letters()
    assert len(dls) == 1, [d.reason for d in dls]
    assert reason in dls[0].reason and dls[0].error_type and dls[0].stage in ("intake", "extract")
    dlq = [t for t, _ in bus.sent if t.endswith(".dlq")]
    assert len(dlq) == 1
    assert any(e.data["outcome"] == "dead_letter" for e in bus.events(topics.OPS_STATUS.name))


def test_undecodable_message_is_dead_lettered_not_lost(env):
    svc, bus, _ = env
    bus.queue.append((topics.INTAKE.name, None, b"\x00garbage"))
    bus.run()
    dls = svc.repo.list_dead_letters()
    assert len(dls) == 1 and dls[0].error_type == "UndecodableMessageError"
    dl_event = [e for t, e in bus.sent if t == topics.INTAKE.dlq][0]
    assert dl_event.data["raw_value"]


def test_redelivered_scan_keeps_the_first_rendition(env):
    svc, bus, prod = env
    svc._ocr = FakeOcr({"b.tif": "\n".join(WIDERSPRUCH)})
    r = submit_document(svc.blobs, prod, to_tiff([render_page(["y"], seed=3)]), "b.tif", channel="mailroom-scan")
    bus.run()
    first = svc.blobs.get(f"derived/{r.document_id}/rendition.pdf")
    from schemas.envelope import encode

    for ev in bus.events(topics.INGESTED.name):  # redelivery after a crash: OCR runs again, other bytes
        bus.queue.append((topics.INGESTED.name, ev.document_id, encode(ev)))
    bus.run()
    assert svc._ocr.calls == 2
    assert svc.blobs.get(f"derived/{r.document_id}/rendition.pdf") == first
    assert svc.repo.list_dead_letters() == []


def test_blank_scan_goes_to_triage_not_dead_letter(env):
    from workflow.ocr.errors import BlankDocumentError
    from workflow.ocr.model import ExtractedText

    svc, bus, prod = env

    class BlankOcr(FakeOcr):
        async def extract(self, data: bytes, filename: str):
            raise BlankDocumentError("alle Seiten leer", ExtractedText((), None, "image/tiff", ()))

    svc._ocr = BlankOcr()
    r = submit_document(svc.blobs, prod, to_tiff([render_page([], seed=4)]), "leer.tif", channel="mailroom-scan")
    bus.run()
    doc = svc.repo.get_document(r.document_id)
    assert doc.status == "triage" and "alle Seiten leer" in doc.meta["triage_reason"]
    assert svc.repo.list_dead_letters() == []
    assert svc.repo.list_tasks(document_id=r.document_id)[0].meta["kind"] == "triage"


def test_old_event_redelivered_after_filing_does_not_move_the_document_back(env):
    from schemas.envelope import encode

    svc, bus, prod = env
    svc._ocr = FakeOcr({"c.tif": "\n".join(WIDERSPRUCH)})
    r = submit_document(svc.blobs, prod, to_tiff([render_page(["z"], seed=5)]), "c.tif", channel="mailroom-scan")
    bus.run()
    task = next(iter(svc.repo.list_tasks(document_id=r.document_id)), None)
    if task is not None:  # went to triage: a person resolves it
        from workflow import inbox

        inbox.resolve_triage(svc.repo, prod, svc.policy, task_id=task.task_id, user="klaerung",
                             doc_type="widerspruch", department="ordnungsamt", comment=None, now=svc.clock(),
                             source="test")
        bus.run()
    assert svc.repo.get_document(r.document_id).status == "filed"
    trail = len(svc.repo.audit_trail(r.document_id))
    for topic in (topics.UNDERSTOOD, topics.EXTRACTED, topics.INGESTED):  # only some topics replay after a crash
        for ev in bus.events(topic.name):
            bus.queue.append((topic.name, ev.document_id, encode(ev)))
    bus.run()
    assert svc.repo.get_document(r.document_id).status == "filed"
    assert len(svc.repo.audit_trail(r.document_id)) == trail
    assert [t.status for t in svc.repo.list_tasks(document_id=r.document_id, status="open")] == []


def test_crash_after_registration_before_audit_is_completed_on_redelivery(env):
    from datetime import datetime

    from schemas.envelope import decode
    from workflow.ports import DocumentRecord

    svc, bus, prod = env
    svc._ocr = FakeOcr({"d.tif": "\n".join(WIDERSPRUCH)})
    r = submit_document(svc.blobs, prod, to_tiff([render_page(["w"], seed=6)]), "d.tif", channel="mailroom-scan")
    ev = decode(bus.queue[0][2])
    # the worker registered the document and was killed before writing the audit entry
    svc.repo.add_document(DocumentRecord(r.document_id, "d.tif", "image/tiff", r.size, r.blob_key, "mailroom-scan",
                                         datetime.fromisoformat(ev.data["received_at"]), "received",
                                         meta={"intake_event": ev.id}))
    bus.run()  # redelivery
    actions = [a.action for a in svc.repo.audit_trail(r.document_id)]
    assert actions[:2] == ["received", "extracted"] and actions.count("received") == 1
    assert "duplicate_intake" not in actions
