"""Runs one stage on one message: decode, handle, emit, report. The only place that maps errors to outcomes.

Nothing is dropped: a message that cannot be decoded, a WorkflowError and even an unexpected bug all end as a
dead-letter record (DLQ topic + status view) with stage, error type and reason, and the worker keeps running.
"""
from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
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


class InFlight:
    """Handles messages concurrently, at most ``limit`` at a time, those with the same key strictly in arrival order.

    A free slot takes the next message at once: the stage never waits for a whole batch, so a long scan does not
    hold back the documents behind it and the OCR processes always have pages while documents are pending.

    ``done`` (the caller's ack) runs only in arrival order within a ``lane`` (one topic partition): a message
    that finished early waits until every earlier message of its partition finished, too. Out-of-order acks are
    not safe with faust: its commit takes the first run of consecutive acked offsets and, on a fresh
    partition or one unacked offset right after the last commit, commits past a message still in flight; a
    crash then loses it. A message whose handling raised (only possible when even its dead letter could not be
    sent) is never acked, and neither is anything after it in its lane: the partition's commit stops there,
    and the message comes again after a restart.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"in-flight limit must be at least 1, got {limit}")
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self._last: dict[bytes, asyncio.Task[None]] = {}  # per key, the message handled last (order)
        self._tasks: set[asyncio.Task[None]] = set()
        self._lanes: dict[object, _Lane] = {}

    def __len__(self) -> int:
        return len(self._tasks)

    async def submit(self, key: bytes | None, work: Callable[[], Awaitable[object]],
                     done: Callable[[], Awaitable[object]], *, lane: object = None) -> None:
        """Start ``work`` once a slot is free (and the previous message of ``key`` is finished); ``done`` runs
        after it and after every earlier message of ``lane``."""
        await self._slots.acquire()
        before = self._last.get(key) if key else None
        entry = _Entry(done)
        self._lanes.setdefault(lane, _Lane()).pending.append(entry)
        task = asyncio.create_task(self._run(before, work, entry, lane))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if key:
            self._last[key] = task
            task.add_done_callback(lambda t: self._last.pop(key) if self._last.get(key) is t else None)

    async def _run(self, before: asyncio.Task[None] | None, work: Callable[[], Awaitable[object]],
                   entry: _Entry, lane: object) -> None:
        try:
            if before is not None:
                await asyncio.wait([before])  # its outcome is its own; only the order matters here
                if before.cancelled():
                    raise asyncio.CancelledError  # shutting down: later messages of the key wait for redelivery
            try:
                await work()
                entry.state = "ok"
            except asyncio.CancelledError:
                raise
            except Exception:
                entry.state = "failed"
                log.exception("message not acknowledged (it comes again after a restart)")
            await self._ack_in_order(lane)
        finally:
            self._slots.release()

    async def _ack_in_order(self, lane_id: object) -> None:
        lane = self._lanes[lane_id]
        if lane.acking:
            return  # the task acking this lane now also takes what finished meanwhile: acks never interleave
        lane.acking = True
        try:
            while lane.pending and lane.pending[0].state != "running":
                head = lane.pending.popleft()
                if head.state == "failed" and not lane.blocked:
                    lane.blocked = True
                    log.error("%s: no further acks until a restart (an earlier message failed)", lane_id)
                if not lane.blocked:
                    await head.done()
        finally:
            lane.acking = False
        if not lane.pending and not lane.blocked:
            self._lanes.pop(lane_id, None)

    async def drain(self) -> None:
        """Wait until every started message is finished."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def cancel(self) -> None:
        """Stop all unfinished messages (they stay unacked and are redelivered)."""
        tasks = set(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)


@dataclass(slots=True)
class _Entry:
    done: Callable[[], Awaitable[object]]
    state: str = "running"  # running | ok | failed


@dataclass(slots=True)
class _Lane:
    pending: deque[_Entry] = field(default_factory=deque)  # arrival order
    blocked: bool = False
    acking: bool = False
