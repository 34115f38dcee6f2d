"""Throughput of the e-invoice validator on the shared corpus, in one process.

Usage: python bench/einvoice_bench.py [--rounds 5] [--shared PATH] [--no-structure] [--extract]
Prints invoices/second (wall clock, and per CPU second of this process, which other load on the machine
disturbs less) and p50/p99 latency per invoice (files read into memory first; parse + all checks timed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.einvoice.validator import validate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    default = Path(
        os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
    )
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-structure", action="store_true")
    ap.add_argument("--extract", action="store_true", help="also build the Invoice model")
    args = ap.parse_args()
    corpus = args.shared / "corpus" / "einvoice"
    files = sorted(corpus.rglob("*.xml"))
    if not files:
        print(f"no corpus under {corpus}", file=sys.stderr)
        return 2
    blobs = [f.read_bytes() for f in files]
    for data in blobs:  # warm-up: compile paths, load data
        validate(data, extract=args.extract, structure=not args.no_structure)
    latencies: list[float] = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.rounds):
        for data in blobs:
            t0 = time.perf_counter()
            validate(data, extract=args.extract, structure=not args.no_structure)
            latencies.append(time.perf_counter() - t0)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"files={len(blobs)} rounds={args.rounds} validations={len(latencies)} "
        f"invoices_per_second={len(latencies) / wall:.0f} per_cpu_second={len(latencies) / cpu:.0f} "
        f"p50_ms={statistics.median(latencies) * 1000:.2f} "
        f"p99_ms={p99 * 1000:.2f} structure={'off' if args.no_structure else 'on'} "
        f"extract={'on' if args.extract else 'off'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
