"""The broker watch decides from probes alone: away longer than the limit -> an error that says what to do."""
from __future__ import annotations

import asyncio
import socket

from workflow.broker_watch import BrokerLostError, BrokerWatch, reachable, servers


def test_gives_up_only_after_the_broker_was_away_long_enough() -> None:
    watch = BrokerWatch("127.0.0.1:9092", give_up_after_s=60, last_ok=100.0)
    assert watch.observe(False, 130.0) is None
    assert watch.observe(True, 150.0) is None  # back: the clock starts again
    assert watch.observe(False, 200.0) is None
    lost = watch.observe(False, 210.0)
    assert isinstance(lost, BrokerLostError)
    assert "127.0.0.1:9092" in str(lost) and "60 s" in str(lost) and "kafka.sh start" in str(lost)


def test_zero_means_retry_forever() -> None:
    watch = BrokerWatch("b:1", give_up_after_s=0, last_ok=0.0)
    assert watch.observe(False, 1e9) is None


def test_bootstrap_lists_are_split() -> None:
    assert servers("kafka://a:9092, b:9093") == [("a", 9092), ("b", 9093)]
    assert servers("[::1]:9092") == [("::1", 9092)]
    assert servers("nonsense") == []


def test_probe_sees_a_listening_port_and_a_closed_one() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert asyncio.run(reachable(f"127.0.0.1:{port}", timeout_s=2))
    assert not asyncio.run(reachable(f"127.0.0.1:{port}", timeout_s=2))  # closed now
    assert not asyncio.run(reachable("nonsense"))
