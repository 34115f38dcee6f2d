"""Event envelope: build, encode, decode and validate every message against the JSON Schemas in events/.

Producers call :func:`make_event` + :func:`encode`; consumers call :func:`decode`. Both validate, so a message
that breaks the contract is caught at the edge that made it (producer) or parked in a dead-letter topic (consumer).
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

SCHEMA_VERSION = 1


class EventContractError(ValueError):
    """A message does not match the event contract (schemas/events/*.json)."""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    time: str
    source: str
    document_id: str | None
    correlation_id: str
    data: Mapping[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "time": self.time, "source": self.source,
            "document_id": self.document_id, "correlation_id": self.correlation_id,
            "schema_version": self.schema_version, "data": dict(self.data),
        }


def _load(name: str) -> dict[str, Any]:
    text = resources.files("schemas").joinpath("events", name).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


Check = Callable[[Any], Any]


@cache
def _envelope_validator() -> Check:
    return _compile(_load("envelope.schema.json"))


@cache
def _payload_schema() -> dict[str, Any]:
    return _load("payloads.schema.json")


@cache
def _payload_validator(event_type: str) -> Check:
    root = _payload_schema()
    if event_type not in root["$defs"]:
        raise EventContractError(f"unknown event type {event_type!r}: declare it in schemas/events/payloads.schema.json")
    return _compile({"$defs": root["$defs"], "$ref": f"#/$defs/{event_type}"})


def _compile(schema: dict[str, Any]) -> Check:
    """The schema as generated Python code (fastjsonschema): every message is checked twice (producer and
    consumer), and an interpreting validator cost a quarter of the stream worker's CPU. The schemas use only
    keywords that draft 7 and 2020-12 read alike (type, properties, required, $ref into $defs, enum, const,
    pattern, format date-time, oneOf, items, length and minimum); tests/unit/test_event_contract_checker.py
    compares the verdicts with the reference implementation of 2020-12 (jsonschema)."""
    body = {k: v for k, v in schema.items() if k != "$schema"}
    return fastjsonschema.compile(body, use_formats=True)  # type: ignore[no-any-return]


def event_types() -> list[str]:
    return sorted(k for k in _payload_schema()["$defs"] if "." in k)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def make_event(
    event_type: str,
    data: Mapping[str, Any],
    *,
    source: str,
    document_id: str | None,
    correlation_id: str | None = None,
    time: str | None = None,
) -> Event:
    """Build and validate an event. Raises EventContractError when the payload breaks the contract."""
    ev = Event(
        id=uuid.uuid4().hex, type=event_type, time=time or now_iso(), source=source,
        document_id=document_id, correlation_id=correlation_id or document_id or uuid.uuid4().hex,
        data=dict(data),
    )
    validate_event(ev.as_dict())
    return ev


def validate_event(obj: Mapping[str, Any]) -> None:
    part = "envelope"
    try:
        _envelope_validator()(obj)
        part = "data"
        _payload_validator(str(obj["type"]))(obj["data"])
    except fastjsonschema.JsonSchemaValueException as exc:
        path = [str(p) for p in (exc.path or [])][1:]  # the first element names the checked value itself
        where = "/".join(["data", *path] if part == "data" else path) or "(root)"
        message = exc.message.split(" ", 1)[1] if " " in exc.message else exc.message  # drop 'data.x.y'
        raise EventContractError(f"{obj.get('type', '?')}: {where}: {message}") from None


def encode(ev: Event) -> bytes:
    return json.dumps(ev.as_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes | str | Mapping[str, Any]) -> Event:
    """Parse and validate a message; raises EventContractError with a readable reason."""
    if isinstance(raw, Mapping):
        obj: Any = dict(raw)
    else:
        try:
            obj = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise EventContractError(f"message is not JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise EventContractError("message is not a JSON object")
    validate_event(obj)
    return Event(
        id=obj["id"], type=obj["type"], time=obj["time"], source=obj["source"],
        document_id=obj["document_id"], correlation_id=obj["correlation_id"], data=obj["data"],
        schema_version=obj["schema_version"],
    )


def follow(prev: Event, event_type: str, data: Mapping[str, Any], *, source: str) -> Event:
    """The next event of the same document, keeping the correlation id."""
    return make_event(event_type, data, source=source, document_id=prev.document_id,
                      correlation_id=prev.correlation_id)
