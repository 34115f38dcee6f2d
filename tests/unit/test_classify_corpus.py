"""Accuracy on the shared scan corpus (ground-truth page text): the test set, never used for training."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from workflow.classify import classify
from workflow.paperinvoice import extract_invoice_fields, fields_to_json

SHARED = Path(os.environ.get("AKTENFLUSS_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SCANS = SHARED / "corpus" / "scans"

pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not (SCANS / "manifest.jsonl").is_file(), reason=f"shared corpus not at {SCANS}")]


def _rows() -> list[tuple[dict, str]]:
    rows = []
    for line in (SCANS / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        gt = json.loads((SCANS / meta["gt"]).read_text(encoding="utf-8"))
        rows.append((meta, "\n".join(p["text"] for p in gt["pages"])))
    return rows


def test_classification_targets_on_corpus_text() -> None:
    rows = _rows()
    results = [classify(text) for _, text in rows]
    type_acc = sum(r.doc_type.value == m["doc_type"] for r, (m, _) in zip(results, rows)) / len(rows)
    dept_acc = sum(r.department.value == m["department"] for r, (m, _) in zip(results, rows)) / len(rows)
    assert type_acc >= 0.97, type_acc
    assert dept_acc >= 0.95, dept_acc


def test_invoice_fields_on_corpus_text() -> None:
    invoices = [(m, t) for m, t in _rows() if "invoice" in m]
    for key in ("iban", "gross", "invoice_number", "invoice_date"):
        good = sum(fields_to_json(extract_invoice_fields(t))[key] == m["invoice"][key] for m, t in invoices)
        assert good / len(invoices) >= 0.95, (key, good, len(invoices))
