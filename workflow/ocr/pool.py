"""OcrPool: worker processes that each own one OCR engine (one tesseract API), for use from asyncio.

Pages are the unit of work, so one long document keeps every core busy. The parent only parses the container
and builds the rendition; pages travel as compressed bytes and are decoded in the worker that recognises them.
"""
from __future__ import annotations

import asyncio
import concurrent.futures as cf
import functools
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from workflow.ocr.engine import OcrEngine
from workflow.ocr.errors import OcrEngineError, OcrTimeoutError
from workflow.ocr.extract import run_extraction
from workflow.ocr.model import ExtractedText, OcrLimits, PageImage
from workflow.ocr.page_work import PageResult, process_page

log = logging.getLogger(__name__)

EngineFactory = Callable[[], OcrEngine]
_ENGINE: OcrEngine | None = None  # the engine of this worker process (set by the initializer)


def tesseract_factory(languages: str = "deu", tessdata: str | None = None) -> EngineFactory:
    """A picklable factory for the default engine (imported in the worker, after OMP_THREAD_LIMIT is set)."""
    return functools.partial(_make_tesseract, languages, tessdata)


def _make_tesseract(languages: str, tessdata: str | None) -> OcrEngine:
    from connectors.tesseract_ocr import TesseractOcrEngine

    return TesseractOcrEngine(languages=languages, tessdata=tessdata)


def _init_worker(factory: EngineFactory, env: dict[str, str]) -> None:
    os.environ.update(env)
    global _ENGINE
    _ENGINE = factory()


def _work(page: PageImage, limits: OcrLimits, want_embed: bool) -> tuple[PageResult, int, int]:
    if _ENGINE is None:
        raise OcrEngineError("OCR-Worker ohne Engine gestartet (Initializer fehlgeschlagen).")
    result = process_page(_ENGINE, page, limits, want_embed=want_embed)
    return result, os.getpid(), peak_rss_kb()


