"""A light receipt stamp over the text: found on gray pages, whitened for a second reading, rows by geometry."""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from workflow.ocr.lightstamp import find_light_stamps, stamp_band
from workflow.ocr.model import OcrLimits, PageImage, Word
from workflow.ocr.page_work import process_page
from workflow.ocr.rows import rows_text

DPI = 200


def _page(stamp_ink: int | None) -> Image.Image:
    """An A4-ish gray page: black text lines, and optionally a stamp frame with bold text in ``stamp_ink``."""
    page = Image.new("L", (1650, 2300), 245)
    draw = ImageDraw.Draw(page)
    for k in range(12):
        draw.rectangle((200, 300 + 60 * k, 900, 318 + 60 * k), fill=20)  # print: black bars
    if stamp_ink is not None:
        draw.rectangle((700, 250, 1300, 500), outline=stamp_ink, width=6)
        for k in range(3):
            draw.rectangle((780, 290 + 60 * k, 1200, 320 + 60 * k), fill=stamp_ink)
    return page


def test_a_light_stamp_is_found_and_a_clean_page_gives_none() -> None:
    boxes = find_light_stamps(_page(110), DPI)
    assert len(boxes) == 1
    box = boxes[0]
    assert box.x0 <= 700 and box.x1 >= 1290 and box.y0 <= 260 and box.y1 >= 490
    assert 100 <= box.ink <= 120
    assert find_light_stamps(_page(None), DPI) == []


def test_a_stamp_in_black_ink_or_a_bilevel_page_is_not_a_light_stamp() -> None:
    assert find_light_stamps(_page(20), DPI) == []
    assert find_light_stamps(_page(110).convert("1"), DPI) == []


def test_stamp_band_whitens_the_stamp_keeps_the_print_and_the_page_size() -> None:
    page = _page(110)
    band = stamp_band(page, find_light_stamps(page, DPI)[0], DPI)
    assert band.size == page.size and band.info["dpi"] == (DPI, DPI)
    assert band.getpixel((703, 400)) == 255  # the stamp frame
    assert band.getpixel((500, 305)) == 20  # print under the stamp's rows
    assert band.getpixel((500, 1000)) == 255  # rows away from the stamp are left out


def test_rows_join_a_label_column_and_a_value_column_by_position() -> None:
    words = [Word("Rg.-Nr.:", 100, 100, 180, 120, 0), Word("Datum:", 100, 140, 170, 160, 1),
             Word("VR", 400, 102, 430, 121, 2), Word("7295/25", 436, 101, 520, 122, 2),
             Word("5.", 400, 141, 415, 161, 3), Word("Januar", 421, 140, 480, 160, 3),
             Word("2025", 486, 141, 530, 161, 3)]
    assert rows_text(words) == "Rg.-Nr.:   VR 7295/25\nDatum:   5. Januar 2025"
    assert rows_text([]) == ""


def test_rows_keep_one_reading_of_ink_read_twice() -> None:
    """Tesseract read the number twice, as two of its lines (a skewed line split): in the row only the wider
    reading stays. Overlapping words that read differently (a stamp's word over a value) both stay."""
    twins = [Word(":", 1192, 409, 1195, 423, 3), Word("INV-L91", 1213, 401, 1307, 422, 3),
             Word("Rechnungsnummer:", 945, 408, 1190, 432, 4), Word("INV-L91282", 1237, 399, 1355, 422, 4)]
    assert rows_text(twins) == "Rechnungsnummer: :   INV-L91282"
    stamped = [Word("Rechnungsnummer:", 945, 408, 1190, 432, 4), Word("INV-E23284", 1210, 405, 1340, 428, 4),
               Word("Eingegangen", 1250, 400, 1420, 430, 5)]
    assert rows_text(stamped) == "Rechnungsnummer: INV-E23284 Eingegangen"
    side_by_side = [Word("Nr.", 100, 100, 140, 120, 0), Word("Nr.", 150, 100, 190, 120, 1)]
    assert rows_text(side_by_side) == "Nr. Nr."


