"""Pure page-image helpers: resolution, gray conversion, blank pages, skew."""
from __future__ import annotations

import pytest
from PIL import Image

from tests.fixtures.ocr.samples import render_page
from workflow.ocr.imaging import estimate_skew, ink_fraction, is_blank, rescale_for_ocr, to_gray
from workflow.ocr.model import OcrLimits
from workflow.ocr.raster_pages import resolve_dpi


def test_resolve_dpi_trusts_plausible_headers_and_estimates_the_rest() -> None:
    assert resolve_dpi(2480, 3508, 300.0) == (300.0, None)
    dpi, note = resolve_dpi(2480, 3508, 1.0)  # header says 1 dpi, but that would be a 290 m long page
    assert dpi == pytest.approx(300, abs=1) and note and "unplausibel" in note
    dpi, note = resolve_dpi(1654, 2339, None)
    assert dpi == pytest.approx(200, abs=1) and note and "fehlt" in note
    assert resolve_dpi(9, 12, 1.0)[0] < 2  # a thumbnail stays a thumbnail


@pytest.mark.parametrize("mode", ["1", "L", "RGB", "RGBA", "P", "I;16", "CMYK"])
def test_to_gray_gives_8_bit_white_paper(mode: str) -> None:
    page = render_page(size=(300, 200), font_size=20)
    converted = page.convert(mode) if mode != "I;16" else page.convert("I").point(lambda v: v * 256).convert("I;16")
    gray = to_gray(converted)
    assert gray.mode == "L" and gray.size == (300, 200)
    assert gray.getpixel((299, 199)) > 240 and gray.getextrema()[0] < 60


def test_transparent_background_becomes_white() -> None:
    transparent = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    assert to_gray(transparent).getpixel((10, 10)) == 255


def test_rescale_only_above_max_dpi() -> None:
    page = render_page(size=(800, 400))
    assert rescale_for_ocr(page, 200, OcrLimits())[0] is page
    scaled, dpi = rescale_for_ocr(page, 300, OcrLimits())  # OCR reads at 200 dpi (see OcrLimits)
    assert dpi == 200 and scaled.size == (533, 267)
    scaled, dpi = rescale_for_ocr(page, 2400, OcrLimits(max_dpi=1200, ocr_dpi=300))
    assert dpi == 300 and scaled.size == (100, 50)


def test_blank_detection_spares_sparse_text() -> None:
    empty = Image.new("L", (2480, 3508), 245)
    assert is_blank(empty)
    one_word = render_page(("Seite 2",), size=(2480, 3508), font_size=34)
    assert ink_fraction(one_word) > 0 and not is_blank(one_word)
    faint = render_page(size=(2480, 3508)).point(lambda v: 255 - (255 - v) * 0.55)  # light gray print
    assert not is_blank(faint)


@pytest.mark.parametrize("angle", [0.0, 0.8, -1.5, 3.0, -5.0, 8.0, 92.0])
def test_estimate_skew_finds_the_straightening_angle(angle: float) -> None:
    page = render_page(size=(2480, 3508), font_size=34)
    tilted = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=True)
    expected = -((angle + 45) % 90 - 45)  # quarter turns are left to orientation detection
    assert estimate_skew(tilted) == pytest.approx(expected, abs=0.3)


def test_estimate_skew_without_ink_is_zero() -> None:
    assert estimate_skew(Image.new("L", (1000, 1400), 255)) == 0.0


def test_rendition_image_of_transparent_png_is_on_white() -> None:
    import io

    from workflow.ocr.model import PageImage
    from workflow.ocr.page_work import embedded_image

    rgba = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    rgba.paste((0, 0, 0, 255), (10, 10, 20, 20))
    embed = embedded_image(rgba, PageImage(index=0, encoded=b"", width=60, height=40, dpi=200, original_format="PNG"))
    assert embed.pdf_filter == "DCTDecode" and embed.colorspace == "DeviceRGB"
    shown = Image.open(io.BytesIO(embed.data)).convert("L")
    assert shown.getpixel((50, 30)) > 240 and shown.getpixel((15, 15)) < 40
