"""Round 2 on unseen OCR text: a field that conflicts with other evidence is reported missing, not guessed."""
from __future__ import annotations

from datetime import date

import pytest

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.invoicenumber import repair_number
from workflow.paperinvoice.stamps import split_stamps

TODAY = date(2026, 1, 1)
FOOT = ("\nNettobetrag 100,00 €\nzzgl. 19 % USt 19,00 €\nRechnungsbetrag 119,00 €\n"
        "IBAN DE89 3704 0044 0532 0130 00\n")
HEAD = "Muster Bau GmbH · Weg 5 · 12345 Ort\n"


def _fields(body: str):  # noqa: ANN202 - test helper
    return extract_invoice_fields(HEAD + body + FOOT, today=TODAY)


@pytest.mark.parametrize("raw, fixed, repaired", [
    ("INV-B81827", "INV-B81827", False),  # a letter starting a house code after a letter part stays a letter
    ("INV-G87003", "INV-G87003", False),
    ("RE-Z025-1", "RE-2025-1", True),  # a Z making a year is a 2
    ("RE-O4711", "RE-04711", True),  # O and l never start a house code
    ("39642/Z6", "39642/26", True),  # after a digit group every look-alike starts a digit group
])
def test_letter_after_separator(raw: str, fixed: str, repaired: bool) -> None:
    assert repair_number(raw) == (fixed, repaired)


def test_house_code_after_separator_is_kept() -> None:
    assert _fields("Rechnungsnummer: INV-B53571\nDatum: 01.04.2025\n").invoice_number == "INV-B53571"


def test_slash_read_as_one_before_the_year_is_missing() -> None:
    f = _fields("Rechnung Nr. AR 8797125\nDatum: 01.04.2025\n")
    assert f.invoice_number is None
    assert "'/' oder '1'" in f.problems["invoice_number"]


def test_prefixed_number_not_ending_in_a_year_is_kept() -> None:
    assert _fields("Rechnung Nr. AR 8797188\nDatum: 01.04.2025\n").invoice_number == "AR 8797188"


def test_number_run_into_a_date_is_missing() -> None:
    assert _fields("Beleg-Nr.: 01.05.20275/382\nDatum: 30.04.2025\n").invoice_number is None


def test_stray_bar_after_the_label() -> None:
    assert _fields("Belegnummer :| 25/386\nDatum: 23.02.2025\n").invoice_number == "25/386"


def test_date_after_stamp_not_repaired_when_the_stamp_may_be_misread() -> None:
    # "21.02.25" may be a misread 27 or 28: the date or the stamp is wrong, which one is not clear
    f = _fields("Eing-\n21.02.25\nMarburg, 26. Februar 2025\nRechnung Nr. 4711\n")
    assert f.invoice_date is None
    assert "Stempel" in f.problems["invoice_date"]


def test_stamp_a_year_from_every_other_date_is_ignored() -> None:
    f = _fields("Eing-\n03.03.23\nRechnungsdatum: 27. Februar 2025\nRechnung Nr. 4711\n"
                "Lieferdatum: 11.02.2025\nFälligkeit: 20. März 2025\n")
    assert f.invoice_date == date(2025, 2, 27)


def test_far_old_date_is_no_context_for_a_year_repair() -> None:
    f = _fields("Rechnung Nr. 4711\nDatum\n03.04.25\nAkte vom 7.1.97\n")
    assert f.invoice_date == date(2025, 4, 3)


def test_lone_stamp_word_takes_a_date_line_below_it() -> None:
    stamped = split_stamps(["EINGANG", "Muster Bau GmbH - Weg 5 - 12345 Ort", "25.02.2025", "Datum: 23.02.2025"])
    assert stamped.stamp == date(2025, 2, 25)
    assert "25.02.2025" not in stamped.lines


def test_date_beside_a_torn_stamp_word_is_not_taken_as_invoice_date() -> None:
    f = _fields("Muster Bau GmbH - Weg 5 - 12345 Ort Rg.-Nr. NG\nR24086144 EINGA\n"
                "Gemeinde Hohenweiler Rechnungsdatu 18.04.2025\n")
    assert f.invoice_date is None
    assert "Eingangsstempel" in f.problems["invoice_date"]


def test_reference_date_after_torn_stamp_word_is_not_a_stamp() -> None:
    stamped = split_stamps(["Verband - Weg 5 - 12345 Ort Eing.", "Poststelle Ihre Bestellung: BE 5 vom 04. April 2025"])
    assert stamped.stamp is None and not stamped.suspects


@pytest.mark.parametrize("line, number", [
    ("Gemeinde Kesselbach Gutschriftsnummer I HW 2986/25", "HW 2986/25"),  # a lone bar read as I
    ("Stadt Wendelstedt Beleg-Nr.:)INV-L15128", "INV-L15128"),  # a bracket glued to the value
    ("Stadt Wendelstedt Gutschriftsnummer :RE- 2025-8893", "RE-2025-8893"),  # a space after the hyphen
])
def test_debris_around_a_labelled_number(line: str, number: str) -> None:
    assert _fields(line + "\nDatum: 01.04.2025\n").invoice_number == number


def test_prefix_glued_to_digits_ending_in_1_and_year_is_kept() -> None:
    assert _fields("Rechnung Nr. R364125\nDatum: 29.01.2025\n").invoice_number == "R364125"
