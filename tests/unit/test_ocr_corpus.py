"""OCR accuracy on a few documents of the shared synthetic scan corpus (skipped when ../shared is absent)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from connectors.tesseract_ocr import TesseractOcrEngine, find_tessdata
from workflow.ocr import extract_text
from workflow.ocr.quality import CerResult, line_cer

SHARED = Path(os.environ.get("AKTENFLUSS_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SCANS = SHARED / "corpus" / "scans"
# the first ten documents: PDF (JPEG gray and G4 bilevel), TIFF, one- and two-page; not chosen by result
SAMPLE = tuple(f"dev-{number:04d}" for number in range(1, 11))

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def engine() -> TesseractOcrEngine:
    if not SCANS.is_dir():
        pytest.skip(f"shared scan corpus not found at {SCANS} (set AKTENFLUSS_SHARED)")
    try:
        find_tessdata(None, "deu")
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    return TesseractOcrEngine("deu")


def test_sample_documents_read_with_low_character_error_rate(engine: TesseractOcrEngine) -> None:
    total = CerResult(0, 0)
    for doc_id in SAMPLE:
        truth = json.loads((SCANS / f"{doc_id}.json").read_text(encoding="utf-8"))
        data = (SCANS / truth["file"]).read_bytes()
        result = extract_text(data, truth["file"], engine)
        assert len(result.pages) == truth["n_pages"]
        for page, true_page in zip(result.pages, truth["pages"]):
            assert page.source == "ocr"
            score = line_cer(true_page["text"], page.text)
            assert score.cer < 0.25, f"{doc_id} page {page.index + 1}: CER {score.cer:.1%}"  # one bad page may happen
            total += score
    assert total.cer < 0.05, f"CER over the sample {total.cer:.1%}"  # measured 3-4 %; whole corpus 2.1 %
