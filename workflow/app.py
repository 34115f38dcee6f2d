"""faust binding: one agent per stage of ``workflow.topology`` (concurrency 1), raw bytes in and out.

Agents are thin: every event goes to :func:`workflow.runner.process` through a :class:`workflow.runner.InFlight`
window (per document in order, documents concurrently, no batch boundaries) and is acked by hand only after it
and every earlier event of its partition were handled (faust's commit is not safe with acks out of offset order);
process() never raises, and an event whose handling failed anyway is not acked.
"""
from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

import faust

from schemas import topics
from workflow import broker_watch
from workflow.monitor import stage as monitor
from workflow.runner import InFlight, Stage, emit, process
from workflow.settings import Settings
from workflow.topology import STAGES
from workflow.wiring import Services

log = logging.getLogger(__name__)

IN_FLIGHT = 32  # events a stage handles at once (one faust agent, concurrency 1; see runner.InFlight)


def create_app(settings: Settings) -> faust.App:
    return faust.App(
        settings.app_id,
        datadir=str(settings.data_dir / "stream-state"),  # faust's own folder (else '<app id>-data' in the cwd)
        broker=f"kafka://{settings.kafka_bootstrap}",
        value_serializer="raw",
        key_serializer="raw",
        web_enabled=False,
        store="memory://",
        topic_partitions=topics.PARTITIONS,
        topic_replication_factor=1,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_linger=0.005,  # events of concurrently handled documents share produce requests
        broker_commit_every=100,  # commits are cheap to repeat: every stage is idempotent on redelivery
        broker_commit_interval=1.0,
        stream_buffer_maxsize=64,
        autodiscover=False,
    )


class FaustSender:
    """Produce and wait for the broker's ack, so an event is only acked after what it caused is durable."""

    def __init__(self, app: faust.App) -> None:
        self.app = app

    async def __call__(self, topic: str, key: str | None, value: bytes, *, wait: bool = True) -> None:
        k = key.encode() if key else None
        if wait:
            await self.app.producer.send_and_wait(topic, k, value, partition=None, timestamp=None, headers=None)
        else:
            await self.app.producer.send(topic, k, value, partition=None, timestamp=None, headers=None)


def bind(app: faust.App, services: Services, stages: tuple[Stage, ...] = STAGES, *,
         broker_lost_exit_s: float = 0.0, on_broker_lost: Callable[[Exception], None] | None = None) -> None:
    """Bind every stage as an agent. With ``broker_lost_exit_s`` > 0 a timer probes the broker and, once it was
    unreachable that long, calls ``on_broker_lost`` (default: crash the app, which then stops slowly)."""
    send = FaustSender(app)
    for stage in stages:
        channel = app.topic(*[s.name for s in stage.inputs], value_serializer="raw", key_serializer="raw",
                            partitions=topics.PARTITIONS)
        _agent(app, channel, stage, services, send)

    @app.timer(interval=monitor.INTERVAL_S)
    async def publish_metrics() -> None:
        out = monitor.metrics_event()
        if out is not None:
            await emit(send, *out)

    if broker_lost_exit_s > 0:
        _watch_broker(app, broker_lost_exit_s, on_broker_lost)


def _watch_broker(app: faust.App, give_up_after_s: float,
                  on_lost: Callable[[Exception], None] | None) -> None:
    bootstrap = str(app.conf.broker[0]).replace("kafka://", "") if app.conf.broker else ""
    watch = broker_watch.BrokerWatch(bootstrap, give_up_after_s, last_ok=time.monotonic())

    @app.timer(interval=broker_watch.PROBE_INTERVAL_S)
    async def watch_broker() -> None:
        lost = watch.observe(await broker_watch.reachable(bootstrap), time.monotonic())
        if lost is not None:
            log.critical("%s", lost)
            if on_lost is not None:
                on_lost(lost)
            await app.crash(lost)


def in_flight_limit(stage: Stage, services: Services) -> int:
    """Messages a stage handles at once. OCR: as many documents as the OCR pool takes at once (enough queued
    pages that no OCR process waits between documents, few enough that memory stays bounded)."""
    if stage.name == "extract":
        from workflow.ocr.pool import pool_size

        return max(2, 4 * pool_size(services.settings.ocr_workers))
    return IN_FLIGHT


def _agent(app: faust.App, channel: Any, stage: Stage, services: Services, send: FaustSender) -> None:
    limit = in_flight_limit(stage, services)

    async def run(stream: Any) -> None:
        window = InFlight(limit)
        try:
            # manual acks: an event is acked only after process() handled it completely (see InFlight)
            async for event in stream.noack().events():
                message = event.message
                work = functools.partial(process, stage, message.topic, event.value or b"", services, send)
                await window.submit(message.key, work, functools.partial(stream.ack, event),
                                    lane=(message.topic, message.partition))
        finally:
            await window.cancel()

    run.__name__ = f"stage_{stage.name}"
    app.agent(channel, name=f"aktenfluss.stage.{stage.name}", concurrency=1)(run)
