"""The searchable rendition: invisible text lands where the words are, pages are shown upright."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from workflow.ocr.geometry import multiply, page_rotation, unskew, upright_to_stored
from workflow.ocr.model import Word
from workflow.ocr.rendition import (
    EmbeddedImage,
    ScanPage,
    TextLayer,
    build_scan_pdf,
)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@pytest.mark.parametrize("orientation", [0, 90, 180, 270])
def test_upright_to_stored_inverts_the_engine_rotation(orientation: int) -> None:
    stored = Image.new("L", (40, 30), 255)
    stored.putpixel((7, 3), 0)
    upright = stored.rotate(orientation, expand=True)  # how the engine turns a page upright
    ux, uy = next((x, y) for y in range(upright.height) for x in range(upright.width) if upright.getpixel((x, y)) == 0)
    # pixel centres: map the centre of the upright pixel and compare with the stored pixel's centre
    sx, sy = _apply(upright_to_stored(orientation, 40, 30), ux + 0.5, uy + 0.5)
    assert (round(sx - 0.5), round(sy - 0.5)) == (7, 3)


@pytest.mark.parametrize("degrees", [2.5, -4.0, 9.0])
def test_unskew_inverts_the_deskew_rotation(degrees: float) -> None:
    stored = Image.new("L", (400, 300), 255)
    stored.paste(0, (300, 40, 306, 46))  # a small black square off-centre
    turned = stored.rotate(degrees, resample=Image.Resampling.BILINEAR, fillcolor=255)
    dark = [(x, y) for y in range(turned.height) for x in range(turned.width) if turned.getpixel((x, y)) < 128]
    cx = sum(x for x, _ in dark) / len(dark) + 0.5
    cy = sum(y for _, y in dark) / len(dark) + 0.5
    sx, sy = _apply(unskew(degrees, 400, 300), cx, cy)
    assert (sx, sy) == (pytest.approx(303, abs=0.7), pytest.approx(43, abs=0.7))


def test_page_rotation_turns_back() -> None:
    assert [page_rotation(o) for o in (0, 90, 180, 270)] == [0, 270, 180, 90]


def test_multiply_applies_left_matrix_first() -> None:
    scale, shift = (2.0, 0.0, 0.0, 2.0, 0.0, 0.0), (1.0, 0.0, 0.0, 1.0, 10.0, 0.0)
    assert _apply(multiply(scale, shift), 1, 1) == (12.0, 2.0)


def _scan_pdf(orientation: int) -> bytes:
    width, height, dpi = 1000, 1400, 200
    image = Image.new("1", (width, height), 1)
    embed = EmbeddedImage("FlateDecode", __import__("zlib").compress(image.tobytes()), width, height, 1, "DeviceGray")
    upright = (width, height) if orientation in (0, 180) else (height, width)
    words = (Word("Rechnung", 100, 200, 400, 250, 0), Word("über", 420, 200, 560, 250, 0),
             Word("Müller", 100, 300, 300, 350, 1))
    layer = TextLayer(words, (width, height), orientation, (width * 72 / dpi, 0, 0, height * 72 / dpi, 0, 0))
    assert upright  # words are given in upright coordinates
    return build_scan_pdf([ScanPage(embed, dpi, layer)], title="Test & <Brief>")


def _text_origins(pdf: bytes) -> dict[str, tuple[float, float]]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    origins: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():  # pypdf joins the words of one line: key by the first word of each run
            origins[text.split()[0]] = _apply(multiply(tuple(tm), tuple(cm)), 0, 0)  # type: ignore[arg-type]

    page.extract_text(visitor_text=visit)
    return origins


def test_scan_pdf_is_searchable_and_words_sit_on_their_boxes() -> None:
    pdf = _scan_pdf(0)
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "Rechnung" in text and "über" in text and "Müller" in text
    origins = _text_origins(pdf)
    # word origin = left end of its baseline: pixel (x0, y1) -> points, y from the bottom of a 1400 px page
    x, y = origins["Rechnung"]
    assert x == pytest.approx(100 * 72 / 200, abs=0.5)
    assert y == pytest.approx((1400 - 250) * 72 / 200, abs=0.5)
    assert reader.pages[0].get("/Rotate") == 0


def test_scan_pdf_carries_pdfa_identification() -> None:
    pdf = _scan_pdf(0)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp and b"Test &amp; &lt;Brief&gt;" in xmp
    intent = root["/OutputIntents"][0]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/DestOutputProfile"].get_object()["/N"] == 3
    assert "/ID" in reader.trailer and "/Encrypt" not in reader.trailer
    assert pdf == _scan_pdf(0)  # deterministic: a retried document yields the same rendition bytes


def test_turned_page_is_shown_upright_and_text_follows() -> None:
    pdf = _scan_pdf(180)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.get("/Rotate") == 180
    x, y = _text_origins(pdf)["Rechnung"]
    # upright (100, 250) is stored at (1000-100, 1400-250); in points with y up: (900, 250) px
    assert x == pytest.approx(900 * 72 / 200, abs=0.5)
    assert y == pytest.approx(250 * 72 / 200, abs=0.5)
