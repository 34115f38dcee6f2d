"""Throughput of the e-invoice validator on the shared corpus, in one process.

Usage: python bench/einvoice_bench.py [--rounds 5] [--shared PATH] [--no-structure] [--no-extract] [--phases]

By default every file goes through ``validate(data)`` with its defaults, exactly as the validate stage calls
it: parse, scenario, schema check, Invoice model, semantic rules and syntax-binding rules.
Prints invoices/second (wall clock, and per CPU second of this process, which other load on the machine
disturbs less), p50/p99 latency per invoice (files read into memory first; parse + all checks timed), the median
and the best round and the load average, since other processes share the cores. ``--phases`` adds the time per phase.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.einvoice import accel  # noqa: E402
from workflow.einvoice.validator import validate  # noqa: E402


def _phases(blobs: list[bytes], rounds: int) -> str:
    """Milliseconds per invoice of each phase (best round), on the files that reach the rule layers."""
    from workflow.einvoice import structure
    from workflow.einvoice.data_files import scenario_levels
    from workflow.einvoice.detect import Syntax, select_scenario, syntax_of
    from workflow.einvoice.extract import invoice_from_document
    from workflow.einvoice.rules.codelist_rules import path_plan
    from workflow.einvoice.rules.engine import Document
    from workflow.einvoice.rules.run import run_semantic
    from workflow.einvoice.xmlsafe import parse_xml
    from workflow.errors import BadInputError

    items = []
    for data in blobs:
        try:
            root = parse_xml(data)
        except BadInputError:
            continue
        syntax = syntax_of(root)
        scenario = select_scenario(root, syntax)
        if scenario is not None:
            items.append((data, syntax, scenario, "cii" if syntax is Syntax.CII else "ubl"))
    names = ("parse", "schema", "model", "syntax_rules", "semantic")  # in the validator's order
    best = dict.fromkeys(names, float("inf"))
    for _ in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for data, syntax, scenario, family in items:
            t0 = time.perf_counter()
            root = parse_xml(data)
            t1 = time.perf_counter()
            doc = Document(root, family, "", scenario.profile)
            structure.check_schema(root, str(syntax), index=doc.index)
            t2 = time.perf_counter()
            invoice_from_document(doc, "bench")
            t3 = time.perf_counter()
            empty: list = []  # the syntax-rule walk hands the semantic layer the empty and the coded elements
            coded: list = []
            structure.check_syntax_rules(
                root, str(syntax), scenario_levels(scenario), empty_elements=empty,
                select_by_path=path_plan(family), selected=coded,
            )
            doc.empty_elements, doc.code_candidates = empty, coded
            t4 = time.perf_counter()
            run_semantic(root, family, "", scenario, doc)
            t5 = time.perf_counter()
            doc.release()
            for name, took in zip(names, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                spent[name] += took
        for name in names:
            best[name] = min(best[name], spent[name])
    return f"phases_ms_per_invoice(n={len(items)}) " + " ".join(
        f"{name}={best[name] / len(items) * 1000:.3f}" for name in names
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    default = Path(
        os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
    )
    ap.add_argument("--shared", type=Path, default=default)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-structure", action="store_true", help="skip schema and syntax-binding checks")
    ap.add_argument("--no-extract", action="store_true", help="skip the Invoice model (the stage needs it)")
    ap.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)  # old flag: now the default
    ap.add_argument("--phases", action="store_true", help="also print the time per phase")
    args = ap.parse_args()
    corpus = args.shared / "corpus" / "einvoice"
    files = sorted(corpus.rglob("*.xml"))
    if not files:
        print(f"no corpus under {corpus}", file=sys.stderr)
        return 2
    blobs = [f.read_bytes() for f in files]
    extract, structure = not args.no_extract, not args.no_structure
    run: Callable[[bytes], object]
    if extract and structure:
        run = validate  # exactly the stage's call
    else:
        run = lambda data: validate(data, extract=extract, structure=structure)  # noqa: E731
    for data in blobs:  # warm-up: compile paths, load data
        run(data)
    latencies: list[float] = []
    rounds: list[float] = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.rounds):
        round_start = time.perf_counter()
        for data in blobs:
            t0 = time.perf_counter()
            run(data)
            latencies.append(time.perf_counter() - t0)
        rounds.append(time.perf_counter() - round_start)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"files={len(blobs)} rounds={args.rounds} validations={len(latencies)} "
        f"invoices_per_second={len(latencies) / wall:.0f} per_cpu_second={len(latencies) / cpu:.0f} "
        f"median_round_per_second={len(blobs) / statistics.median(rounds):.0f} "
        f"best_round_per_second={len(blobs) / min(rounds):.0f} "
        f"p50_ms={statistics.median(latencies) * 1000:.2f} "
        f"p99_ms={p99 * 1000:.2f} structure={'on' if structure else 'off'} "
        f"extract={'on' if extract else 'off'} engine={accel.status().replace(' ', '_')} "
        f"loadavg_1min={os.getloadavg()[0]:.2f}"
    )
    if args.phases:
        print(_phases(blobs, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
