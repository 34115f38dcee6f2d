"""Test support: run the pipeline stages in memory (no broker) with real SQLite + folder store in tmp dirs.

This is for fast unit tests of stage chaining; the pipeline tests in tests/e2e run against the real broker.
"""
from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas.envelope import Event, decode
from workflow.runner import Stage, process
from workflow.settings import Settings
from workflow.topology import STAGES
from workflow.wiring import Services, build_services


@dataclass
class FakeOcrResult:
    pages: tuple[Any, ...]
    rendition_pdf: bytes | None = None
    media_type: str = "image/tiff"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class FakePage:
    index: int
    text: str
    confidence: float | None = 90.0
    source: str = "ocr"


class FakeOcr:
    """Returns the text registered for a file name (one page) — a stand-in for the tesseract worker pool."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self.texts = texts or {}
        self.calls = 0

    async def extract(self, data: bytes, filename: str) -> FakeOcrResult:
        self.calls += 1  # like real renditions, the bytes differ from run to run (ids, timestamps)
        return FakeOcrResult((FakePage(0, self.texts.get(filename, "")),),
                             rendition_pdf=b"%%PDF-1.7 rendition run %d" % self.calls)

    def close(self) -> None:
        pass


@dataclass
class MemoryBus:
    svc: Services
    stages: tuple[Stage, ...] = STAGES
    queue: deque[tuple[str, str | None, bytes]] = field(default_factory=deque)
    sent: list[tuple[str, Event]] = field(default_factory=list)

    async def send(self, topic: str, key: str | None, value: bytes, *, wait: bool = True) -> None:
        self.queue.append((topic, key, value))
        self.sent.append((topic, decode(value)))

    async def drain(self, max_steps: int = 10_000) -> None:
        steps = 0
        while self.queue and steps < max_steps:
            topic, _, value = self.queue.popleft()
            for stage in self.stages:
                if topic in {s.name for s in stage.inputs}:
                    await process(stage, topic, value, self.svc, self.send)
            steps += 1

    def run(self) -> None:
        asyncio.run(self.drain())

    def events(self, topic: str) -> list[Event]:
        return [e for t, e in self.sent if t == topic]


def make_services(tmp: Path, **overrides: Any) -> Services:
    settings = Settings(data_dir=tmp, kafka_bootstrap="127.0.0.1:1", **overrides)
    svc = build_services(settings)
    svc._ocr = FakeOcr()
    return svc


def fixed_clock(at: datetime = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)) -> Any:
    return lambda: at
