"""The generated event checker (fastjsonschema) gives the verdicts of the JSON Schema 2020-12 reference
implementation (jsonschema) on real pipeline events and on many broken variants of them."""
from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from schemas import envelope
from schemas.envelope import EventContractError, validate_event
from tests.support import FakeOcr, MemoryBus, make_services
from tests.unit.test_pipeline_memory import ListProducer
from workflow import inbox
from workflow.samples.letters import WIDERSPRUCH, render_page, to_tiff
from workflow.samples.spec import random_invoice
from workflow.samples.xrechnung_writer import to_ubl
from workflow.submit import submit_document


def reference_accepts(obj: dict[str, Any]) -> bool:
    env = Draft202012Validator(envelope._load("envelope.schema.json"), format_checker=Draft202012Validator.FORMAT_CHECKER)
    if not env.is_valid(obj):
        return False
    root = envelope._payload_schema()
    if obj["type"] not in root["$defs"]:
        return False
    schema = {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{obj['type']}"}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(obj["data"])


def ours_accepts(obj: dict[str, Any]) -> bool:
    try:
        validate_event(obj)
    except EventContractError:
        return False
    return True


@pytest.fixture(scope="module")
def pipeline_events(tmp_path_factory) -> list[dict[str, Any]]:
    """Every event a few documents cause: e-invoices (accepted, rejected), a decision, a scanned letter."""
    svc = make_services(tmp_path_factory.mktemp("contract"))
    svc._ocr = FakeOcr({"brief.tif": "\n".join(WIDERSPRUCH)})
    bus = MemoryBus(svc)
    prod = ListProducer(bus)
    good = random_invoice(random.Random(1), 1)
    submit_document(svc.blobs, prod, to_ubl(good), "r.xml", channel="email")
    bad = random_invoice(random.Random(2), 2)
    submit_document(svc.blobs, prod, to_ubl(bad).replace(b"<cbc:BuyerReference>", b"<cbc:Note>x</cbc:Note>"
                                                       b"<cbc:BuyerReference>", 1), "b.xml", channel="email")
    submit_document(svc.blobs, prod, to_tiff([render_page(["z"], seed=5)]), "brief.tif", channel="mailroom-scan")
    bus.run()
    for task in svc.repo.list_tasks(status="open")[:2]:
        if task.meta.get("kind") == "approval":
            inbox.decide(svc.repo, prod, svc.policy, task_id=task.task_id, user="mueller", approve=True,
                         comment=None, now=svc.clock(), source="test")
    bus.run()
    return [ev.as_dict() for _, ev in bus.sent]


def variants(obj: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Broken (and some unbroken) copies: a key dropped or added, a value of another type, in envelope and data."""
    odd_values = [None, 0, -1, 1.5, "", "x", "not-a-date", [], ["x"], {}, {"a": 1}, True]
    out = []
    for part in ("envelope", "data"):
        target_keys = list(obj) if part == "envelope" else list(obj["data"])
        for key in target_keys:
            dropped = copy.deepcopy(obj)
            (dropped if part == "envelope" else dropped["data"]).pop(key)
            out.append(dropped)
            for value in rng.sample(odd_values, 4):
                changed = copy.deepcopy(obj)
                (changed if part == "envelope" else changed["data"])[key] = value
                out.append(changed)
        extra = copy.deepcopy(obj)
        (extra if part == "envelope" else extra["data"])["unexpected"] = 1
        out.append(extra)
    return out


def test_pipeline_events_are_valid_for_both(pipeline_events):
    assert len({e["type"] for e in pipeline_events}) >= 7
    for obj in pipeline_events:
        assert reference_accepts(obj) and ours_accepts(obj), obj["type"]


def test_broken_events_get_the_reference_verdict(pipeline_events):
    rng = random.Random(7)
    checked = rejected = 0
    for obj in pipeline_events:
        for variant in variants(obj, rng):
            expected = reference_accepts(variant)
            assert ours_accepts(variant) == expected, (variant["type"], variant)
            checked += 1
            rejected += not expected
    assert checked > 500 and rejected > checked // 2  # the variants do break the contract


def test_contract_error_names_the_field():
    with pytest.raises(EventContractError, match=r"document.submitted: data/size: must be integer"):
        envelope.make_event("document.submitted", {"blob_key": "originals/x", "filename": "a", "channel": "email",
                                                   "received_at": envelope.now_iso(), "size": "10"},
                            source="t", document_id="a" * 64)
