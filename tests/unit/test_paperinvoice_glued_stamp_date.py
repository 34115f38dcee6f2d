"""Round 11: a receipt stamp's date that OCR glued to the end of the invoice number ("INV-A3233613. April 2025"
for "INV-A32336" and the stamp's "13. April 2025") is cut off - only when exactly one cut gives the stamp's
date (the stamp date read, or, with a stamp word beside the label, a day from the invoice date up to three weeks
after it); two possible cuts leave the number open with a reason."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.glued_stamp_date import MAX_STAMP_DAYS, glued_stamp_date_value

HEAD = ("Bedachungen Wiegand GmbH\nTalstraße 21 - 48378 Osnabrück\nStadt Altenkirchhain\nAm Rathaus 2\n"
        "88553 Altenkirchhain\nRechnung\n")
TAIL = ("Summe ohne Steuer 323,82\n19 % Mehrwertsteuer 61,53\nSumme inkl. MwSt. 385,35\n"
        "IBAN DE44 1866 0422 7371 3385 35\n")
TODAY = date(2025, 12, 1)
BLOCK = "Rechnungs-Nr. Einge gang\nINV-A3233613. April 2025\nKundennummer 883077\nBelegdatum: 8. April 2025\n"


def test_the_stamp_date_glued_to_the_number_is_cut_off_by_the_invoice_date() -> None:
    lines = BLOCK.splitlines()
    value, note = glued_stamp_date_value(lines, date(2025, 4, 8), frozenset())
    assert value == "INV-A32336"  # "3. April" lies before the letter's date: no stamp's day
    assert note is not None and "13.04.2025" in note and "bitte prüfen" in note
    f = extract_invoice_fields(HEAD + BLOCK + TAIL, today=TODAY)
    assert f.invoice_number == "INV-A32336" and f.invoice_date == date(2025, 4, 8)


def test_a_known_stamp_date_decides_the_cut() -> None:
    lines = ["Rechnungs-Nr.", "INV-A3233613.04.2025"]
    assert glued_stamp_date_value(lines, None, frozenset({date(2025, 4, 13)}))[0] == "INV-A32336"
    assert glued_stamp_date_value(lines, None, frozenset({date(2025, 4, 3)}))[0] == "INV-A323361"
    assert glued_stamp_date_value(lines, None, frozenset({date(2025, 4, 20)})) == (None, None)


def test_two_possible_cuts_leave_the_number_open() -> None:
    lines = ["Rechnungs-Nr. Eingang", "INV-A3233613. April 2025"]
    value, why = glued_stamp_date_value(lines, date(2025, 4, 2), frozenset())  # 3. and 13. April both fit
    assert value is None and why is not None and "nicht eindeutig" in why
    f = extract_invoice_fields(HEAD + BLOCK.replace("8. April", "2. April") + TAIL, today=TODAY)
    assert f.invoice_number is None and "nicht eindeutig" in f.problems["invoice_number"]


def test_without_a_stamp_word_or_stamp_date_nothing_is_cut() -> None:
    lines = ["Rechnungs-Nr.", "INV-A3233613. April 2025"]
    assert glued_stamp_date_value(lines, date(2025, 4, 8), frozenset()) == (None, None)


def test_a_day_too_far_after_the_letter_is_no_stamp_date() -> None:
    lines = ["Rechnungs-Nr. Eingang", "INV-A3233630.04.2025"]  # "30.04.2025" (and no day 0)
    letter = date.fromordinal(date(2025, 4, 30).toordinal() - MAX_STAMP_DAYS)
    assert glued_stamp_date_value(lines, letter, frozenset())[0] == "INV-A32336"
    too_early = date.fromordinal(letter.toordinal() - 1)
    assert glued_stamp_date_value(lines, too_early, frozenset()) == (None, None)


def test_a_number_with_a_date_after_a_space_is_no_glued_date() -> None:
    lines = ["Rechnungs-Nr. Eingang", "INV-A32336 13. April 2025"]
    assert glued_stamp_date_value(lines, date(2025, 4, 8), frozenset()) == (None, None)
