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
    from workflow.ocr.stampnear import with_prefix
    prefix, digits = Word("VR", 900, 300, 940, 320, 4), Word("7234/25", 950, 300, 1060, 320, 4)
    assert with_prefix(digits, [Word("Nr.:", 850, 300, 890, 320, 4), prefix, digits], "VR 7234/25").x0 == 900


def test_a_glyph_read_beside_the_number_is_no_confirmation() -> None:
    # "R695649 2"": the re-reading sees more than the first one did - the stamp hid a digit
    page = _page(Word("202401-698", 972, 266, 1082, 285, 1))
    assert doubted_text(_reader('202401-698 2"'), GRAY, DPI, page, []) is not None


# the invoice date gets the same check (round 8): a date a stamp touches is kept only when its own box confirms it
DATE_TEXT = ("Rademacher & Kollegen\nRg.-Nr.: 4711-25\nDatum\n11.06.2025\nGemeinde Kesselbach EINGANG\n"
             "Rechnung\nNettobetrag 1.000,00 EUR\nUSt 19 % 190,00 EUR\nGesamtbetrag 1.190,00 EUR\n")
DATE_LABEL = Word("Datum", 700, 266, 790, 285, 1)


def _date_page(value: Word) -> Recognition:
    return Recognition(DATE_TEXT, 90.0, (DATE_LABEL, value, STAMP), 0, (1700, 2400))


def test_a_date_beside_a_stamp_that_a_look_does_not_confirm_is_marked_unsure() -> None:
    from workflow.ocr.stampnear import doubted_date_text
    text = doubted_date_text(_reader("17.06.2025"), GRAY, DPI, _date_page(Word("11.06.2025", 972, 266, 1082, 285, 1)),
                             [])
    assert text is not None and "11.06.2025" + DOUBT_MARK in text
    fields = extract_invoice_fields(text)
    assert fields.invoice_date is None and "Eingangsstempel" in fields.problems["invoice_date"]
    assert fields.invoice_number == "4711-25"  # a date's mark is no number's doubt
    assert "invoice_number" not in fields.problems


def test_a_date_beside_a_stamp_that_every_look_confirms_stays() -> None:
    from workflow.ocr.stampnear import doubted_date_text
    page = _date_page(Word("11.06.2025", 972, 266, 1082, 285, 1))
    assert doubted_date_text(_reader("11.06.2025"), GRAY, DPI, page, []) is None
    # a second date in the re-read box (the stamp's) is no confirmation
    assert doubted_date_text(_reader("11.06.2025 13.06.2025"), GRAY, DPI, page, []) is not None


def test_a_date_away_from_the_stamp_is_not_looked_at() -> None:
    from workflow.ocr.stampnear import doubted_date_text

    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    assert doubted_date_text(never, GRAY, DPI, _date_page(Word("11.06.2025", 400, 266, 510, 285, 1)), []) is None


def test_a_worded_date_spans_its_words() -> None:
    from datetime import date

    from workflow.ocr.stampnear import date_words
    words = [Word("Datum:", 10, 10, 60, 20, 1), Word("24.", 70, 10, 90, 20, 1), Word("Juni", 95, 10, 130, 20, 1),
             Word("2025", 135, 10, 170, 20, 1), Word("Kunden-Nr.", 300, 10, 380, 20, 1)]
    places = date_words(words, date(2025, 6, 24), 100)
    assert [[w.text for w in p] for p in places] == [["24.", "Juni", "2025"]]
    assert date_words(words, date(2025, 6, 24), 5) == []  # below the head: not looked at


def test_a_date_reading_without_any_date_abstains_but_one_must_confirm() -> None:
    from workflow.ocr.stampnear import doubted_date_text
    page = _date_page(Word("11.06.2025", 972, 266, 1082, 285, 1))
    # a torn month or digits read as no date at all: no vote; one reading of the date is enough beside them
    assert doubted_date_text(_sequence("11.Ob.2O2S-", "11.06.2025", "11 06 2o"), GRAY, DPI, page, []) is None
    # no reading gives the date: unsure
    assert doubted_date_text(_sequence("11.Ob.2O2S-", "xx", "11 06 2o"), GRAY, DPI, page, []) is not None
    # one reading of another date outweighs a confirming one
    assert doubted_date_text(_sequence("11.06.2025", "17.06.2025", ""), GRAY, DPI, page, []) is not None


def test_a_worded_date_is_marked_after_its_last_word_even_when_its_year_stands_elsewhere() -> None:
    from workflow.ocr.stampnear import doubted_date_text
    text = DATE_TEXT.replace("11.06.2025", "24. Juni 2025") + "Leistung erbracht im Mai 2025\n"
    words = (DATE_LABEL, Word("24.", 972, 266, 1000, 285, 1), Word("Juni", 1005, 266, 1050, 285, 1),
             Word("2025", 1055, 266, 1100, 285, 1), STAMP)
    page = Recognition(text, 90.0, words, 0, (1700, 2400))
    marked = doubted_date_text(_reader("24. Juni 2O25 | 26. Juni 2025"), GRAY, DPI, page, [])
    assert marked is not None and "24. Juni 2025" + DOUBT_MARK in marked
    assert extract_invoice_fields(marked).invoice_date is None
