"""Accuracy of OCR text, classification and paper-invoice fields on a labelled scan folder.

    python bench/scan_accuracy.py LABELLED_DIR [--ocr-cache DIR] [--text ocr|gt] [--processes N]
                                  [--generated N --seed S] [--paper-heldout N --paper-seed S]

LABELLED_DIR holds ``manifest.jsonl`` (id, file, gt, doc_type, department, invoice{...}) and the ground-truth
JSON files (``pages[].text``). With ``--text ocr`` (default when workflow.ocr is importable) each document is
OCR'd once with workflow.ocr's OcrPool and the text cached in ``--ocr-cache`` (<id>.txt); ``--text gt`` uses the
printed ground-truth text instead. ``--generated N`` adds a report on N synthetic held-out documents
(workflow.training, seed S; a seed other than the training seed). ``--paper-heldout N`` scores the paper-invoice
fields on N texts of workflow.paperinvoice.heldout (right / missing / wrong per field, and per OCR noise level).
Prints a plain-text report.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.classify import classify  # noqa: E402
from workflow.invoices import INVOICE_TYPES  # noqa: E402
from workflow.paperinvoice import extract_invoice_fields, fields_to_json  # noqa: E402


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def order_tolerant_cer(truth: str, ocr: str) -> tuple[int, int]:
    """(edits, chars): each true line is aligned with its best-matching OCR line (reading order ignored)."""
    ocr_lines = [ln.strip() for ln in ocr.splitlines() if ln.strip()]
    edits = chars = 0
    for line in (ln.strip() for ln in truth.splitlines()):
        if not line:
            continue
        chars += len(line)
        if not ocr_lines:
            edits += len(line)
            continue
        shortlist = sorted(ocr_lines, key=lambda o: SequenceMatcher(None, line, o).quick_ratio(), reverse=True)[:3]
        edits += min(min(levenshtein(line, o) for o in shortlist), len(line))
    return edits, chars


def load_manifest(folder: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        gt = json.loads((folder / row["gt"]).read_text(encoding="utf-8"))
        row["_truth_text"] = "\n".join(p["text"] for p in gt["pages"])
    return rows


def ocr_texts(folder: Path, rows: list[dict[str, Any]], cache: Path, processes: int) -> dict[str, str]:
    cache.mkdir(parents=True, exist_ok=True)
    texts: dict[str, str] = {}
    todo = []
    for row in rows:
        cached = cache / f"{row['id']}.txt"
        if cached.is_file():
            texts[row["id"]] = cached.read_text(encoding="utf-8")
        else:
            todo.append(row)
    if todo:
        from workflow.ocr import OcrPool

        pool = OcrPool(processes=processes, make_rendition=False)
        try:
            for n, row in enumerate(todo, 1):
                start = time.perf_counter()
                data = (folder / row["file"]).read_bytes()
                try:
                    text = pool.extract_sync(data, row["file"], make_rendition=False).text
                except Exception as exc:  # report and go on: a failed page is a measured result too
                    print(f"  OCR failed for {row['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    text = getattr(getattr(exc, "extracted", None), "text", "") or ""
                (cache / f"{row['id']}.txt").write_text(text, encoding="utf-8")
                texts[row["id"]] = text
                print(f"  OCR {n}/{len(todo)} {row['id']} {time.perf_counter() - start:.1f} s", file=sys.stderr)
        finally:
            close = getattr(pool, "close", None) or getattr(pool, "shutdown", None)
            if close:
                close()
    return texts


def confusion(pairs: list[tuple[str, str]], title: str) -> str:
    labels = sorted({t for t, _ in pairs} | {p for _, p in pairs})
    short = {lab: lab[:6] for lab in labels}
    out = [f"{title} (rows = truth, columns = predicted)", " " * 13 + " ".join(f"{short[c]:>6}" for c in labels)]
    counts = Counter(pairs)
    for t in labels:
        out.append(f"{t[:12]:>12} " + " ".join(f"{counts[(t, p)] or '.':>6}" for p in labels))
    return "\n".join(out)


def evaluate(items: list[tuple[str, str, str, str, dict[str, Any] | None]], label: str) -> None:
    """items: (id, text, doc_type, department, invoice-truth or None)."""
    start = time.perf_counter()
    results = [classify(text) for _, text, _, _, _ in items]
    per_doc_ms = (time.perf_counter() - start) * 1000 / max(1, len(items))
    n = len(items)
    type_ok = sum(r.doc_type.value == it[2] for r, it in zip(results, items))
    dept_ok = sum(r.department.value == it[3] for r, it in zip(results, items))
    triage = sum(r.triage for r in results)
    auto_ok = sum(1 for r, it in zip(results, items) if not r.triage and r.doc_type.value == it[2] and r.department.value == it[3])
    print(f"\n== {label}: {n} documents, classify {per_doc_ms:.1f} ms/doc")
    print(f"document type {type_ok}/{n} = {100 * type_ok / max(1, n):.1f} %   department {dept_ok}/{n} = "
          f"{100 * dept_ok / max(1, n):.1f} %   triage {triage}   routed automatically and right {auto_ok}")
    print(confusion([(it[2], r.doc_type.value) for r, it in zip(results, items)], "document type"))
    print(confusion([(it[3], r.department.value) for r, it in zip(results, items)], "department"))
    for r, it in zip(results, items):
        if r.doc_type.value != it[2] or r.department.value != it[3]:
            print(f"  wrong {it[0]}: truth {it[2]}/{it[3]} got {r.doc_type.value} {r.doc_type.confidence:.2f} / "
                  f"{r.department.value} {r.department.confidence:.2f} triage={r.triage}")
    invoices = [(it[0], it[1], it[4]) for it in items if it[4] is not None]
    if invoices:
        good: Counter[str] = Counter()
        for doc_id, text, truth in invoices:
            got = fields_to_json(extract_invoice_fields(text))
            for key, want in truth.items():
                if key in got:
                    ok = got[key] == want
                    good[key] += ok
                    if not ok:
                        print(f"  field {doc_id} {key}: truth {want!r} got {got[key]!r}")
        print(f"invoice fields exactly right over {len(invoices)} invoices/credit notes:")
        print("  " + "  ".join(f"{k} {good[k]}/{len(invoices)}" for k in invoices[0][2] if k in good or True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labelled_dir", type=Path)
    ap.add_argument("--ocr-cache", type=Path, default=Path("/tmp/aktenfluss-ocr-cache"))
    ap.add_argument("--text", choices=("ocr", "gt"), default=None)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--generated", type=int, default=0)
    ap.add_argument("--seed", type=int, default=20260)
    ap.add_argument("--paper-heldout", type=int, default=0,
                    help="also score the paper-invoice fields on N texts of workflow.paperinvoice.heldout")
    ap.add_argument("--paper-seed", type=int, default=4711)
    args = ap.parse_args(argv)
    rows = load_manifest(args.labelled_dir)
    mode = args.text
    if mode is None:
        try:
            import workflow.ocr  # noqa: F401
            mode = "ocr"
        except ImportError:
            mode = "gt"
            print("workflow.ocr not importable: using ground-truth text (no CER)")
    texts = {r["id"]: r["_truth_text"] for r in rows}
    if mode == "ocr":
        texts = ocr_texts(args.labelled_dir, rows, args.ocr_cache, args.processes)
        edits = chars = 0
        for r in rows:
            e, c = order_tolerant_cer(r["_truth_text"], texts[r["id"]])
            edits, chars = edits + e, chars + c
        print(f"character error rate (order-tolerant, line-aligned): {100 * edits / max(1, chars):.2f} % "
              f"({edits} edits / {chars} chars)")
    items = []
    for r in rows:
        inv = r.get("invoice") if r["doc_type"] in INVOICE_TYPES else None
        items.append((r["id"], texts[r["id"]], r["doc_type"], r["department"], inv))
    evaluate(items, f"{args.labelled_dir} ({'OCR text' if mode == 'ocr' else 'ground-truth text'})")
    if args.generated:
        from workflow.training import DEFAULT_SEED, generate

        if args.seed == DEFAULT_SEED:
            print("warning: --seed equals the training seed; this is not a held-out set")
        docs = generate(args.generated, args.seed)
        gen_items = [(f"gen-{i}", d.text, d.doc_type, d.department,
                      d.fields if d.doc_type in INVOICE_TYPES else None) for i, d in enumerate(docs)]
        evaluate(gen_items, f"generated held-out set (seed {args.seed})")
    if args.paper_heldout:
        paper_heldout(args.paper_heldout, args.paper_seed)
    return 0


def paper_heldout(count: int, seed: int) -> None:
    """Field accuracy on generated paper-invoice texts (own layouts and OCR noise), overall and per noise level."""
    from workflow.paperinvoice.accuracy import TARGET_FIELDS, report, score
    from workflow.paperinvoice.heldout import generate_invoices

    docs = generate_invoices(count, seed)
    fields = TARGET_FIELDS + ("net", "vat")
    start = time.perf_counter()
    scores = score(((f"paper-{i}", d.text, d.truth) for i, d in enumerate(docs)), fields)
    per_doc_ms = (time.perf_counter() - start) * 1000 / max(1, count)
    print(f"\n== paper-invoice held-out texts: {count} documents, seed {seed}, extract {per_doc_ms:.1f} ms/doc")
    print(report(scores))
    for name, s in scores.items():
        for example in s.wrong_examples:
            print(f"  wrong {name} {example}")
    for level in sorted({d.noise for d in docs}):
        part = [(f"paper-{i}", d.text, d.truth) for i, d in enumerate(docs) if d.noise == level]
        by_level = score(part, TARGET_FIELDS)
        print(f"  noise {level:.2f} ({len(part)} docs): " +
              "  ".join(f"{k} {100 * v.rate:.1f} %" for k, v in by_level.items()))


if __name__ == "__main__":
    raise SystemExit(main())