@dataclass
class _Recognised:
    text: str
    confidence: float
    words: tuple[Word, ...] = ()


class _CountingEngine:
    """Reads ``first`` on the whole page and "Rechnungsnummer 4711" on a stamp band (words given)."""

    def __init__(self, first: str = "Rechnung\n") -> None:
        self.calls = 0
        self.first = first

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Recognised:
        self.calls += 1
        if self.calls == 1:
            return _Recognised(self.first, 90.0)
        return _Recognised("Rechnungsnummer\n4711\n", 80.0,
                           (Word("Rechnungsnummer", 700, 300, 900, 320, 0), Word("4711", 1100, 301, 1160, 321, 1)))


def _page_image(page: Image.Image, index: int = 0) -> PageImage:
    import io

    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return PageImage(index, buffer.getvalue(), page.width, page.height, DPI, original_format="PNG")


def test_process_page_appends_the_text_read_under_a_light_stamp() -> None:
    engine = _CountingEngine()
    result = process_page(engine, _page_image(_page(110)), OcrLimits(), want_embed=False)
    # page, band, and the number's own box in the band in three preparations (workflow.ocr.ownlook): the
    # fake engine reads the label there first, no figure, so the number is not disputed
    assert engine.calls == 5
    assert result.recognition is not None
    assert result.recognition.text == "Rechnung\n\nRechnungsnummer   4711\n"


def test_process_page_reads_a_page_without_stamp_once() -> None:
    engine = _CountingEngine()
    result = process_page(engine, _page_image(_page(None)), OcrLimits(), want_embed=False)
    assert engine.calls == 1 and result.recognition is not None and result.recognition.text == "Rechnung\n"


def test_only_the_first_page_of_an_invoice_gets_the_second_reading() -> None:
    letter = _CountingEngine("Widerspruch gegen den Bescheid\n")  # not an invoice: its fields are not needed
    result = process_page(letter, _page_image(_page(110)), OcrLimits(), want_embed=False)
    assert letter.calls == 1 and result.recognition is not None
    assert result.recognition.text == "Widerspruch gegen den Bescheid\n"
    later = _CountingEngine()  # receipt stamps sit on the first page
    process_page(later, _page_image(_page(110), index=1), OcrLimits(), want_embed=False)
    assert later.calls == 1


def test_a_part_is_read_upright_and_cut_to_its_inked_rows_words_back_in_page_coordinates() -> None:
    """A re-read of a band (the rest of the page white) goes to the engine cut to the band's rows plus a margin,
    flagged upright (no orientation guess on a mostly white part); its words come back where they are on the
    page. A part whose ink spans most of its height is read as it is."""
    from workflow.ocr.engine import UPRIGHT
    from workflow.ocr.page_work import _recognize_part

    seen: list[Image.Image] = []

    class _Recording:
        def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Recognised:
            seen.append(image)
            return _Recognised("4711", 80.0, (Word("4711", 100, 25, 160, 45, 0),))

    band = Image.new("L", (1000, 1400), 255)
    ImageDraw.Draw(band).rectangle((100, 600, 300, 640), fill=0)
    band.info["dpi"] = (200, 200)
    reading = _recognize_part(_Recording(), band, 0, OcrLimits(), "der Probe")
    margin = round(0.1 * 200)
    assert seen[-1].size == (1000, 641 - 600 + 2 * margin) and seen[-1].info[UPRIGHT]
    assert UPRIGHT not in band.info  # the caller's image is left as it was
    assert [(w.y0, w.y1) for w in reading.words] == [(25 + 600 - margin, 45 + 600 - margin)]
    assert reading.upright_size == (1000, 1400)
    full = Image.new("L", (1000, 1400), 255)
    ImageDraw.Draw(full).rectangle((100, 50, 300, 1300), fill=0)
    full.info["dpi"] = (200, 200)
    assert _recognize_part(_Recording(), full, 0, OcrLimits(), "der Probe").words[0].y0 == 25
    assert seen[-1].size == full.size and seen[-1].info[UPRIGHT] and UPRIGHT not in full.info
