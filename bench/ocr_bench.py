"""Benchmark: OcrPool against the tesseract command line on the same pages, plus accuracy (CER).

    .venv/bin/python bench/ocr_bench.py [--folder DIR] [--pages N] [--processes 2] [--concurrency 4] [--rounds 1]

(a) ``tesseract`` CLI, ``--processes`` processes in parallel, OMP_THREAD_LIMIT=1, on the page images written
    as PNG with their resolution first (not timed). (b) OcrPool (warm workers) extracting the same documents,
    rendition included, ``--concurrency`` documents at a time through its asyncio API.
Prints pages/second of both, the ratio, peak RSS per worker and the character error rate of both against
the ground truth (``dev-NNNN.json`` pages[].text; order-tolerant line alignment).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.ocr import OcrPool  # noqa: E402
from workflow.ocr.imaging import decode_page, rescale_for_ocr, to_gray  # noqa: E402
from workflow.ocr.model import OcrLimits  # noqa: E402
from workflow.ocr.pdf_pages import plan_pdf_pages  # noqa: E402
from workflow.ocr.quality import CerResult, line_cer  # noqa: E402
from workflow.ocr.raster_pages import plan_raster_pages  # noqa: E402

DEFAULT_FOLDER = Path(os.environ.get("AKTENFLUSS_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "corpus/scans"
SUFFIXES = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"}


@dataclass
class Doc:
    path: Path
    data: bytes
    truth: list[str | None]  # ground-truth text per page, None when unknown
    pngs: list[Path]


def collect(folder: Path, max_pages: int | None, workdir: Path) -> list[Doc]:
    limits = OcrLimits()
    docs: list[Doc] = []
    total = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
        data = path.read_bytes()
        plans = plan_pdf_pages(data, path.name, limits) if path.suffix == ".pdf" else plan_raster_pages(
            data, path.name, limits)
        if max_pages is not None and total + len(plans) > max_pages:
            break
        gt_path = path.with_suffix(".json")
        truth: list[str | None] = [None] * len(plans)
        if gt_path.exists():
            pages = json.loads(gt_path.read_text(encoding="utf-8"))["pages"]
            truth = [page["text"] for page in pages]
        pngs = []
        for plan in plans:
            if plan.image is None:
                continue
            gray, dpi = rescale_for_ocr(to_gray(decode_page(plan.image, limits)), plan.image.dpi, limits)
            png = workdir / f"{path.stem}-p{plan.index + 1}.png"
            gray.save(png, dpi=(round(dpi), round(dpi)), compress_level=1)
            pngs.append(png)
        docs.append(Doc(path, data, truth, pngs))
        total += len(plans)
    return docs


def run_cli(docs: list[Doc], processes: int, languages: str) -> tuple[float, dict[Path, str], int]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    pngs = [png for doc in docs for png in doc.pngs]

    def one(png: Path) -> None:
        subprocess.run(["tesseract", str(png), str(png.with_suffix("")), "-l", languages],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(one, pngs))
    seconds = time.perf_counter() - started
    texts = {png: png.with_suffix(".txt").read_text(encoding="utf-8") for png in pngs}
    return seconds, texts, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


async def run_pool(pool: OcrPool, docs: list[Doc], concurrency: int) -> tuple[float, dict[Path, list[str]]]:
    gate = asyncio.Semaphore(concurrency)
    texts: dict[Path, list[str]] = {}

    async def one(doc: Doc) -> None:
        async with gate:
            result = await pool.extract(doc.data, doc.path.name)
            texts[doc.path] = [page.text for page in result.pages]

    started = time.perf_counter()
    await asyncio.gather(*(one(doc) for doc in docs))
    return time.perf_counter() - started, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--pages", type=int, default=None, help="use only the first documents up to N pages")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4, help="documents in flight in the pool run")
    parser.add_argument("--languages", default="deu")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="alternate CLI and pool this many times")
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"folder {args.folder} not found; pass --folder or set AKTENFLUSS_SHARED")
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        docs = collect(args.folder, args.pages, Path(tmp))
        n_pages = sum(len(doc.pngs) for doc in docs)
        print(f"{len(docs)} documents, {n_pages} pages from {args.folder}; {args.rounds} round(s), CLI and pool "
              "alternating (the machine is shared: compare rounds, not single figures)")
        with OcrPool(args.processes, languages=args.languages) as pool:
            started = time.perf_counter()
            pool.warm_up()
            print(f"pool warm-up {time.perf_counter() - started:.1f} s (not counted)")
            for number in range(1, args.rounds + 1):
                cli_rate = None if args.skip_cli else _cli_round(docs, n_pages, args)
                pool_rate = _pool_round(pool, docs, n_pages, args)
                if cli_rate:
                    print(f"round {number}: ratio OcrPool / CLI = {pool_rate / cli_rate:.2f}")
            rss = pool.peak_rss_kb_by_worker
        print("peak RSS per worker: " + ", ".join(f"pid {pid}: {kb / 1024:.0f} MB" for pid, kb in sorted(rss.items())))


def _cli_round(docs: list[Doc], n_pages: int, args: argparse.Namespace) -> float:
    cli_s, cli_texts, cli_rss = run_cli(docs, args.processes, args.languages)
    cer = CerResult(0, 0)
    for doc in docs:
        for truth, png in zip(doc.truth, doc.pngs):
            if truth is not None:
                cer += line_cer(truth, cli_texts[png])
    print(f"(a) tesseract CLI x{args.processes}: {cli_s:.1f} s, {n_pages / cli_s:.2f} pages/s, "
          f"peak RSS of one tesseract {cli_rss / 1024:.0f} MB, CER {cer.cer:.2%} ({cer.errors}/{cer.characters})")
    return n_pages / cli_s


def _pool_round(pool: OcrPool, docs: list[Doc], n_pages: int, args: argparse.Namespace) -> float:
    pool_s, pool_texts = asyncio.run(run_pool(pool, docs, args.concurrency))
    cer = CerResult(0, 0)
    for doc in docs:
        for truth, text in zip(doc.truth, pool_texts[doc.path]):
            if truth is not None:
                cer += line_cer(truth, text)
    print(f"(b) OcrPool x{args.processes} (rendition included): {pool_s:.1f} s, {n_pages / pool_s:.2f} pages/s, "
          f"CER {cer.cer:.2%} ({cer.errors}/{cer.characters})")
    return n_pages / pool_s

if __name__ == "__main__":
    main()
