"""OcrPool: processes with one engine each, usable from asyncio; hung or crashed workers are replaced."""
from __future__ import annotations

import asyncio

import pytest

from connectors.tesseract_ocr import find_tessdata
from tests.fixtures.ocr.engines import SizeEchoEngine
from tests.fixtures.ocr.samples import LINES, encode, multipage_tiff, render_page
from workflow.ocr import CorruptDocumentError, OcrEngineError, OcrLimits, OcrPool, OcrTimeoutError
from workflow.ocr.quality import line_cer


def _page(width: int) -> bytes:
    image = render_page(size=(width, 600))
    return encode(image, "PNG")


def test_tesseract_pool_reads_pages_in_parallel_from_asyncio() -> None:
    try:
        find_tessdata(None, "deu")
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    data = multipage_tiff([render_page(mode="1")] * 4)
    with OcrPool(2) as pool:
        result = asyncio.run(pool.extract(data, "scan.tif"))
        again = pool.extract_sync(data, "scan.tif", make_rendition=False)
        assert len(pool.peak_rss_kb_by_worker) == 2  # both workers took pages of the one document
        assert all(0 < kb < 500 * 1024 for kb in pool.peak_rss_kb_by_worker.values())
    assert [p.source for p in result.pages] == ["ocr"] * 4
    assert all(line_cer("\n".join(LINES), p.text).cer < 0.05 for p in result.pages)
    assert result.rendition_pdf and again.rendition_pdf is None
    assert [p.text for p in again.pages] == [p.text for p in result.pages]


def test_event_loop_keeps_running_while_pages_are_recognised() -> None:
    data = multipage_tiff([render_page(size=(1500, 600), mode="1")] * 4)

    async def scenario(pool: OcrPool) -> tuple[int, float, list[str]]:
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0.02)

        task = asyncio.create_task(ticker())
        started = asyncio.get_running_loop().time()
        result = await pool.extract(data, "langsam.tif")
        elapsed = asyncio.get_running_loop().time() - started
        stop.set()
        await task
        return ticks, elapsed, [p.text for p in result.pages]

    with OcrPool(2, engine_factory=SizeEchoEngine) as pool:
        pool.warm_up()
        ticks, elapsed, texts = asyncio.run(scenario(pool))
    assert elapsed >= 0.8  # 4 pages of 0.4 s on 2 workers
    assert ticks >= elapsed / 0.02 / 3  # the loop ticked all along (blocking it would give ~1 tick)
    assert all(text.startswith("Seite 1500x600") for text in texts)


def test_documents_waiting_for_ocr_leave_the_default_threads_free() -> None:
    """Documents in OCR wait in the pool's own threads: the loop's default threads (database, object store)
    stay free even when more documents are in OCR than there are default threads."""
    import concurrent.futures as cf

    data = multipage_tiff([render_page(size=(1500, 600), mode="1")] * 2)

    async def scenario(pool: OcrPool) -> tuple[bool, int]:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(cf.ThreadPoolExecutor(1))
        ocr = [asyncio.create_task(pool.extract(data, f"brief-{i}.tif")) for i in range(3)]
        await asyncio.sleep(0.1)  # all three documents are waiting for their pages now
        side_done = await asyncio.to_thread(lambda: True)  # would wait behind the OCR with shared threads
        busy = sum(not t.done() for t in ocr)
        await asyncio.gather(*ocr)
        return side_done, busy

    with OcrPool(2, engine_factory=SizeEchoEngine) as pool:
        pool.warm_up()
        side_done, busy = asyncio.run(scenario(pool))
    assert side_done and busy >= 2  # the side job finished while documents were still in OCR


def test_hung_worker_is_killed_and_the_pool_recovers() -> None:
    limits = OcrLimits(page_timeout_s=0.5)
    with OcrPool(2, engine_factory=SizeEchoEngine, limits=limits, hang_grace_s=0.5) as pool:
        with pytest.raises(OcrTimeoutError, match="nicht erkannt"):
            pool.extract_sync(_page(2100), "haengt.png")
        result = pool.extract_sync(_page(1300), "gut.png")
    assert result.pages[0].text.startswith("Seite 1300x600")


def test_crashed_worker_gives_a_typed_error_and_the_pool_recovers() -> None:
    with OcrPool(1, engine_factory=SizeEchoEngine) as pool:
        with pytest.raises(OcrEngineError, match="abgestürzt|nicht verfügbar"):
            pool.extract_sync(_page(1234), "absturz.png")
        assert pool.extract_sync(_page(1300), "gut.png").pages[0].source == "ocr"


def test_bad_input_errors_cross_the_process_boundary_typed() -> None:
    png = bytearray(_page(1300))
    middle = len(png) // 2
    png[middle:middle + 64] = bytes(64)  # header intact: planning works, decoding in the worker fails
    with OcrPool(1, engine_factory=SizeEchoEngine) as pool:
        with pytest.raises(CorruptDocumentError, match="Bilddaten beschädigt"):
            pool.extract_sync(bytes(png), "kaputt.png")
