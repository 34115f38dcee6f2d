"""When a second OCR reading of an invoice's head is wanted, and when it is kept; stamp and label repairs."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.fields import PaperInvoiceFields
from workflow.paperinvoice.iban import find_iban
from workflow.paperinvoice.second_look import (
    join_reading,
    second_reading_helps,
    usable_reading,
    wants_second_reading,
)

TODAY = date(2025, 6, 1)
TOTALS = "Zwischensumme 100,00 EUR\nUSt 19 % 19,00 EUR\nZu zahlen 119,00 EUR\n"


def test_wanted_for_an_invoice_page_without_number_or_date() -> None:
    assert wants_second_reading("Rechnung\nRechnungsnummer\nDatum\n" + TOTALS, today=TODAY)
    complete = "Rechnung\nRechnungsnummer: 4711\nDatum: 12.03.2025\n" + TOTALS
    assert not wants_second_reading(complete, today=TODAY)
    # a dunning letter names an invoice in a sentence and has no total to pay of its own
    dunning = ("Zahlungserinnerung\nzu unserer Rechnung vom 1. März 2025 über\n"
               "den Betrag von 119,00 EUR haben wir noch keine Zahlung erhalten.\n")
    assert not wants_second_reading(dunning, today=TODAY)


def test_kept_only_when_it_fills_a_gap_and_changes_nothing() -> None:
    first = "Rechnung\nRechnungsnummer: 4711\n" + TOTALS
    assert second_reading_helps(first, "Datum:   12.03.2025", today=TODAY)
    assert not second_reading_helps(first, "Gemeinde Musterstadt", today=TODAY)
    assert not second_reading_helps(first, "", today=TODAY)
    # a second reading that changes the date the first reading gave is not kept (the number stands in the
    # first reading unlabelled, so only the date decides)
    dated = "Rechnung\n4711\nDatum: 12.03.2025\n" + TOTALS
    assert not second_reading_helps(dated, "Rechnungsnummer: 4711\nRechnungsdatum: 13.03.2025", today=TODAY)


def test_a_number_from_the_second_reading_must_stand_in_the_first() -> None:
    first = "Rechnung\nRE-2025-5276\nDatum: 12.03.2025\n" + TOTALS  # the label was lost, the value is there
    assert second_reading_helps(first, "Belegnummer   RE-2025-5276", today=TODAY)
    # "FR 9811/25" under a stamp frame read as "ER 9811/25": nothing in the first reading confirms it
    assert not second_reading_helps("Rechnung\nDatum: 12.03.2025\n" + TOTALS, "Beleg-Nr.   ER 9811/25",
                                    today=TODAY)


def test_an_unconfirmed_number_is_left_out_of_a_reading_that_restores_the_date() -> None:
    first = "Rechnung\nRechnungsnummer\nDatum\n" + TOTALS
    extra = "rechlläls.nr.: 32-2025\nMarkt Sulzdorf   Datum: 04.03.2025"
    assert not second_reading_helps(first, extra, today=TODAY)  # it would bring "32-2025" unconfirmed
    assert usable_reading(first, extra, today=TODAY) == "Markt Sulzdorf   Datum: 04.03.2025"
    assert usable_reading(first, "rechlläls.nr.: 32-2025", today=TODAY) is None  # nothing left that helps
    helpful = "Datum:   12.03.2025"
    assert usable_reading(first, helpful, today=TODAY) == helpful


def test_join_reading() -> None:
    assert join_reading("a\n\n", " b \n") == "a\n\nb\n"


def _fields(text: str) -> PaperInvoiceFields:
    return extract_invoice_fields(text, today=TODAY)


def test_a_stamp_word_run_into_a_label_is_dropped() -> None:
    f = _fields("Rechnung\nStadt Brackenau   Beleg-Nr.Poststelle\nRE-2025-7990\nBelegdatum\n12.05.25\n"
                + TOTALS)
    assert f.invoice_number == "RE-2025-7990"


def test_a_short_token_after_a_label_is_the_damaged_prefix_not_part_of_the_label() -> None:
    f = _fields("Gutschrift\nGutschrift-Nr,; G, 2941/25\nDatum: 12.03.2025\n" + TOTALS)
    assert f.invoice_number is None  # "FR 2941/25" with its prefix misread: no guess of "2941/25"


def test_an_order_date_in_a_value_column_is_no_invoice_date() -> None:
    text = ("Rechnung\nRechnungs-Nr.:\nBelegdatum:\nKunden-Nr.:\nIhre Bestellung:\nStadt Grauburg\n25/322\n"
            "Eiggs.25\n12.028\nBestellung 978 vom 17.08.25\n64247 Grauburg\n" + TOTALS)
    f = _fields(text)
    assert f.invoice_date is None and f.invoice_number != "12.028"


def test_a_slash_read_as_seven_before_the_year_is_not_guessed() -> None:
    f = _fields("Rechnung\nGutschriftsnummer: HW 2986725\nDatum: 01.04.2025\n" + TOTALS)
    assert f.invoice_number is None and "'/' oder '7'" in f.problems["invoice_number"]


def test_a_date_beside_a_lone_poststelle_line_is_the_stamps() -> None:
    text = ("Rechnung\nBeleg-Nr.: 202504-634\nBelsgdatur- 2025-01I-\n11.04.25\nPoststelle\n" + TOTALS)
    assert _fields(text).invoice_date is None


def test_a_worded_date_needs_digits() -> None:
    assert find_dates("i. Mai 2025") == []
    assert [d.value for d in find_dates("3. MAI 2025")] == [date(2025, 5, 3)]


def test_iban_check_digits_misread_as_letters_are_repaired_by_the_checksum() -> None:
    assert find_iban("IBAN DES8 3791 1090 9979 1886 36 HRB").iban == "DE88379110909979188636"  # S for 8
    assert find_iban("IBAN DEA2 1620 4490 8809 9884 88 HRB").iban == "DE42162044908809988488"  # A for 4
    assert find_iban("IBAN DROS 6902 1968 5487 6534 02 HRB").iban == "DE05690219685487653402"  # DR for DE
    # a digit misread in the account stays unrepaired
    assert find_iban("IBAN DE42 3040 3383 8851 6043 99").iban is None


def test_unlabelled_totals_after_two_items_that_add_up_to_the_net() -> None:
    text = ("Rechnung\nRechnungsnummer: 4711\nDatum: 12.03.2025\nWarenwert netto\n+7% MwSt.\n"
            "Rechnungsbetrag\n"
            "Zahlbar bis zum 02. April 2025 ohne Abzug.\nBetrag EUR\n12,72\n77,05\n89,77\n6,28\n96,05\n")
    f = _fields(text)
    assert (f.net, f.vat, f.gross) == (Decimal("89.77"), Decimal("6.28"), Decimal("96.05"))
