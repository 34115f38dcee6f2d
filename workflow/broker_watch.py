"""Broker watch: a worker whose Kafka broker is gone for too long exits with a clear error instead of retrying
forever (aiokafka reconnects in a tight loop and burns a core). A supervisor (systemd, `aktenfluss up`, the
container runtime) restarts it; nothing is lost, because events are only acked after they were handled.

The decision is pure (:class:`BrokerWatch`), the probe is a plain TCP connect to the bootstrap servers.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

PROBE_INTERVAL_S = 5.0
PROBE_TIMEOUT_S = 2.0


class BrokerLostError(RuntimeError):
    """The broker was unreachable for longer than ``broker_lost_exit_s``."""


@dataclass
class BrokerWatch:
    """Remembers when the broker was last reachable and says when to give up."""

    bootstrap: str
    give_up_after_s: float
    last_ok: float
    _reported_down: bool = field(default=False, repr=False)

    def observe(self, reachable: bool, now: float) -> BrokerLostError | None:
        """Record one probe; return the error to stop with once the broker was away longer than allowed."""
        if reachable:
            if self._reported_down:
                log.warning("Kafka-Broker %s wieder erreichbar", self.bootstrap)
            self.last_ok, self._reported_down = now, False
            return None
        away = now - self.last_ok
        if not self._reported_down:
            log.warning("Kafka-Broker %s nicht erreichbar; Worker beendet sich nach %.0f s ohne Broker",
                        self.bootstrap, self.give_up_after_s)
            self._reported_down = True
        if self.give_up_after_s > 0 and away >= self.give_up_after_s:
            return BrokerLostError(
                f"Kafka-Broker {self.bootstrap} seit {away:.0f} s nicht erreichbar; Worker beendet. "
                "Broker starten (z. B. `bash infra/kafka.sh start`) und den Worker neu starten lassen; "
                "unbestätigte Ereignisse werden dann erneut verarbeitet.")
        return None


def servers(bootstrap: str) -> list[tuple[str, int]]:
    """``host:port[,host:port]`` (with or without ``kafka://``) as (host, port) pairs."""
    out = []
    for part in bootstrap.replace("kafka://", "").split(","):
        host, _, port = part.strip().rpartition(":")
        if host and port.isdigit():
            out.append((host.strip("[]"), int(port)))
    return out


async def reachable(bootstrap: str, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """True when a TCP connection to at least one bootstrap server opens within ``timeout_s``."""
    for host, port in servers(bootstrap):
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout_s)
        except (TimeoutError, OSError):
            continue
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass
        return True
    return False
