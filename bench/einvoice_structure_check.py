"""Agreement of the structure checks with the reference verdicts, per rule family, plus timing.

Usage:  .venv/bin/python bench/einvoice_structure_check.py [shared folder]
(default: $AKTENFLUSS_SHARED or ../shared next to the repository)
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import etree

from workflow.einvoice.findings import Level
from workflow.einvoice.structure import check_schema, check_syntax_rules

FAMILIES = ("UBL-CR", "UBL-SR", "UBL-DT", "CII-SR", "CII-DT")
SYNTAXES = ("UBL-Invoice", "UBL-CreditNote", "CII")


def _shared() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    return Path(os.environ.get("AKTENFLUSS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def main() -> int:
    shared = _shared()
    corpus = shared / "corpus" / "einvoice"
    if not (corpus / "expected.jsonl").is_file():
        print(f"no corpus at {corpus}; pass the shared folder as argument")
        return 2
    scenarios = json.loads((shared / "reference" / "einvoice" / "scenarios.json").read_text(encoding="utf-8"))
    levels_by_scenario = {s["name"]: s.get("custom_levels", {}) for s in scenarios["scenarios"]}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    rows = [json.loads(line) for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["syntax"] in SYNTAXES and r["xsd_ok"] is not None]

    xsd_agree = 0
    files = Counter()
    agree = Counter()
    counts = Counter()
    error_agree = 0
    error_files = 0
    docs = []
    for row in rows:
        root = etree.parse(str(corpus / row["file"]), parser).getroot()
        xsd_agree += (not check_schema(root, row["syntax"])) == row["xsd_ok"]
        if not row["xsd_ok"]:
            continue
        docs.append((root, row["syntax"]))
        levels = levels_by_scenario.get(row["scenario"] or "", {})
        findings = check_syntax_rules(root, row["syntax"], levels)
        ours = {f.rule_id for f in findings}
        theirs = {i for k in ("fatal", "warning", "information") for i in row[k] if i.startswith(FAMILIES)}
        if row["scenario"]:
            error_files += 1
            our_errors = {f.rule_id for f in findings if f.level is Level.ERROR}
            error_agree += our_errors == {i for i in row["errors"] if i.startswith(FAMILIES)}
        for family in FAMILIES:
            if not family.startswith("UBL" if row["syntax"].startswith("UBL") else "CII"):
                continue
            mine = {i for i in ours if i.startswith(family)}
            ref = {i for i in theirs if i.startswith(family)}
            files[family] += 1
            agree[family] += mine == ref
            counts[family, "tp"] += len(mine & ref)
            counts[family, "fp"] += len(mine - ref)
            counts[family, "fn"] += len(ref - mine)

    print(f"XSD verdict agrees on {xsd_agree}/{len(rows)} files")
    print(f"effective error ids (families above) agree on {error_agree}/{error_files} files with a scenario")
    print(f"{'family':8} {'files equal':>14} {'ids found':>10} {'extra':>6} {'missed':>7}")
    for family in FAMILIES:
        print(f"{family:8} {agree[family]:>6}/{files[family]:<7} {counts[family, 'tp']:>10} "
              f"{counts[family, 'fp']:>6} {counts[family, 'fn']:>7}")

    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for root, syntax in docs:
            check_schema(root, syntax)
            check_syntax_rules(root, syntax, {})
        best = min(best, time.perf_counter() - start)
    sizes = sorted(sum(1 for e in root.iter() if isinstance(e.tag, str)) for root, _ in docs)
    print(f"time: {1000 * best / len(docs):.3f} ms per document for both checks (best of 5 runs, "
          f"{len(docs)} schema-valid documents, median {sizes[len(sizes) // 2]} elements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
