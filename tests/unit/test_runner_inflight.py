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

        await window.submit(b"a", slow, lambda: ack("slow"), lane="p0")
        for name in ("q1", "q2", "q3"):
            lane = "p1" if name == "q1" else "p0"
            await window.submit(name.encode(), lambda n=name: quick(n), lambda n=name: ack(n), lane=lane)
        await window.drain()
        return log

    log = _run(scenario())
    assert log.index("q3") < log.index("slow end")  # three quick ones passed the slow one in the second slot
    assert log.index("ack q1") < log.index("ack slow")  # another partition: acked as soon as it finished
    # same partition: acked only after the slow one before them, in arrival (offset) order
    assert [x for x in log if x in ("ack slow", "ack q2", "ack q3")] == ["ack slow", "ack q2", "ack q3"]
    assert log.index("q2") < log.index("slow end") < log.index("ack q2")


def test_acks_of_one_partition_never_pass_an_unfinished_message() -> None:
    """faust commits the first run of consecutive acked offsets; acking 6 and 7 while 5 still runs could commit
    past 5 and lose it in a crash. Within a lane the window acks strictly in arrival order."""

    async def scenario() -> list[int]:
        window = InFlight(8)
        acked: list[int] = []
        gates = {offset: asyncio.Event() for offset in range(5, 10)}

        async def work(offset: int) -> None:
            await gates[offset].wait()

        async def ack(offset: int) -> None:
            acked.append(offset)

        for offset in range(5, 10):
            await window.submit(f"doc-{offset}".encode(), lambda o=offset: work(o), lambda o=offset: ack(o),
                                lane=("topic", 0))
        for offset in (9, 7, 6):  # finish out of order: nothing may be acked while 5 runs
            gates[offset].set()
            await asyncio.sleep(0.01)
        assert acked == []
        gates[5].set()
        await asyncio.sleep(0.01)
        assert acked == [5, 6, 7]  # 8 still runs: 9 waits for it
        gates[8].set()
        await window.drain()
        return acked

    assert _run(scenario()) == [5, 6, 7, 8, 9]


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

        await window.submit(b"a", broken, lambda: ack("a"), lane="p0")
        await window.submit(b"b", fine, lambda: ack("b"), lane="p1")
        await window.submit(b"c", fine, lambda: ack("c"), lane="p0")  # after the failed one in its partition
        await window.drain()
        await window.submit(b"d", fine, lambda: ack("d"), lane="p0")
        await window.drain()
        return acked

    # the failed message stays unacked, and so does everything after it in its partition (a commit past it
    # would lose it); other partitions go on
    assert _run(scenario()) == ["b"]
    assert "not acknowledged" in caplog.text
    assert "no further acks until a restart" in caplog.text


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


def test_why_acks_go_in_order_faust_commits_past_an_unacked_offset() -> None:
    """The faust behaviour InFlight guards against (faust-streaming's Consumer._new_offset, the offset it commits
    next): with acks out of order it commits past a message that is still being handled. Should faust fix this,
    the in-order acks stay correct; this test only documents why they are needed."""
    from collections import defaultdict
    from types import SimpleNamespace

    from faust.transport.consumer import Consumer
    from faust.types import TP
    from intervaltree import IntervalTree

    tp = TP("aktenfluss.intake", 0)
    consumer = SimpleNamespace(_acked=defaultdict(list), _gap=defaultdict(IntervalTree),
                               _committed_offset=defaultdict(lambda: None), _acked_index=defaultdict(set))
    consumer._acked[tp] = [1, 2]  # fresh partition: offset 0 still in flight
    assert Consumer._new_offset(consumer, tp) == 3  # commits past offset 0
    consumer._committed_offset[tp] = 5  # next to read: 5, still in flight; 6 and 7 done
    consumer._acked[tp] = [6, 7]
    assert Consumer._new_offset(consumer, tp) == 8  # commits past offset 5
    consumer._acked[tp] = [5, 6, 7]  # in order: the commit covers only handled messages
    assert Consumer._new_offset(consumer, tp) == 8
