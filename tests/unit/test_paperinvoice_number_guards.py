"""Invoice numbers that would come out wrong are reported missing instead (a wrong value is worse than none)."""
from __future__ import annotations

from workflow.paperinvoice import extract_invoice_fields

HEAD = "Brinkmann Reinigungsservice\nGemeinde Hohenweiler\n"
TAIL = ("RECHNUNG\nSumme netto 1.487,40 EUR\nzzgl. 19 % USt 282,61 EUR\nGesamtbetrag 1.770,01 EUR\n"
        "IBAN: DE38 8473 9496 4485 9331 11\n")


def test_a_number_split_inside_the_letters_year_is_joined() -> None:
    f = extract_invoice_fields(HEAD + "Straßenverkehrsbehörde Rechnungsnummer: RE-202 5-1680\nDatum: 23.10.25\n"
                               + TAIL)
    assert f.invoice_number == "RE-2025-1680"
    assert any("RE-202 5-1680" in note for note in f.notes)


def test_a_number_split_at_a_space_that_makes_no_year_is_unsure() -> None:
    f = extract_invoice_fields(HEAD + "Straßenverkehrsbehörde Rechnungsnummer: RE-201 5-1680\nDatum: 23.10.25\n"
                               + TAIL)
    assert f.invoice_number is None
    assert "RE-201 5-1680" in f.problems["invoice_number"]


def test_a_number_beside_its_label_followed_by_other_text_is_kept() -> None:
    f = extract_invoice_fields(HEAD + "Rechnungsnummer: RE-2025-1680 Datum: 23.10.25\n" + TAIL)
    assert f.invoice_number == "RE-2025-1680"


def test_a_short_bare_number_ending_an_address_line_is_no_invoice_number() -> None:
    f = extract_invoice_fields(HEAD + "Rechnungs-Nr.\nAmt für Organisation und IT 202\nBelegdatum\n"
                               "Postfach 2010 16.05.25\n" + TAIL)
    assert f.invoice_number is None


def test_a_month_and_year_is_no_invoice_number() -> None:
    f = extract_invoice_fields(HEAD + "Beleg-Nr.\n04.2025\n" + TAIL)
    assert f.invoice_number is None


def test_a_long_number_at_the_end_of_the_next_line_is_still_taken() -> None:
    f = extract_invoice_fields(HEAD + "Rechnungs-Nr.\nAmt für Organisation 2025-4711\nBelegdatum\n"
                               "Postfach 2010 16.05.25\n" + TAIL)
    assert f.invoice_number == "2025-4711"


def test_digits_in_thousands_groups_under_a_number_label_are_unsure_not_taken() -> None:
    f = extract_invoice_fields(HEAD + "Gutschriftsnummer\n\n92.610\n202502-6+\nDatum\n21.03.25\n" + TAIL)
    assert f.invoice_number is None
    assert "92.610" in f.problems["invoice_number"]


def test_a_number_printed_elsewhere_with_its_hyphen_is_taken_with_it() -> None:
    text = HEAD + "Gutschriftsnummer: 202512949\nDatum: 25.03.2025\n" + TAIL + \
        "\n\nKastanienallee 136a : 72625 Wetzlar\nGutschriftsnummer: 202512-949\n"
    assert extract_invoice_fields(text).invoice_number == "202512-949"


def test_only_separators_may_differ_and_the_other_reading_must_be_unique() -> None:
    base = HEAD + "Rechnungsnummer: 202512949\nDatum: 25.03.2025\n" + TAIL
    assert extract_invoice_fields(base + "Az. 2025-12949-7\n").invoice_number == "202512949"  # more than separators
    assert extract_invoice_fields(base + "202512-949 und 2025-12949\n").invoice_number == "202512949"  # two readings
    assert extract_invoice_fields(base).invoice_number == "202512949"
