"""runner.InFlight: the window every stage agent streams through (no Kafka needed)."""
from __future__ import annotations

import asyncio

import pytest

from workflow.runner import InFlight


def _run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_next_message_starts_while_a_slow_one_still_runs() -> None:
    """No batch boundary: a free slot takes the next message although an earlier one is not finished."""

    async def scenario() -> list[str]:
        window = InFlight(2)
        log: list[str] = []
        slow_may_end = asyncio.Event()

        async def slow() -> None:
            log.append("slow start")
            await slow_may_end.wait()
            log.append("slow end")

        async def quick(name: str) -> None:
            log.append(name)
            if name == "q3":
                slow_may_end.set()

        async def ack(name: str) -> None:
            log.append(f"ack {name}")

        await window.submit(b"a", slow, lambda: ack("slow"))
        for name in ("q1", "q2", "q3"):
            await window.submit(name.encode(), lambda n=name: quick(n), lambda n=name: ack(n))
        await window.drain()
        return log

    log = _run(scenario())
    assert log.index("q3") < log.index("slow end")  # three quick ones passed the slow one in the second slot
    assert log.index("ack q1") < log.index("ack slow")  # acked as finished, not in arrival order
    assert sorted(x for x in log if x.startswith("ack")) == ["ack q1", "ack q2", "ack q3", "ack slow"]


def test_same_key_strictly_in_order_and_limit_respected() -> None:
    async def scenario() -> tuple[list[str], int]:
        window = InFlight(3)
        order: list[str] = []
        running = peak = 0

        async def work(name: str, delay: float) -> None:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(delay)
            order.append(name)
            running -= 1

        async def nothing() -> None:
            return None

        await window.submit(b"doc", lambda: work("doc-1", 0.05), nothing)
        await window.submit(b"doc", lambda: work("doc-2", 0.0), nothing)
        for i in range(6):
            await window.submit(f"other-{i}".encode(), lambda i=i: work(f"other-{i}", 0.01), nothing)
        await window.drain()
        return order, peak

    order, peak = _run(scenario())
    assert order.index("doc-1") < order.index("doc-2")
    assert peak <= 3
    assert len(order) == 8


def test_failed_message_is_not_acked_and_others_go_on(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> list[str]:
        window = InFlight(2)
        acked: list[str] = []

        async def broken() -> None:
            raise ConnectionError("broker gone while sending the dead letter")

        async def fine() -> None:
            return None

        async def ack(name: str) -> None:
            acked.append(name)

        await window.submit(b"a", broken, lambda: ack("a"))
        await window.submit(b"b", fine, lambda: ack("b"))
        await window.drain()
        return acked

    assert _run(scenario()) == ["b"]
    assert "not acknowledged" in caplog.text


def test_cancel_leaves_unfinished_messages_unacked() -> None:
    async def scenario() -> list[str]:
        window = InFlight(4)
        acked: list[str] = []

        async def forever() -> None:
            await asyncio.Event().wait()

        async def ack(name: str) -> None:
            acked.append(name)

        await window.submit(b"a", forever, lambda: ack("a"))
        await window.submit(b"a", forever, lambda: ack("a2"))  # waits for the first of its key
        await asyncio.sleep(0.01)
        await window.cancel()
        assert len(window) == 0
        return acked

    assert _run(scenario()) == []


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        InFlight(0)


def test_extract_takes_as_many_documents_as_the_ocr_pool_keeps_busy() -> None:
    from types import SimpleNamespace

    from workflow.app import IN_FLIGHT, in_flight_limit
    from workflow.topology import STAGES

    services = SimpleNamespace(settings=SimpleNamespace(ocr_workers=2))
    limits = {stage.name: in_flight_limit(stage, services) for stage in STAGES}  # type: ignore[arg-type]
    assert limits["extract"] == 8
    assert all(n == IN_FLIGHT for name, n in limits.items() if name != "extract")
