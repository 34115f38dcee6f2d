from __future__ import annotations

import pytest

from schemas import topics
from schemas.envelope import EventContractError, decode, encode, event_types, make_event, now_iso
from workflow.errors import BadInputError, TooLargeError
from workflow.filing.logic import place
from workflow.ingest import logic


@pytest.mark.parametrize("head,media", [
    (b"%PDF-1.7\n", logic.PDF), (b"II*\x00abc", logic.TIFF), (b"MM\x00*abc", logic.TIFF),
    (b"\x89PNG\r\n\x1a\n", logic.PNG), (b"\xff\xd8\xff\xe0", logic.JPEG),
    (b"\xef\xbb\xbf<?xml version='1.0'?>", logic.XML), (b"  \n<Invoice>", logic.XML), (b"PK\x03\x04", logic.ZIP),
])
def test_sniff_by_magic_not_name(head, media):
    assert logic.sniff(head, "whatever.bin") == media


def test_admit_rejects_empty_unknown_and_large():
    with pytest.raises(BadInputError, match="leere Datei"):
        logic.admit(b"", "x.pdf", max_bytes=10)
    with pytest.raises(BadInputError, match="unbekanntes Dateiformat"):
        logic.admit(b"\x00\x01random", "x.pdf", max_bytes=100)
    with pytest.raises(TooLargeError):
        logic.admit(b"%PDF-" + b"0" * 100, "x.pdf", max_bytes=50)
    with pytest.raises(BadInputError, match="application/zip"):
        logic.admit(b"PK\x03\x04rest", "nachricht.zip", max_bytes=100)


def test_admit_gives_content_hash_as_id():
    a = logic.admit(b"%PDF-1.4 test", "a.pdf", max_bytes=1000)
    b = logic.admit(b"%PDF-1.4 test", "other-name.pdf", max_bytes=1000)
    assert a.document_id == b.document_id and len(a.document_id) == 64


def test_every_payload_type_is_declared_and_roundtrips():
    assert {"document.submitted", "approval.decided", "document.dead_lettered", "document.filed"} <= set(event_types())
    ev = make_event("approval.decided", {"task_id": "t", "decision": "approve", "user": "u", "at": now_iso()},
                    source="test", document_id="b" * 64)
    back = decode(encode(ev))
    assert back == ev


def test_contract_violations_are_reported_with_path():
    with pytest.raises(EventContractError, match="decision"):
        make_event("approval.decided", {"task_id": "t", "decision": "maybe", "user": "u", "at": now_iso()},
                   source="t", document_id=None)
    with pytest.raises(EventContractError, match="unknown event type"):
        make_event("no.such", {}, source="t", document_id=None)
    with pytest.raises(EventContractError, match="not JSON"):
        decode(b"\xff\xfe garbage")
    with pytest.raises(EventContractError):
        decode(b'{"id": "x"}')


def test_topics_declared_once_with_dlq():
    names = topics.all_topic_names()
    assert len(names) == len(set(names))
    assert topics.INTAKE.dlq in names and topics.INTAKE.dlq.endswith(".dlq")
    assert all(s.partitions == topics.PARTITIONS for s in topics.ALL)


def test_file_plan_and_retention():
    p = place("rechnung", "bauamt", 2026)
    assert p.file_plan_key == "20.31.01/2026" and p.retention_years == 8
    assert p.retain_until.isoformat() == "2034-12-31"  # period starts at the end of the calendar year
    a = place("antrag", "bauamt", 2025)
    assert a.file_plan_key.startswith("63.10/") and a.aussonderung == "B"
    w = place("werbung", None, 2026)
    assert w.retain_until is None and "nicht aktenrelevant" in w.reason
    assert place("unbekannt", None, 2026).title == "Allgemeiner Schriftverkehr"
