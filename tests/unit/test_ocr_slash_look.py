"""The slash of "AR 8797/25" that OCR read as "1": the glyph in the word box answers (workflow.ocr.glyphs), the
page text gets the number with its slash only then, and only when the fields then give exactly that number."""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from workflow.ocr.glyphs import glyphs, slash_at
from workflow.ocr.model import OcrLimits, PageImage, Word
from workflow.ocr.page_work import process_page
from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.second_look import slash_question, slash_reading

DPI = 200
TOTALS = "Zwischensumme 100,00 EUR\nUSt 19 % 19,00 EUR\nZu zahlen 119,00 EUR\n"
FIRST = "Rechnung\nRechnung Nr. AR 8797125\nDatum: 07.04.2025\n" + TOTALS


def _digit(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """A block digit 14 x 30 px: a frame of 3 px strokes (upright, as wide at its widest row as the glyph)."""
    draw.rectangle((x, y, x + 14, y + 30), outline=0, width=3)


def _one(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """An upright "1": a stem with a flag and a foot as wide as the glyph."""
    draw.rectangle((x + 6, y, x + 9, y + 30), fill=0)
    draw.line((x + 6, y, x + 1, y + 6), fill=0, width=3)
    draw.rectangle((x + 1, y + 27, x + 14, y + 30), fill=0)


def _slash(draw: ImageDraw.ImageDraw, x: int, y: int, lean: int = 10) -> None:
    draw.line((x + 2 + lean, y, x + 2, y + 30), fill=0, width=3)


def _word(middle: str, *, italic: bool = False) -> Image.Image:
    """Seven glyphs "8797?25" with the fifth a slash ("/") or a one ("1"); italic leans every glyph."""
    image = Image.new("L", (7 * 22 + 8, 40), 255)
    draw = ImageDraw.Draw(image)
    for k in range(7):
        x, y = 4 + 22 * k, 4
        if k == 4:
            (_slash if middle == "/" else _one)(draw, x, y)
        else:
            _digit(draw, x, y)
    if italic:  # shear: the top moves right
        image = image.transform(image.size, Image.Transform.AFFINE, (1, 0.3, -12, 0, 1, 0), fillcolor=255)
    return image


def test_the_glyphs_of_a_word_split_at_blank_columns() -> None:
    assert len(glyphs(np.asarray(_word("/")))) == 7


def test_a_slash_is_told_from_a_one() -> None:
    assert slash_at(np.asarray(_word("/")), 4, 7) is True
    assert slash_at(np.asarray(_word("1")), 4, 7) is False


def test_two_touching_glyphs_left_of_it_count_from_the_right() -> None:
    word = _word("/")
    ImageDraw.Draw(word).rectangle((18, 18, 27, 21), fill=0)  # a bridge: the first two glyphs touch
    assert len(glyphs(np.asarray(word))) == 6
    assert slash_at(np.asarray(word), 4, 7) is True


def test_no_answer_when_many_glyphs_touch_or_the_font_leans() -> None:
    assert slash_at(np.asarray(_word("/")), 4, 9) is None  # seven glyphs for nine characters
    assert slash_at(np.asarray(_word("1", italic=True)), 4, 7) is None


def test_the_question_and_the_reading_it_allows() -> None:
    assert extract_invoice_fields(FIRST).invoice_number is None
    assert slash_question(FIRST) == "AR 8797125"
    assert slash_reading(FIRST, "AR 8797125") == "AR 8797/25"
    assert slash_question("Rechnung\nRechnung Nr. AR 8797/25\nDatum: 07.04.2025\n" + TOTALS) is None
    assert slash_question("Rechnung\nRechnung Nr. AR 4711\n" + TOTALS) is None


def test_the_number_printed_with_its_slash_elsewhere_settles_it() -> None:
    text = FIRST + "Bitte geben Sie bei Zahlung AR 8797/25 an.\n"
    assert extract_invoice_fields(text).invoice_number == "AR 8797/25"


@dataclass
class _Recognised:
    text: str
    confidence: float
    words: tuple[Word, ...] = ()


class _Engine:
    """Reads FIRST with the word "8797125" boxed where the page has the test word."""

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Recognised:
        self.calls += 1
        return _Recognised(FIRST, 90.0, (Word("Rechnung", 100, 300, 260, 344, 0),
                                         Word("AR", 300, 300, 340, 344, 0),
                                         Word("8797125", 400, 300, 400 + 7 * 22 + 8, 340, 0)))


def _page(middle: str) -> PageImage:
    page = Image.new("L", (1650, 2300), 255)
    page.paste(_word(middle), (400, 300))
    ImageDraw.Draw(page).rectangle((100, 310, 250, 330), fill=0)  # some ink elsewhere: not a blank page
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return PageImage(0, buffer.getvalue(), page.width, page.height, DPI, original_format="PNG")


def test_a_page_whose_glyph_is_a_slash_gets_the_number() -> None:
    result = process_page(_Engine(), _page("/"), OcrLimits(), want_embed=False)
    assert result.recognition is not None
    assert extract_invoice_fields(result.recognition.text).invoice_number == "AR 8797/25"


def test_a_page_whose_glyph_is_a_one_keeps_the_question_open() -> None:
    result = process_page(_Engine(), _page("1"), OcrLimits(), want_embed=False)
    assert result.recognition is not None
    assert extract_invoice_fields(result.recognition.text).invoice_number is None
