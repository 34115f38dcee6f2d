"""A plain synchronous producer (kafka-python) for clients outside the stream workers: CLI and HTTP API."""
from __future__ import annotations

import threading

from kafka import KafkaProducer
from kafka.errors import KafkaError

from workflow.errors import ServiceUnavailableError


class EventProducer:
    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self._producer: KafkaProducer | None = None
        self._lock = threading.Lock()

    def _get(self) -> KafkaProducer:
        with self._lock:
            if self._producer is None:
                try:
                    self._producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks="all", linger_ms=5,
                                                   retries=5, max_request_size=1_048_576,
                                                   client_id="aktenfluss-client")
                except KafkaError as exc:
                    raise ServiceUnavailableError(f"Kafka {self.bootstrap} nicht erreichbar: {exc}") from exc
            return self._producer

    def send(self, topic: str, key: str | None, value: bytes, *, wait: bool = True) -> None:
        fut = self._get().send(topic, key=key.encode() if key else None, value=value)
        if wait:
            try:
                fut.get(timeout=30)
            except KafkaError as exc:
                raise ServiceUnavailableError(f"Kafka hat die Nachricht nicht bestätigt: {exc}") from exc

    def flush(self) -> None:
        if self._producer is not None:
            self._producer.flush(timeout=30)

    def close(self) -> None:
        if self._producer is not None:
            self._producer.flush(timeout=30)
            self._producer.close(timeout=10)
            self._producer = None
