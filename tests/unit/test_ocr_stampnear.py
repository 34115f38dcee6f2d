"""An invoice number whose word touches a receipt stamp: kept when a look at its value box confirms it, else marked
unsure (workflow.ocr.stampnear, workflow.paperinvoice.stamp_doubt)."""
from __future__ import annotations

from PIL import Image

from workflow.ocr.lightstamp import StampBox
from workflow.ocr.model import Recognition, Word
from workflow.ocr.stampnear import doubted_text, stamp_frames, touches
from workflow.ocr.valueline import PAD_PX, Box
from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.invoicenumber import DOUBT_MARK

DPI = 200
TEXT = ("Rademacher & Kollegen\nRg.-Nr\n202401-698\nGemeinde Kesselbach EINGANG\nJustiziariat 23.04.2025\n"
        "Rechnung\nNettobetrag 1.000,00 EUR\nUSt 19 % 190,00 EUR\nGesamtbetrag 1.190,00 EUR\n")
LABEL = Word("Rg.-Nr", 700, 266, 790, 285, 1)
STAMP = Word("EINGANG", 1191, 281, 1315, 312, 2)


def _page(value: Word) -> Recognition:
    return Recognition(TEXT, 90.0, (LABEL, value, STAMP), 0, (1700, 2400))


def _reader(text: str):
    def read(image: Image.Image) -> Recognition:
        word = Word(text, PAD_PX + 6, PAD_PX + 4, image.width - PAD_PX - 6, image.height - PAD_PX - 4, 0)
        return Recognition(text, 90.0, (word,) if text else (), 0, image.size)
    return read


GRAY = Image.new("L", (1700, 2400), 250)


def test_a_stamp_words_frame_reaches_beside_and_below_it() -> None:
    frames = stamp_frames([STAMP, Word("Justiziariat", 10, 300, 200, 330, 3)], [StampBox(10, 10, 50, 50, 120)])
    assert frames[0] == Box(10, 10, 50, 50) and len(frames) == 2
    assert touches(Word("202401-698", 972, 266, 1082, 285, 1), frames)  # 3.5 word heights left of the stamp word
    torn = stamp_frames([Word("EINGA", 1260, 240, 1345, 270, 2)], [])  # a torn stamp word 6.5 heights away
    assert not touches(Word("R24086144", 958, 263, 1064, 281, 1), torn)


def test_a_number_beside_a_stamp_that_a_look_does_not_confirm_is_marked_unsure() -> None:
    text = doubted_text(_reader("202501-698"), GRAY, DPI, _page(Word("202401-698", 972, 266, 1082, 285, 1)), [])
    assert text is not None and "202401-698" + DOUBT_MARK in text
    fields = extract_invoice_fields(text)
    assert fields.invoice_number is None and "Eingangsstempel" in fields.problems["invoice_number"]
    assert fields.gross == extract_invoice_fields(TEXT).gross


def test_a_number_beside_a_stamp_that_every_look_confirms_stays() -> None:
    assert doubted_text(_reader("202401-698"), GRAY, DPI, _page(Word("202401-698", 972, 266, 1082, 285, 1)), []) \
        is None


def test_a_number_away_from_the_stamp_is_not_looked_at() -> None:
    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    assert doubted_text(never, GRAY, DPI, _page(Word("202401-698", 600, 266, 700, 285, 1)), []) is None


def test_a_number_printed_twice_needs_no_look() -> None:
    page = _page(Word("202401-698", 972, 266, 1082, 285, 1))
    twice = Recognition(TEXT + "\nRg.-Nr   202401-698\n", 90.0, page.words, 0, page.upright_size)

    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    assert doubted_text(never, GRAY, DPI, twice, []) is None


def _sequence(*texts: str):
    calls = iter(texts)

    def read(image: Image.Image) -> Recognition:
        return _reader(next(calls, "XX"))(image)
    return read


def test_one_preparation_that_reads_nothing_abstains() -> None:
    page = _page(Word("202401-698", 972, 266, 1082, 285, 1))
    assert doubted_text(_sequence("202401-698", "", "202401-698"), GRAY, DPI, page, []) is None
    # a reading of another number is a contradiction, even beside an abstaining one
    assert doubted_text(_sequence("202401-698", "", "202401-690"), GRAY, DPI, page, []) is not None


def test_a_separator_lost_in_the_re_reading_still_confirms() -> None:
    page = _page(Word("202401-698", 972, 266, 1082, 285, 1))
    assert doubted_text(_reader("202401 698 ."), GRAY, DPI, page, []) is None


def test_the_own_box_covers_a_prefix_printed_apart() -> None:
    from workflow.ocr.stampnear import _with_prefix
    prefix, digits = Word("VR", 900, 300, 940, 320, 4), Word("7234/25", 950, 300, 1060, 320, 4)
    assert _with_prefix(digits, [Word("Nr.:", 850, 300, 890, 320, 4), prefix, digits], "VR 7234/25").x0 == 900


def test_a_glyph_read_beside_the_number_is_no_confirmation() -> None:
    # "R695649 2"": the re-reading sees more than the first one did - the stamp hid a digit
    page = _page(Word("202401-698", 972, 266, 1082, 285, 1))
    assert doubted_text(_reader('202401-698 2"'), GRAY, DPI, page, []) is not None
