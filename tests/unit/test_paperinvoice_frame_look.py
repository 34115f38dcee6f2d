"""Round 12: a number read with a stamp's frame taken out is trusted only when the value read as scanned fits it
(digits lost, none changed) and no mark is glued before its start (workflow.paperinvoice.frame_look); only its
own row is appended, with no other field changed."""
from __future__ import annotations

from workflow.paperinvoice.frame_look import (
    fits_scanned,
    glued_mark,
    is_subsequence,
    number_line,
    wants_frame_look,
)


def test_the_scan_may_lose_glyphs_but_not_change_a_digit() -> None:
    assert fits_scanned("INV-M23440", "-ANLM23440")  # letters garbled by the frame, digits all there
    assert fits_scanned("R69564972", "R69564")  # the frame hid the last digits
    assert not fits_scanned("INV-H52579", "INV-HS2679")  # the scan has a 6 where the frame-free reading has a 5
    assert not fits_scanned("25/011", "28H")
    assert not fits_scanned("RE-2025-1457", "")  # nothing read as scanned: no evidence
    assert not fits_scanned("202507-921", "921")  # too little of the number


def test_only_the_first_row_of_the_scan_counts() -> None:
    assert fits_scanned("25/811", "25/811\n18.04.25")
    assert not fits_scanned("25/811", "Rg.-Nr.\n25/811")


def test_a_mark_glued_before_the_start_is_a_lost_glyph() -> None:
    assert glued_mark("R 9811/25", '"R 9811/25')
    assert glued_mark("R 9811/25", "=R 9811/25")
    assert glued_mark("INV-H52579", "'INV-H52579")
    assert not glued_mark("R 9811/25", "R 9811/25")
    assert not glued_mark("R 9811/25", "FR 9811/25")  # a letter before it: another number, not a lost glyph
    assert not glued_mark("INV-M23440", "INV-M23440")


def test_subsequence() -> None:
    assert is_subsequence("2679", "INVH52679")
    assert not is_subsequence("2679", "INVH52579")


PAGE = "RECHNUNG\nMusterfirma GmbH\nDatum: 11.04.2025\nGesamtbetrag 119,00 EUR\n"


def test_only_the_row_with_the_number_is_appended() -> None:
    extra = "Kundennummer: 903879\nRechnungsnummer: INV-M23440\nDatum: 12.04.2025"
    assert number_line(PAGE, extra, "INV-M23440") == "Rechnungsnummer: INV-M23440"


def test_a_row_that_changes_another_field_is_not_appended() -> None:
    undated = PAGE.replace("Datum: 11.04.2025\n", "")
    assert number_line(undated, "Rechnungsnummer: INV-M23440", "INV-M23440") == "Rechnungsnummer: INV-M23440"
    assert number_line(undated, "Rechnungsnummer: INV-M23440   Datum: 12.04.2025", "INV-M23440") is None
    assert number_line(PAGE, "Rechnungsnummer: INV-M23441", "INV-M23440") is None


def test_the_look_runs_only_where_the_number_is_missing() -> None:
    assert wants_frame_look(PAGE)
    assert not wants_frame_look(PAGE + "Rechnungsnummer: INV-M23440\n")
    assert not wants_frame_look("Zahlungserinnerung\nBetrag 119,00 EUR\n")  # no invoice's first page
