"""The second, targeted reading of an invoice's page head: frames and rules (then bold strokes) whitened,
kept only when it helps."""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from workflow.ocr.model import OcrLimits, PageImage, Word
from workflow.ocr.page_work import process_page
from workflow.ocr.secondlook import HEAD_SHARE, head_without_lines, line_pixels, without_thick_strokes

DPI = 200


def _page(frame_ink: int = 30) -> Image.Image:
    """A white page: short black bars (letters) and a slightly turned stamp frame over them."""
    page = Image.new("L", (1650, 2300), 250)
    draw = ImageDraw.Draw(page)
    for k in range(5):
        for j in range(10):  # letters: 14 x 20 px strokes, far shorter than a line
            draw.rectangle((1000 + 30 * j, 300 + 50 * k, 1014 + 30 * j, 320 + 50 * k), fill=20)
    # a stamp frame turned by about a degree: its edges step by a pixel every ~60 px
    draw.line([(950, 280), (1400, 288)], fill=frame_ink, width=3)
    draw.line([(950, 560), (1400, 568)], fill=frame_ink, width=3)
    draw.line([(950, 280), (946, 560)], fill=frame_ink, width=3)
    draw.line([(1400, 288), (1396, 568)], fill=frame_ink, width=3)
    return page


def test_line_pixels_are_the_frame_not_the_letters() -> None:
    pixels = np.asarray(_page())
    lines = line_pixels(pixels, DPI)
    assert lines[281:287, 1100].any() and lines[400, 945:951].any()  # top edge, left edge
    letters = np.zeros_like(lines)
    for k in range(5):
        for j in range(10):
            letters[302 + 50 * k:319 + 50 * k, 1002 + 30 * j:1013 + 30 * j] = True
    assert not (lines & letters).any()


def test_head_without_lines_keeps_letters_and_the_resolution() -> None:
    head = head_without_lines(_page(), DPI)
    assert head.size == (1650, round(2300 * HEAD_SHARE)) and head.info["dpi"] == (DPI, DPI)
    pixels = np.asarray(head)
    assert pixels[276:292, 1100].min() > 200 and pixels[400, 940:956].min() > 200  # the frame is gone
    assert head.getpixel((1005, 310)) == 20  # a letter stays


def test_without_thick_strokes_whitens_bold_strokes_and_keeps_thin_print() -> None:
    page = Image.new("L", (400, 200), 250)
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, 120, 30), fill=10)  # a bold stroke, 11 px thick
    draw.rectangle((200, 20, 300, 21), fill=10)  # thin print, 2 px
    out = without_thick_strokes(page, DPI)
    assert out.getpixel((70, 25)) == 255 and out.getpixel((250, 20)) == 10 and out.info["dpi"] == (DPI, DPI)


@dataclass
class _Recognised:
    text: str
    confidence: float
    words: tuple[Word, ...] = ()


_FIRST = ("Rechnung\nRechnungsnummer\nDatum\nZwischensumme 100,00 EUR\nUSt 19 % 19,00 EUR\n"
          "Zu zahlen 119,00 EUR\n")


class _Engine:
    """Reads ``first`` on the page and ``second`` (as word boxes in one row) on the page head."""

    def __init__(self, first: str, second: tuple[str, ...]) -> None:
        self.first, self.second, self.sizes = first, second, []

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Recognised:
        self.sizes.append(image.size)
        if len(self.sizes) == 1:
            return _Recognised(self.first, 90.0)
        words = tuple(Word(text, 100 + 200 * k, 300, 180 + 200 * k, 320, 0)
                      for k, text in enumerate(self.second))
        return _Recognised(" ".join(self.second) + "\n", 80.0, words)


def _image(page: Image.Image) -> PageImage:
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return PageImage(0, buffer.getvalue(), page.width, page.height, DPI, original_format="PNG")


def test_a_second_reading_that_finds_the_date_is_appended() -> None:
    engine = _Engine(_FIRST, ("Datum:", "12.03.2025"))
    result = process_page(engine, _image(_page()), OcrLimits(), want_embed=False)
    # the second reading of the head; the third is the look through the turned stamp frame
    # (workflow.ocr.framelook: the number is still missing), which finds no number and adds nothing
    assert len(engine.sizes) == 3 and engine.sizes[1] == engine.sizes[2] == (1650, round(2300 * HEAD_SHARE))
    assert result.recognition is not None
    assert result.recognition.text == _FIRST.rstrip() + "\n\nDatum:   12.03.2025\n"


def test_readings_that_find_nothing_new_are_dropped() -> None:
    engine = _Engine(_FIRST, ("Gemeinde", "Musterstadt"))
    result = process_page(engine, _image(_page()), OcrLimits(), want_embed=False)
    # lines whitened, then bold strokes too: two tries; then the look through the turned stamp frame
    # (workflow.ocr.framelook); then the page as it was
    assert len(engine.sizes) == 4
    assert result.recognition is not None and result.recognition.text == _FIRST


def test_no_second_reading_without_need() -> None:
    complete = "Rechnung\nRechnungsnummer: 4711\nDatum: 12.03.2025\n" + _FIRST.split("\n", 3)[3]
    engine = _Engine(complete, ("Datum:", "13.03.2025"))
    process_page(engine, _image(_page()), OcrLimits(), want_embed=False)
    assert len(engine.sizes) == 1  # number and date found: nothing to look for
    dunning = _Engine("Zahlungserinnerung\nunsere Rechnung vom 1. März ist offen.\nBetrag 119,00 EUR\n",
                      ("Datum:", "12.03.2025"))
    process_page(dunning, _image(_page()), OcrLimits(), want_embed=False)
    assert len(dunning.sizes) == 1  # no invoice title line and no gross: not an invoice's first page
