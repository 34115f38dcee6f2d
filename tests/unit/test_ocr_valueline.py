"""The value box beside a label read again as a small image: the cut-out, its cleaning, and the look in
process_page (appended only when three differently prepared readings agree)."""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from workflow.ocr.model import OcrLimits, PageImage, Word
from workflow.ocr.page_work import process_page
from workflow.ocr.valueline import (
    PAD_PX,
    Box,
    lines_between_strokes,
    unread_ink,
    value_boxes,
    value_image,
    whole_words,
    without_cut_glyphs,
)
from workflow.ocr.valuelook import VARIANTS

DPI = 200


def test_a_frame_line_goes_and_the_stroke_it_crosses_stays() -> None:
    page = Image.new("L", (400, 120), 250)
    draw = ImageDraw.Draw(page)
    draw.line([(10, 60), (390, 60)], fill=20, width=3)  # a frame line
    draw.rectangle((200, 40, 203, 80), fill=20)  # a digit's stroke crossing it
    lines = lines_between_strokes(np.asarray(page), DPI)
    assert lines[59:62, 50].all() and lines[59:62, 350].all()
    assert not lines[59:62, 200:204].any()


def test_glyphs_cut_by_the_edge_go_and_the_value_stays() -> None:
    pixels = np.full((40, 200), 250, dtype=np.uint8)
    pixels[0:8, 20:30] = 10  # the foot of a letter of the row above, cut by the top edge
    pixels[0:30, 60:66] = 10  # a stamp stroke from the edge into the value's rows: it may be the value, it stays
    pixels[15:25, 120:130] = 10  # the value
    out = without_cut_glyphs(pixels, (14, 26))
    assert out[0:8, 20:30].min() == 255 and out[5, 62] == 10 and out[20, 125] == 10


def test_value_boxes_lie_right_of_and_below_the_label() -> None:
    right, below = value_boxes(Box(950, 400, 1030, 422), (1653, 2339), DPI)
    assert right.box.x0 > 1030 and right.box.y0 < 400 and right.box.y1 > 422 and right.box.x1 <= 1653
    assert below.box.y0 >= 422 and below.box.x0 < 950 and below.core[0] > below.box.y0


def test_value_image_is_padded_and_scaled() -> None:
    page = Image.new("L", (600, 300), 250)
    image = value_image(page, Box(100, 100, 300, 140), DPI, scale=2.0)
    assert image.size == (400 + 2 * PAD_PX, 80 + 2 * PAD_PX) and image.info["dpi"] == (2 * DPI, 2 * DPI)


def test_whole_words_and_unread_ink() -> None:
    image = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(image).rectangle((40, 25, 60, 40), fill=0)  # a glyph nobody read
    inside = Word("4711", 100, 22, 160, 42, 0)
    cut = Word("x", 2, 20, 30, 40, 0)
    assert whole_words([inside, cut], image.size) == [inside]
    assert unread_ink(image, [inside], (25, 40))
    assert not unread_ink(image, [inside, Word("FR", 38, 22, 62, 42, 0)], (25, 40))


@dataclass
class _Recognised:
    text: str
    confidence: float
    words: tuple[Word, ...] = ()


FIRST = "Rechnung\nRg.-Nr.:\nDatum: 12.03.2025\n"  # no gross: the head's second look is not asked for
LABEL = Word("Rg.-Nr.:", 950, 400, 1030, 422, 1)


class _Engine:
    """Reads FIRST (with the label's word box) on the page, then ``values`` one after another."""

    def __init__(self, values: list[str]) -> None:
        self.values, self.calls = values, 0

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Recognised:
        self.calls += 1
        if self.calls == 1:
            return _Recognised(FIRST, 90.0, (LABEL, Word("Datum:", 950, 440, 1020, 462, 2)))
        text = self.values.pop(0) if self.values else ""
        middle = image.height // 2
        words = (Word(text, PAD_PX + 40, middle - 10, PAD_PX + 40 + 12 * len(text), middle + 10, 0),) if text else ()
        return _Recognised(text, 80.0, words)


def _image() -> PageImage:
    buffer = io.BytesIO()
    page = Image.new("L", (1653, 2339), 250)
    draw = ImageDraw.Draw(page)
    for k in range(20):  # some print in the letter's body (an empty page is not read)
        draw.rectangle((200 + 40 * k, 1200, 214 + 40 * k, 1220), fill=20)
    page.save(buffer, "PNG")
    return PageImage(0, buffer.getvalue(), 1653, 2339, DPI, original_format="PNG")


def test_an_agreed_number_is_appended() -> None:
    engine = _Engine(["RE-2025-1457"] * len(VARIANTS))
    result = process_page(engine, _image(), OcrLimits(), want_embed=False)
    assert result.recognition is not None
    assert result.recognition.text == FIRST.rstrip() + "\n\nRg.-Nr.:   RE-2025-1457\n"
    assert engine.calls == 1 + len(VARIANTS)


def test_readings_that_disagree_add_nothing() -> None:
    engine = _Engine(["30-2025", "20-2025", "30-2025"])
    result = process_page(engine, _image(), OcrLimits(), want_embed=False)
    assert result.recognition is not None and result.recognition.text == FIRST
    assert engine.calls == 3  # the second reading gives another number: no third one


class _Found(_Engine):
    """The first reading has the number."""

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Recognised:
        found = super().recognize(image, timeout_s=timeout_s)
        return _Recognised("Rechnung\nRg.-Nr.: 4711\nDatum: 12.03.2025\n", 90.0, found.words) \
            if self.calls == 1 else found


def test_no_look_when_the_number_is_there() -> None:
    engine = _Found(["4712"] * 3)
    process_page(engine, _image(), OcrLimits(), want_embed=False)
    assert engine.calls == 1
