"""Monitor stage: folds the status stream into rolling metrics; a timer publishes them to ops.metrics."""
from __future__ import annotations

from schemas import topics
from schemas.envelope import Event, make_event
from workflow.monitor.logic import MetricsWindow
from workflow.runner import Emit
from workflow.wiring import Services

WINDOW = MetricsWindow()
INTERVAL_S = 30.0


async def handle(ev: Event, svc: Services) -> list[Emit]:
    WINDOW.add(dict(ev.data))
    return []


def metrics_event() -> Emit | None:
    if not WINDOW.counts:
        return None
    snap = WINDOW.snapshot(INTERVAL_S)
    WINDOW.reset()
    return topics.OPS_METRICS, make_event("stage.metrics", snap, source="stage:monitor", document_id=None)
