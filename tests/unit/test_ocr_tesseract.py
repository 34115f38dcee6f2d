"""Real OCR with tesserocr on small pages rendered at test time (skips where no German tessdata exists)."""
from __future__ import annotations

import io
import random

import pytest
from PIL import Image
from pypdf import PdfReader

from connectors.null_ocr import NullOcrEngine
from connectors.tesseract_ocr import TesseractOcrEngine, find_tessdata
from tests.fixtures.ocr.samples import LINES, encode, image_pdf, join_pdfs, multipage_tiff, render_page, text_pdf
from workflow.ocr import BlankDocumentError, extract_text
from workflow.ocr.quality import line_cer

TRUTH = "\n".join(LINES)


@pytest.fixture(scope="module")
def engine() -> TesseractOcrEngine:
    try:
        find_tessdata(None, "deu")
    except FileNotFoundError as exc:
        pytest.skip(f"no German tessdata here: {exc}")
    return TesseractOcrEngine("deu")


def test_missing_language_says_what_to_install(tmp_path: object) -> None:
    with pytest.raises(FileNotFoundError, match="TESSDATA_PREFIX"):
        find_tessdata(str(tmp_path), "deu")


def test_recognizes_german_text_with_boxes(engine: TesseractOcrEngine) -> None:
    page = render_page()
    result = engine.recognize(page)
    assert line_cer(TRUTH, result.text).cer < 0.03, result.text
    assert result.confidence is not None and result.confidence > 70
    assert result.orientation == 0
    assert all(0 <= w.x0 < w.x1 <= page.width and 0 <= w.y0 < w.y1 <= page.height for w in result.words)
    assert {"überweisen", "Grüßen"} <= {w.text for w in result.words}


@pytest.mark.parametrize("turn", [180, 90])
def test_turned_page_is_detected_and_read_upright(engine: TesseractOcrEngine, turn: int) -> None:
    page = render_page(size=(1300, 700), font_size=40).rotate(turn, expand=True)
    page.info["dpi"] = (200, 200)
    result = engine.recognize(page)
    assert result.orientation == (360 - turn) % 360  # clockwise rotation the page had
    assert line_cer(TRUTH, result.text).cer < 0.05, result.text
    assert result.notes


def test_a_part_flagged_upright_is_read_as_it_is(engine: TesseractOcrEngine) -> None:
    """A re-read part (already upright) gets no orientation check: the same turned page stays unturned."""
    from workflow.ocr.engine import UPRIGHT

    page = render_page(size=(1300, 700), font_size=40).rotate(180, expand=True)
    page.info["dpi"] = (200, 200)
    page.info[UPRIGHT] = True
    result = engine.recognize(page)
    assert result.orientation == 0 and not result.notes


def test_null_engine_recognizes_nothing() -> None:
    assert NullOcrEngine().recognize(render_page()).text == ""


def test_mixed_pdf_ocrs_only_the_scan_page_and_keeps_the_original(engine: TesseractOcrEngine) -> None:
    scan = image_pdf(render_page(mode="L"))
    original = join_pdfs(text_pdf(), scan)
    result = extract_text(original, "post.pdf", engine)
    assert [p.source for p in result.pages] == ["text-layer", "ocr"]
    assert line_cer(TRUTH, result.pages[0].text).cer == 0
    assert line_cer(TRUTH, result.pages[1].text).cer < 0.03
    rendition = PdfReader(io.BytesIO(result.rendition_pdf or b""))
    assert "Musterhausen" in rendition.pages[1].extract_text()
    before = PdfReader(io.BytesIO(original)).pages[1]["/Resources"]["/XObject"]
    after = rendition.pages[1]["/Resources"]["/XObject"]
    assert [x.get_object().get_data() for x in before.values()] == [x.get_object().get_data() for x in after.values()]


def test_multipage_g4_tiff_gives_a_searchable_pdf(engine: TesseractOcrEngine) -> None:
    upside_down = render_page(mode="1").rotate(180)
    upside_down.info["dpi"] = (200, 200)
    data = multipage_tiff([render_page(mode="1"), upside_down])
    result = extract_text(data, "scan.tif", engine)
    assert result.media_type == "image/tiff"
    assert [p.source for p in result.pages] == ["ocr", "ocr"]
    assert all(line_cer(TRUTH, p.text).cer < 0.05 for p in result.pages)
    assert any("Seite 2" in w and "180" in w for w in result.warnings)
    rendition = PdfReader(io.BytesIO(result.rendition_pdf or b""))
    assert len(rendition.pages) == 2 and rendition.pages[1].get("/Rotate") == 180
    assert "Rechnung" in rendition.pages[1].extract_text()
    assert float(rendition.pages[0].mediabox.width) == pytest.approx(1300 * 72 / 200)


def test_jpeg_scan_is_embedded_unchanged(engine: TesseractOcrEngine) -> None:
    data = encode(render_page(), "JPEG", quality=85)
    result = extract_text(data, "scan.jpg", engine)
    page = PdfReader(io.BytesIO(result.rendition_pdf or b"")).pages[0]
    image = next(iter(page["/Resources"]["/XObject"].values())).get_object()
    assert image["/Filter"] == "/DCTDecode" and image.get_data() == data


def test_skewed_scan_is_straightened_before_ocr(engine: TesseractOcrEngine) -> None:
    tilted = render_page(size=(1600, 900), font_size=36).rotate(5, resample=Image.Resampling.BILINEAR,
                                                                 fillcolor=255, expand=True)
    tilted.info["dpi"] = (200, 200)
    result = extract_text(encode(tilted, "PNG"), "schief.png", engine)
    assert line_cer(TRUTH, result.pages[0].text).cer < 0.05, result.pages[0].text
    rendition = PdfReader(io.BytesIO(result.rendition_pdf or b""))
    assert "Musterhausen" in rendition.pages[0].extract_text()


def test_speckled_empty_sheet_is_blank_not_garbage(engine: TesseractOcrEngine) -> None:
    rng = random.Random(7)
    sheet = Image.new("L", (1654, 2339), 240)
    for _ in range(400):  # scanner dust: isolated dark specks
        x, y = rng.randrange(1650), rng.randrange(2335)
        sheet.paste(20, (x, y, x + 3, y + 3))
    sheet.info["dpi"] = (200, 200)
    with pytest.raises(BlankDocumentError) as caught:
        extract_text(encode(sheet, "PNG"), "staub.png", engine)
    assert caught.value.result.pages[0].source == "empty"
