"""`aktenfluss extract` (OCR + classification + paper-invoice fields as JSON lines) and `aktenfluss train`
(corrections recorded by people retrain the classifier, and the mailroom then uses the new model)."""
from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from workflow.cli import main
from workflow.ports import CorrectionRecord, DocumentRecord
from workflow.samples.letters import WIDERSPRUCH, render_page, to_tiff
from workflow.settings import Settings
from workflow.wiring import build_services

TESSDATA = Path(os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata/"))


@pytest.mark.skipif(not (TESSDATA / "deu.traineddata").exists(), reason="German tessdata not installed")
def test_extract_prints_one_json_object_per_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AKTENFLUSS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AKTENFLUSS_OCR_WORKERS", "1")
    letter = tmp_path / "widerspruch.tif"
    letter.write_bytes(to_tiff([render_page(WIDERSPRUCH, seed=3)]))
    bad = tmp_path / "kaputt.tif"
    bad.write_bytes(b"II*\x00" + b"\x00" * 40)
    rc = main(["extract", str(letter), str(bad), "--format", "jsonl"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rc == 1  # one file could not be read
    first, second = out
    assert first["file"] == str(letter) and first["doc_type"] == "widerspruch" and first["invoice"] is None
    assert set(first) >= {"department", "confidence", "reasons", "pages"}
    assert "Widerspruch" in first["pages"][0]["text"] and first["pages"][0]["confidence"] > 50
    assert second["file"] == str(bad) and second["error"] and second["reason"]


def test_train_uses_recorded_corrections_and_the_mailroom_loads_the_model(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AKTENFLUSS_DATA_DIR", str(tmp_path))
    svc = build_services(Settings(data_dir=tmp_path))
    now = datetime(2026, 11, 2, tzinfo=UTC)
    doc_id = "c" * 64
    svc.repo.add_document(DocumentRecord(doc_id, "brief.tif", "image/tiff", 1, "k", "mailroom-scan", now, "routed",
                                         doc_type="widerspruch", department="rechtsamt"))
    svc.blobs.put_named(f"derived/{doc_id}/text.json",
                        json.dumps({"pages": [{"text": "\n".join(WIDERSPRUCH)}]}).encode())
    svc.repo.add_correction(CorrectionRecord(doc_id, "department", "ordnungsamt", "rechtsamt", "klaerung", now))
    assert main(["train", "--generated", "300"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["corrections"] == 1 and report["generated_examples"] == 300
    model = Path(report["model"])
    assert model == tmp_path / "classifier-model.json.gz" and model.exists()
    fresh = build_services(Settings(data_dir=tmp_path))
    assert fresh.classifier is not None  # the mailroom stage passes this model to classify()
