"""Which repeated elements make the official rules abort: measure it and write our declaration of it.

Usage: python bench/einvoice_processing_errors.py [--per-path 20] [--min-samples 5] [--shared PATH] [--write]

The XML Schemas allow many elements more than once (CII D16B nearly every amount) that the EN 16931 model reads
as one value. When a document repeats such an element, the official Schematron XSLTs stop with an XPath type
error (a sequence of two items where one is expected, e.g. in ``cast as xs:decimal``). KoSIT then records a
processing error and gives no accept recommendation: ``isAcceptable()`` is false - the invoice is not accepted,
without a failed assertion to name.

This bench asks the official artefacts (the same JVM reference as ``bench/einvoice_differential.py``): for every
schema-valid corpus document with a scenario and every element in it, a copy of the element is put right after
it, and the reference judges the result. Per element path (root to element, Clark names): how often the schema
forbids the repetition, how often the rules abort, how often they judge normally. A path goes into the
declaration only when the rules aborted on every one of at least ``--min-samples`` schema-valid samples (paths
that abort only in some contexts are listed in the output, not declared: declaring them would reject documents
the official rules accept). ``--write`` writes ``workflow/einvoice/data/official_aborts.json``.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import einvoice_differential as diff

from bench import official_artefacts as art

TARGET = ROOT / "workflow" / "einvoice" / "data" / "official_aborts.json"


def clark_path(el: etree._Element) -> tuple[str, ...]:
    steps = []
    node: etree._Element | None = el
    while node is not None:
        steps.append(node.tag)
        node = node.getparent()
    return tuple(reversed(steps))


def repeated(data: bytes, position: int) -> bytes:
    """The document with its ``position``-th element (document order, root excluded) present twice."""
    root = etree.fromstring(data)
    element = [e for e in root.iter() if isinstance(e.tag, str) and e is not root][position]
    element.addnext(copy.deepcopy(element))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def measure(shared: Path, per_path: int, seed: int) -> dict[tuple[str, ...], Counter[str]]:
    rows = [
        r for r in diff.corpus_rows(shared) if r.get("scenario") and r.get("well_formed") and r.get("xsd_ok")
    ]
    random.Random(seed).shuffle(rows)
    outcomes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory(prefix="einv-aborts-") as tmp:
        work = Path(tmp)
        oracle = diff.Oracle(work, shared)
        try:
            for row in rows:
                data = (shared / "corpus" / "einvoice" / row["file"]).read_bytes()
                root = etree.fromstring(data)
                elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
                for position, element in enumerate(elements):
                    path = clark_path(element)
                    seen = outcomes[path]
                    if seen["schema"] or sum(seen.values()) >= per_path:
                        continue  # the schema forbids the repetition, or enough samples
                    mutant = work / "m.xml"
                    mutant.write_bytes(repeated(data, position))
                    try:
                        verdict = oracle.judge(mutant, row["syntax"], row["scenario"])
                        seen["schema" if not verdict.xsd_ok else "judged"] += 1
                    except RuntimeError:
                        seen["aborted"] += 1
        finally:
            oracle.close()
    return outcomes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    diff.add_shared_option(ap)
    ap.add_argument("--per-path", type=int, default=20, help="schema-valid samples per element path at most")
    ap.add_argument("--min-samples", type=int, default=5, help="samples needed before a path is declared")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", action="store_true", help=f"write {TARGET.relative_to(ROOT)}")
    args = ap.parse_args()
    if not (args.shared / "corpus" / "einvoice" / "expected.jsonl").exists():
        raise SystemExit(f"no corpus at {args.shared}/corpus/einvoice: pass --shared")
    art.fetch_libs()
    outcomes = measure(args.shared, args.per_path, args.seed)
    always, sometimes = [], []
    for path, seen in sorted(outcomes.items()):
        if not seen["aborted"]:
            continue
        short = "/".join(etree.QName(t).localname for t in path)
        if seen["judged"] == 0 and seen["aborted"] >= args.min_samples:
            always.append(path)
            print(f"ABORTS ALWAYS ({seen['aborted']}/{seen['aborted']}): {short}")
        else:
            sometimes.append(path)
            print(f"aborts in some contexts ({seen['aborted']}/{seen['aborted'] + seen['judged']}), "
                  f"not declared: {short}")
    tried = sum(1 for seen in outcomes.values() if not seen["schema"])
    print(f"element paths repeatable under the schema: {tried}; the rules abort always on {len(always)}, "
          f"in some contexts on {len(sometimes)}")
    if args.write:
        declaration = {
            "about": "Element paths (Clark names, root first) whose repetition makes the official Schematron "
                     "XSLTs abort on every measured sample; written by bench/einvoice_processing_errors.py.",
            "samples_per_path": args.per_path,
            "min_samples": args.min_samples,
            "paths": [list(p) for p in always],
        }
        TARGET.write_text(json.dumps(declaration, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
