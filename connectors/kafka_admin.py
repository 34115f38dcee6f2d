"""Create or verify the topics declared in schemas.topics (kafka-python admin client)."""
from __future__ import annotations

import logging
import time

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from schemas import topics

log = logging.getLogger(__name__)


def admin_client(bootstrap: str, timeout_s: float = 60.0) -> KafkaAdminClient:
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            return KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000,
                                    client_id="aktenfluss-admin")
        except KafkaError as exc:
            last = exc
            time.sleep(0.5)
    raise RuntimeError(f"Kafka at {bootstrap} not reachable after {timeout_s:.0f}s ({last}); "
                       "start it with infra/kafka.sh start")


def ensure_topics(bootstrap: str) -> list[str]:
    """Create missing topics (idempotent). Returns the names created."""
    admin = admin_client(bootstrap)
    try:
        existing = set(admin.list_topics())
        wanted = []
        for spec in topics.ALL:
            names = [spec.name] + ([spec.dlq] if spec.has_dlq else [])
            for name in names:
                if name not in existing:
                    cfg = {"cleanup.policy": "compact"} if spec.compacted else {}
                    wanted.append(NewTopic(name, num_partitions=spec.partitions, replication_factor=1,
                                           topic_configs=cfg))
        created: list[str] = []
        for nt in wanted:
            try:
                admin.create_topics([nt])
                created.append(nt.name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        admin.close()


def consumer_lag(bootstrap: str, group: str) -> dict[str, int]:
    """Messages not yet processed per topic for a consumer group (end offset - committed offset)."""
    from kafka import KafkaConsumer, TopicPartition

    admin = admin_client(bootstrap, timeout_s=10)
    try:
        committed = admin.list_group_offsets({group: None}).get(group, {})
    finally:
        admin.close()
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="aktenfluss-status")
    try:
        lag: dict[str, int] = {}
        names = [s.name for s in topics.ALL]
        parts = [TopicPartition(n, p) for n in names for p in range(topics.PARTITIONS)]
        ends = consumer.end_offsets(parts)
        for tp, end in ends.items():
            meta = committed.get(tp)
            done = meta.offset if meta is not None and meta.offset >= 0 else 0
            lag[tp.topic] = lag.get(tp.topic, 0) + max(0, end - done)
        return lag
    finally:
        consumer.close()


def topic_sizes(bootstrap: str, names: list[str]) -> dict[str, int]:
    """Number of messages ever written per topic (sum of end offsets), e.g. for dead-letter topics."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="aktenfluss-status")
    try:
        parts = [TopicPartition(n, p) for n in names for p in range(topics.PARTITIONS)]
        out: dict[str, int] = {}
        for tp, end in consumer.end_offsets(parts).items():
            out[tp.topic] = out.get(tp.topic, 0) + end
        return out
    finally:
        consumer.close()
