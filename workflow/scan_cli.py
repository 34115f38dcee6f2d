"""CLI parts for scanned mail: `aktenfluss extract` (OCR + classification + paper-invoice fields, one JSON line per
file) and `aktenfluss train` (retrain the classifier from recorded corrections + the bundled training data)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from workflow.settings import Settings


def classifier_bundle(settings: Settings) -> Any:
    """The retrained model when one exists (AKTENFLUSS_CLASSIFIER_MODEL or <data>/classifier-model.json.gz)."""
    path = settings.classifier_model_path
    if not path.exists():
        return None
    from workflow.classify.features import FEATURE_VERSION
    from workflow.classify.model import load_bundle

    return load_bundle(path, FEATURE_VERSION)


def extract_one(pool: Any, path: Path, settings: Settings, bundle: Any) -> dict[str, Any]:
    from workflow.classify import classify, load_config
    from workflow.paperinvoice import extract_invoice_fields, fields_to_json

    result = pool.extract_sync(path.read_bytes(), path.name, make_rendition=False)
    text = "\n\f\n".join(p.text for p in result.pages)
    c = classify(text, load_config(settings.routing_file or None), bundle)
    invoice = fields_to_json(extract_invoice_fields(text)) if c.doc_type.value in ("rechnung", "gutschrift") else None
    return {
        "file": str(path), "doc_type": c.doc_type.value, "department": c.department.value,
        "confidence": {"doc_type": round(c.doc_type.confidence, 3), "department": round(c.department.confidence, 3)},
        "reasons": [*c.doc_type.reasons, *c.department.reasons], "triage": c.triage,
        "flags": list(c.flags), "deadline": c.deadline.isoformat() if c.deadline else None, "invoice": invoice,
        "pages": [{"text": p.text, "confidence": p.confidence} for p in result.pages],
    }


def extract_files(files: list[Path], settings: Settings, fmt: str) -> int:
    from workflow.errors import WorkflowError
    from workflow.wiring import ocr_factory_for

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pool = ocr_factory_for(settings)()
    bundle = classifier_bundle(settings)
    failed = False
    try:
        for f in files:
            try:
                out = extract_one(pool, f, settings, bundle)
            except WorkflowError as exc:
                failed = True
                out = {"file": str(f), "error": exc.error_type, "reason": exc.reason, "fix": exc.fix}
            except OSError as exc:
                print(f"aktenfluss extract: {f}: {exc.strerror}", file=sys.stderr)
                return 2
            if fmt == "jsonl":
                print(json.dumps(out, ensure_ascii=False), flush=True)
            else:
                print(f"{f}: {out.get('doc_type', out.get('error'))} -> {out.get('department', out.get('reason'))}")
    finally:
        pool.close()
    return 1 if failed else 0


def train(settings: Settings, out: str | None, generated: int | None = None) -> int:
    from workflow.artefacts import derived_key
    from workflow.classify import LabeledText
    from workflow.classify.train import retrain
    from workflow.extract.logic import full_text, pages_from_json
    from workflow.wiring import build_services

    svc = build_services(settings)
    examples = []
    for doc_id in sorted({c.document_id for c in svc.repo.list_corrections()}):
        doc = svc.repo.get_document(doc_id)
        key = derived_key(doc_id, "text.json")
        if doc is None or not doc.doc_type or not svc.blobs.exists(key):
            continue
        text = full_text(pages_from_json(svc.blobs.get(key)))
        examples.append(LabeledText(text, doc.doc_type, doc.department or ""))
    target = Path(out) if out else settings.classifier_model_path
    report = retrain(examples, target, generated=generated)
    print(json.dumps({"model": str(target), "corrections": report.corrections,
                      "generated_examples": report.generated_examples, "seconds": round(report.seconds, 1),
                      "train_accuracy_doc_type": report.train_accuracy_doc_type,
                      "train_accuracy_department": report.train_accuracy_department}, ensure_ascii=False))
    print("Der Worker lädt das neue Modell beim nächsten Start.", file=sys.stderr)
    return 0