def peak_rss_kb(pid: int | str = "self") -> int:
    """Peak resident memory (VmHWM) of a process in KiB, 0 where /proc is not available."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def pool_size(processes: int | None) -> int:
    """OCR processes of a pool asked for ``processes`` (0 or None: one per CPU)."""
    return processes or os.cpu_count() or 1


class OcrPool:
    """A process pool whose workers each hold one engine (default: tesseract, OMP_THREAD_LIMIT=1).

    Args:
        processes: worker count; default the number of cores.
        languages, tessdata: for the default tesseract engine.
        engine_factory: picklable zero-argument callable making the engine in each worker (overrides the above).
        limits: the :class:`OcrLimits` applied to every document.
        make_rendition: build the searchable PDF.
        max_tasks_per_child: pages after which a worker is replaced (bounds slow leaks).
        hang_grace_s: extra seconds per round of pages before a worker counts as hung and is killed (the engine's
            own page timeout should fire first; this catches workers that stopped answering at all).
    """

    def __init__(
        self,
        processes: int | None = None,
        *,
        languages: str = "deu",
        tessdata: str | None = None,
        engine_factory: EngineFactory | None = None,
        limits: OcrLimits = OcrLimits(),
        make_rendition: bool = True,
        max_tasks_per_child: int | None = 500,
        hang_grace_s: float = 15.0,
    ) -> None:
        self.processes = pool_size(processes)
        self.languages = languages
        self.limits = limits
        self.make_rendition = make_rendition
        self._factory = engine_factory or tesseract_factory(languages, tessdata)
        self._env = {"OMP_THREAD_LIMIT": "1"}
        if tessdata:
            self._env["TESSDATA_PREFIX"] = str(tessdata)
        self._max_tasks = max_tasks_per_child
        self._hang_grace_s = hang_grace_s
        self._lock = threading.Lock()
        self._executor: cf.ProcessPoolExecutor | None = None
        self._threads: cf.ThreadPoolExecutor | None = None
        # documents handled at once by extract(): enough queued pages that no process waits between documents
        self.documents_in_flight = 4 * self.processes
        self.peak_rss_kb_by_worker: dict[int, int] = {}

    def _pool(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = cf.ProcessPoolExecutor(
                    max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker, initargs=(self._factory, self._env),
                    max_tasks_per_child=self._max_tasks,
                )
            return self._executor

    def warm_up(self) -> None:
        """Start all workers now (engine loading takes a moment) instead of on the first document."""
        pool = self._pool()
        futures = [pool.submit(_noop) for _ in range(self.processes * 2)]
        cf.wait(futures)

    def extract_sync(self, data: bytes, filename: str, *, make_rendition: bool | None = None) -> ExtractedText:
        """Blocking extraction of one document; page OCR runs in the worker processes."""
        rendition = self.make_rendition if make_rendition is None else make_rendition
        return run_extraction(data, filename, self._recognize_pages, languages=self.languages,
                              make_rendition=rendition, limits=self.limits)

    async def extract(self, data: bytes, filename: str, *, make_rendition: bool | None = None) -> ExtractedText:
        """Extraction from an asyncio event loop: parsing and rendition in a thread, OCR in the processes.

        The thread waits for the pages most of the time, so it comes from the pool's own threads: documents
        waiting for OCR never take the event loop's default threads from other work (database, object store).
        """
        loop = asyncio.get_running_loop()
        call = functools.partial(self.extract_sync, data, filename, make_rendition=make_rendition)
        return await loop.run_in_executor(self._document_threads(), call)

    def _document_threads(self) -> cf.ThreadPoolExecutor:
        with self._lock:
            if self._threads is None:
                self._threads = cf.ThreadPoolExecutor(self.documents_in_flight, thread_name_prefix="ocr-document")
            return self._threads

    def _recognize_pages(self, pages: Sequence[PageImage], want_embed: bool) -> list[PageResult]:
        pool = self._pool()
        try:
            futures = [pool.submit(_work, page, self.limits, want_embed) for page in pages]
        except BrokenProcessPool as exc:
            self._discard(pool)
            raise OcrEngineError(f"OCR-Worker nicht verfügbar ({exc}); bitte erneut versuchen.") from exc
        self._wait_or_kill_hung(pool, futures)
        results = []
        for future in futures:
            try:
                result, pid, rss = future.result()
            except BrokenProcessPool as exc:
                self._discard(pool)
                raise OcrEngineError(f"OCR-Worker abgestürzt ({exc}); Seite in der Klärung prüfen.") from exc
            self.peak_rss_kb_by_worker[pid] = max(rss, self.peak_rss_kb_by_worker.get(pid, 0))
            results.append(result)
        return results

    def _wait_or_kill_hung(self, pool: cf.ProcessPoolExecutor, futures: list[cf.Future[Any]]) -> None:
        """Wait for all pages; a page running longer than twice (page timeout + grace) means a hung worker.

        The clock of a page starts when the executor hands it to a worker's queue (``running()``): pages of
        other documents queued before it do not count against it. At most one page waits in each worker's
        queue, hence the factor two.
        """
        limit = 2 * (self.limits.page_timeout_s + self._hang_grace_s)
        poll = max(0.05, min(1.0, limit / 8))
        started: dict[cf.Future[Any], float] = {}
        pending = set(futures)
        while pending:
            _, pending = cf.wait(pending, timeout=poll, return_when=cf.FIRST_COMPLETED)
            now = time.monotonic()
            for future in pending:
                if future.running():
                    started.setdefault(future, now)
            hung = [f for f in pending if f in started and now - started[f] > limit]
            if hung:
                self._discard(pool)
                raise OcrTimeoutError(
                    f"{len(hung)} von {len(futures)} Seiten nach {limit:.0f} s nicht erkannt; Worker neu gestartet.")

    def _discard(self, pool: cf.ProcessPoolExecutor) -> None:
        """Throw away a broken or hung pool; the next call starts fresh workers."""
        with self._lock:
            if self._executor is pool:
                self._executor = None
        processes: dict[Any, Any] = getattr(pool, "_processes", None) or {}  # no public handle to hung workers
        for process in list(processes.values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        log.warning("OCR pool discarded (%d workers killed)", len(processes))

    def close(self) -> None:
        """Stop the workers (waits for running pages)."""
        with self._lock:
            pool, self._executor = self._executor, None
            threads, self._threads = self._threads, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if threads is not None:
            threads.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _noop() -> int:
    return os.getpid()
