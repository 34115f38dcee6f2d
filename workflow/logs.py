"""Logging with the document id and stage on every record (contextvars), %-style arguments."""
from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

_document: contextvars.ContextVar[str] = contextvars.ContextVar("document_id", default="-")
_stage: contextvars.ContextVar[str] = contextvars.ContextVar("stage", default="-")


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.document_id = _document.get()[:12]
        record.stage = _stage.get()
        return True


@contextlib.contextmanager
def log_context(*, document_id: str | None = None, stage: str | None = None) -> Iterator[None]:
    tokens = []
    if document_id is not None:
        tokens.append((_document, _document.set(document_id)))
    if stage is not None:
        tokens.append((_stage, _stage.set(stage)))
    try:
        yield
    finally:
        for var, tok in reversed(tokens):
            var.reset(tok)


def setup_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    if getattr(root, "_aktenfluss", False):
        return
    handler = logging.StreamHandler()
    handler.addFilter(ContextFilter())
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)-7s %(stage)s doc=%(document_id)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    root._aktenfluss = True  # type: ignore[attr-defined]
    for noisy in ("aiokafka", "kafka", "faust", "mode"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)
                                               if isinstance(logging.getLevelName(level), int) else 30))
