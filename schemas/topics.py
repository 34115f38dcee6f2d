"""The Kafka contract: every topic, its partition count, its key and its dead-letter topic, declared once.

Every topic is keyed by ``document_id`` (sha256 of the original bytes) so that all events of one document land
on the same partition, in order, and stages that keep per-document state are co-partitioned.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

# several authorities (tenants) may share one Kafka cluster: each deployment gets its own topic prefix
PREFIX = os.environ.get("AKTENFLUSS_TOPIC_PREFIX", "aktenfluss")
PARTITIONS = 4  # two cores: room for a second worker process per stage group without repartitioning
DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    payload: str  # event type(s) carried, see schemas/events/*.json
    partitions: int = PARTITIONS
    compacted: bool = False
    retention_ms: int | None = None
    has_dlq: bool = True

    @property
    def dlq(self) -> str:
        return self.name + DLQ_SUFFIX


def _t(short: str, payload: str, **kw: object) -> TopicSpec:
    return TopicSpec(f"{PREFIX}.{short}", payload, **kw)  # type: ignore[arg-type]


INTAKE = _t("intake", "document.submitted")
INGESTED = _t("ingested", "document.ingested")
EXTRACTED = _t("extracted", "document.extracted")
UNDERSTOOD = _t("understood", "invoice.validated|document.classified")
REJECTIONS = _t("rejections", "invoice.rejected|rejection.confirmed")
DECISIONS = _t("decisions", "approval.decided|triage.resolved")
TO_FILE = _t("to-file", "document.ready_for_filing")
FILED = _t("filed", "document.filed", has_dlq=False)
FINANCE_EXPORT = _t("finance.export", "invoice.approved_for_payment", has_dlq=False)
OPS_STATUS = _t("ops.status", "stage.status", has_dlq=False)
OPS_METRICS = _t("ops.metrics", "stage.metrics", has_dlq=False)

ALL: tuple[TopicSpec, ...] = (
    INTAKE, INGESTED, EXTRACTED, UNDERSTOOD, REJECTIONS, DECISIONS, TO_FILE, FILED, FINANCE_EXPORT,
    OPS_STATUS, OPS_METRICS,
)


def all_topic_names() -> list[str]:
    """Every topic incl. dead-letter topics, for topic creation and status."""
    names: list[str] = []
    for spec in ALL:
        names.append(spec.name)
        if spec.has_dlq:
            names.append(spec.dlq)
    return names
