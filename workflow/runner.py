"""Runs one stage on one message: decode, handle, emit, report. The only place that maps errors to outcomes.

Nothing is dropped: a message that cannot be decoded, a WorkflowError and even an unexpected bug all end as a
dead-letter record (DLQ topic + status view) with stage, error type and reason, and the worker keeps running.
"""
from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from schemas import topics
from schemas.envelope import Event, EventContractError, decode, encode, make_event
from schemas.topics import TopicSpec
from workflow.errors import Disposition, WorkflowError
from workflow.logs import log_context
from workflow.ports import DeadLetterRecord
from workflow.wiring import Services

log = logging.getLogger(__name__)

Emit = tuple[TopicSpec, Event]
Handler = Callable[[Event, Services], Awaitable[list[Emit]]]
RETRY_DELAYS = (0.5, 2.0, 5.0)


class Sender(Protocol):
    """Produce one message. ``wait=True`` returns only after the broker acknowledged it (the default for every
    event that carries the pipeline forward); status events are sent without waiting."""

    async def __call__(self, topic: str, key: str | None, value: bytes, *, wait: bool = True) -> None: ...


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage: which topics it reads, which event types it handles, what it may emit."""

    name: str
    inputs: tuple[TopicSpec, ...]
    accepts: frozenset[str]
    outputs: tuple[TopicSpec, ...]
    handler: Handler
    description: str = ""
    when: Callable[[Event], bool] | None = None  # further filter on the event (e.g. extracted kind)
    report_status: bool = True  # False only for the monitor, which consumes the status stream itself

    def wants(self, ev: Event) -> bool:
        return ev.type in self.accepts and (self.when is None or self.when(ev))


async def emit(send: Sender, spec: TopicSpec, ev: Event, *, wait: bool = True) -> None:
    await send(spec.name, ev.document_id, encode(ev), wait=wait)


async def status(send: Sender, stage: str, ev: Event | None, outcome: str, t0: float, *,
                 error: WorkflowError | None = None, topic: str | None = None, detail: str | None = None) -> None:
    data: dict[str, Any] = {"stage": stage, "outcome": outcome, "detail": detail,
                            "duration_ms": round((time.perf_counter() - t0) * 1000, 2), "topic": topic}
    if error is not None:
        data.update(error_type=error.error_type, reason=error.reason)
    st = make_event("stage.status", data, source=f"stage:{stage}",
                    document_id=ev.document_id if ev else None,
                    correlation_id=ev.correlation_id if ev else None)
    await emit(send, topics.OPS_STATUS, st, wait=False)


class UndecodableMessageError(WorkflowError):
    """The message on the topic does not match the event contract."""

    fix = "Produzenten prüfen: Nachricht muss schemas/events/*.json entsprechen."


class StageBugError(WorkflowError):
    """An unexpected error inside a stage (a bug): the document is parked, not lost."""

    fix = "Fehler melden (Logs mit der Dokument-ID); nach der Korrektur erneut einliefern."


async def dead_letter(svc: Services, send: Sender, stage: Stage, topic: str, ev: Event | None,
                      raw: bytes, err: WorkflowError, t0: float) -> None:
    spec = next((s for s in stage.inputs if s.name == topic), None)
    dlq = spec.dlq if spec is not None else topic + topics.DLQ_SUFFIX
    doc_id = ev.document_id if ev else None
    payload: dict[str, Any] = {
        "stage": stage.name, "error_type": err.error_type, "reason": err.reason, "fix": err.fix,
        "disposition": str(err.disposition), "source_topic": topic,
        "source_event": ev.as_dict() if ev else None,
        "raw_value": None if ev else base64.b64encode(raw[:65536]).decode("ascii"),
    }
    dl = make_event("document.dead_lettered", payload, source=f"stage:{stage.name}", document_id=doc_id,
                    correlation_id=ev.correlation_id if ev else None)
    await emit(send, TopicSpec(dlq, "document.dead_lettered"), dl)
    try:
        await asyncio.to_thread(_record_dead_letter, svc, stage, topic, ev, err, dl)
    except Exception:  # the DLQ topic already holds it; the view catches up on replay
        log.exception("could not record dead letter %s in the database", dl.id)
    await status(send, stage.name, ev, "dead_letter", t0, error=err, topic=topic)
    log.warning("dead letter from %s: %s: %s", stage.name, err.error_type, err.reason)


def _record_dead_letter(svc: Services, stage: Stage, topic: str, ev: Event | None, err: WorkflowError,
                        dl: Event) -> None:
    now = svc.clock()
    # id from the source event (or the dead letter itself): a replayed message leaves one record, not two
    dl_id = f"{stage.name}:{ev.id}" if ev else dl.id
    svc.repo.add_dead_letter(DeadLetterRecord(
        dead_letter_id=dl_id, document_id=ev.document_id if ev else None, stage=stage.name,
        error_type=err.error_type, reason=err.reason, topic=topic, at=now,
        payload={"fix": err.fix, "disposition": str(err.disposition), "event": ev.as_dict() if ev else None}))
    if ev and ev.document_id and svc.repo.get_document(ev.document_id) is not None:
        from workflow.lifecycle import advance

        advance(svc.repo, ev.document_id, "failed", meta={"failed_stage": stage.name, "failure": err.reason})
        svc.repo.append_audit(ev.document_id, key=f"{stage.name}:dead_letter", at=now, stage=stage.name,
                              action="dead_letter", actor="system",
                              detail={"error_type": err.error_type, "reason": err.reason, "fix": err.fix})


async def process(stage: Stage, topic: str, raw: bytes, svc: Services, send: Sender) -> str:
    """Handle one message completely. Returns the outcome; never raises (except cancellation)."""
    t0 = time.perf_counter()
    try:
        ev = decode(raw)
    except EventContractError as exc:
        await dead_letter(svc, send, stage, topic, None, raw, UndecodableMessageError(str(exc)), t0)
        return "dead_letter"
    if not stage.wants(ev):
        return "ignored"
    with log_context(document_id=ev.document_id or "-", stage=stage.name):
        for attempt in range(len(RETRY_DELAYS) + 1):
            try:
                outs = await stage.handler(ev, svc)
                await asyncio.gather(*(emit(send, spec, out) for spec, out in outs))
                if stage.report_status:
                    await status(send, stage.name, ev, "ok", t0, topic=topic,
                                 detail=",".join(o.type for _, o in outs) or None)
                return "ok"
            except asyncio.CancelledError:
                raise
            except WorkflowError as exc:
                if exc.disposition == Disposition.RETRY and attempt < len(RETRY_DELAYS):
                    log.warning("retrying %s after %s: %s", stage.name, exc.error_type, exc.reason)
                    await asyncio.sleep(RETRY_DELAYS[attempt])
                    continue
                await dead_letter(svc, send, stage, topic, ev, raw, exc, t0)
                return "dead_letter"
            except Exception as exc:  # a bug must not lose the document
                log.exception("unexpected error in stage %s", stage.name)
                await dead_letter(svc, send, stage, topic, ev, raw,
                                  StageBugError(f"{type(exc).__name__}: {exc}"), t0)
                return "dead_letter"
    return "dead_letter"  # pragma: no cover


async def process_batch(stage: Stage, messages: list[tuple[str, bytes | None, bytes]], svc: Services,
                        send: Sender) -> None:
    """Process a batch of (topic, key, value): messages of one document (same key) strictly in order, different
    documents concurrently, so waiting on the disk, the database or broker acks overlaps. Returns when every
    message of the batch is handled; only then does the caller ack the batch."""
    groups: dict[bytes | None, list[tuple[str, bytes]]] = {}
    for topic, key, value in messages:
        groups.setdefault(key if key else None, []).append((topic, value))
    singles = groups.pop(None, [])

    async def run(items: list[tuple[str, bytes]]) -> None:
        for topic, value in items:
            await process(stage, topic, value, svc, send)

    await asyncio.gather(*(run(items) for items in groups.values()), *(run([m]) for m in singles))
