"""Rolling per-stage metrics from stage.status events (pure: feed events, read a snapshot)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import quantiles
from typing import Any


@dataclass
class MetricsWindow:
    counts: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, data: dict[str, Any]) -> None:
        stage, outcome = str(data.get("stage")), str(data.get("outcome"))
        self.counts[f"{stage}.{outcome}"] += 1
        if data.get("duration_ms") is not None:
            self.latencies[stage].append(float(data["duration_ms"]))

    def snapshot(self, window_s: float) -> dict[str, Any]:
        def q(values: list[float], n: int) -> float:
            if len(values) < 2:
                return round(values[0], 2) if values else 0.0
            return round(quantiles(values, n=100, method="inclusive")[n - 1], 2)

        return {"window_s": window_s, "counts": dict(self.counts),
                "latency_ms_p50": {s: q(v, 50) for s, v in self.latencies.items()},
                "latency_ms_p95": {s: q(v, 95) for s, v in self.latencies.items()}}

    def reset(self) -> None:
        self.counts.clear()
        self.latencies.clear()
