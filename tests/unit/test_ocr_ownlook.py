"""An invoice number whose own word box, read again, gives another figure is marked unsure
(workflow.ocr.ownlook, workflow.paperinvoice.stamp_doubt.own_box_gives)."""
from __future__ import annotations

from PIL import Image

from tests.unit._ocr_fakes import scripted_reader
from workflow.ocr.model import Recognition, Word
from workflow.ocr.ownlook import disputed_number_text, unconfirmed_band_number_text
from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.invoicenumber import DOUBT_MARK

DPI = 200
TEXT = ("Grünpflege Ruppert GmbH\nRg.-Nr. 72872066 - Datum 11. Januar 2025\nRechnung\n"
        "Nettobetrag 1.000,00 EUR\nUSt 19 % 190,00 EUR\nGesamtbetrag 1.190,00 EUR\n")
PAGE = Recognition(TEXT, 90.0, (Word("Rg.-Nr.", 193, 764, 286, 787, 7), Word("72872066", 306, 763, 402, 782, 7),
                                Word("-", 436, 769, 440, 774, 7), Word("Datum", 474, 762, 543, 780, 7)),
                   0, (1700, 2400))
GRAY = Image.new("L", (1700, 2400), 250)


def test_a_number_its_own_box_reads_as_another_figure_is_marked_unsure() -> None:
    text = disputed_number_text(scripted_reader("7287206 - Da", "7287206 - Da", "7287206"), GRAY, DPI, PAGE)
    assert text is not None and "72872066" + DOUBT_MARK in text
    fields = extract_invoice_fields(text)
    assert fields.invoice_number is None
    assert fields.gross == extract_invoice_fields(TEXT).gross and fields.invoice_date is not None


def test_one_reading_that_gives_the_number_keeps_it() -> None:
    assert disputed_number_text(scripted_reader("7287206", "72872066 - Da", "7287206"), GRAY, DPI, PAGE) is None


def test_a_single_other_reading_beside_abstaining_ones_is_no_dispute() -> None:
    assert disputed_number_text(scripted_reader("7287206", "", "- Da"), GRAY, DPI, PAGE) is None


def test_a_number_printed_twice_is_not_read_again() -> None:
    twice = Recognition(TEXT + "Rechnungsnummer 72872066\n", 90.0, PAGE.words, 0, PAGE.upright_size)

    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    assert disputed_number_text(never, GRAY, DPI, twice) is None


def test_readings_that_differ_among_themselves_are_no_dispute() -> None:
    assert disputed_number_text(scripted_reader("7287206", "7281206", "7287206"), GRAY, DPI, PAGE) is None


BAND_TEXT = ("Office-Partner Liebig OHG\nBelehfumfpprj]\n966 2025\nStadt Ostermarsch Datum\nGutschrift\n"
             "Nettobetrag 1.000,00 EUR\nUSt 19 % 190,00 EUR\nGesamtbetrag 1.190,00 EUR\n\n"
             "Office Partner Liebig OHG   Belegnummer\n55353966\nStadt Ostermarsch   Datum   .\n")
FIRST_WORDS = (Word("Belehfumfpprj]", 1200, 300, 1400, 320, 3), Word("966", 1200, 330, 1250, 350, 4))
BAND = (GRAY, Recognition("", 90.0, (Word("Belegnummer", 1200, 300, 1400, 320, 1),
                                     Word("55353966", 1200, 330, 1330, 350, 2)), 0, GRAY.size))


def test_a_number_only_the_band_reading_gives_and_no_look_there_confirms_is_marked_unsure() -> None:
    assert extract_invoice_fields(BAND_TEXT).invoice_number == "55353966"
    text = unconfirmed_band_number_text(scripted_reader("53533966", "53533966", "3933966"), DPI, BAND_TEXT,
                                        FIRST_WORDS, [BAND], GRAY.height)
    assert text is not None and "55353966" + DOUBT_MARK in text
    assert extract_invoice_fields(text).invoice_number is None


def test_a_number_only_the_band_reading_gives_stays_when_one_look_there_gives_it() -> None:
    assert unconfirmed_band_number_text(scripted_reader("53533966", "55353966", "3933966"), DPI, BAND_TEXT,
                                        FIRST_WORDS, [BAND], GRAY.height) is None


def test_a_number_the_first_reading_gives_too_is_not_looked_at_under_the_stamp() -> None:
    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    first = (*FIRST_WORDS, Word("55353966", 1200, 360, 1330, 380, 5))
    assert unconfirmed_band_number_text(never, DPI, BAND_TEXT, first, [BAND], GRAY.height) is None


def test_looks_under_the_stamp_that_read_no_figure_are_no_dispute() -> None:
    assert unconfirmed_band_number_text(scripted_reader("- Da", "", "Belegnummer"), DPI, BAND_TEXT, FIRST_WORDS, [BAND],
                                        GRAY.height) is None
