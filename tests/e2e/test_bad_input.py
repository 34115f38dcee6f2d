"""Bad input ends in the dead-letter topic and the status view with a clear reason; the worker keeps running."""
from __future__ import annotations

import json

import pytest

from schemas import topics
from tests.e2e.helpers import work_inboxes
from workflow.ingest.logic import document_id
from workflow.samples.mix import mixed_documents

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]

BAD = {
    "leer.pdf": (b"", "leere Datei"),
    "zufall.bin": (bytes(range(256)) * 40, "unbekanntes Dateiformat"),
    "abgeschnitten.xml": (b"<?xml version='1.0'?>\n<ubl:Invoice xmlns:ubl='urn:oasis:names:specification:ubl:"
                          b"schema:xsd:Invoice-2'><cbc:ID>1</cbc:I", ""),
    "xxe.xml": (b"<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n<r>&x;</r>",
                "DOCTYPE"),
    "kein.pdf": (b"%PDF-1.7\nthis is not a pdf at all\n", ""),
}


def read_dlq(bootstrap: str) -> list[dict]:
    from kafka import KafkaConsumer

    c = KafkaConsumer(*[s.dlq for s in topics.ALL if s.has_dlq], bootstrap_servers=bootstrap,
                      auto_offset_reset="earliest", consumer_timeout_ms=4000, group_id=None)
    try:
        return [json.loads(m.value) for m in c]
    finally:
        c.close()


def test_bad_input_is_dead_lettered_with_reason_and_worker_keeps_running(pipeline):
    from connectors.kafka_producer import EventProducer
    from workflow.submit import submit_document

    ids = {pipeline.submit(data, name): (name, reason) for name, (data, reason) in BAD.items()}
    big = b"%PDF-1.4\n" + bytes(200 * 1024 * 1024)  # 200 MB
    prod = EventProducer(pipeline.settings.kafka_bootstrap)
    try:
        r = submit_document(pipeline.svc.blobs, prod, big, "riesig.pdf", channel="cli")
    finally:
        prod.close()
    ids[r.document_id] = ("riesig.pdf", "überschreitet die Grenze")
    del big

    def parked() -> set[str]:
        return {d.document_id for d in pipeline.repo.list_dead_letters(limit=500)}

    pipeline.wait_for(lambda: set(ids) <= parked(), 300, "all bad inputs dead-lettered")
    dls = {d.document_id: d for d in pipeline.repo.list_dead_letters(limit=500) if d.document_id in ids}
    for doc_id, (name, reason) in ids.items():
        d = dls[doc_id]
        assert reason in d.reason, (name, d.reason)
        assert d.error_type.endswith("Error") and d.stage in ("intake", "extract"), (name, d)
    assert document_id(b"") in dls
    # the dead-letter topics carry the same records (stage, error type, reason)
    on_topic = {m["document_id"]: m["data"] for m in read_dlq(pipeline.settings.kafka_bootstrap)}
    for doc_id, (name, _) in ids.items():
        assert on_topic[doc_id]["reason"] and on_topic[doc_id]["stage"] and on_topic[doc_id]["error_type"], name
    # and the status view lists them
    status = pipeline.api.get("/status").json()
    reasons = " ".join(d["reason"] for d in status["dead_letters"])
    assert "leere Datei" in reasons and status["dead_letter_topics"]
    # the worker is still alive and processes good documents
    good = mixed_documents(1, seed=5, letters_every=0)[0]
    gid = pipeline.submit(good.data, good.filename)
    pipeline.wait_for(lambda: pipeline.statuses([gid])[gid] == "awaiting_approval", 120, "good invoice routed")
    work_inboxes(pipeline, {gid: good})
    assert pipeline.proc is not None and pipeline.proc.poll() is None
