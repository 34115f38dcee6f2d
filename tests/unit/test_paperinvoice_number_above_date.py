"""Round 10: an invoice number whose label a stamp ate is taken from its place in the info block - the row right
above the invoice-date label - only on an invoice, only with a number's shape, and never from a row that has a
label of its own (known or not) or stands under one."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.number_above_date import number_above_date

HEAD = "Wasserverband Tiedemanntal\nTalstraße 89 - 23835 Würzburg - Tel. 03947 711391\nEINGANG\n17.04.2025\n"
TAIL = ("Summe netto EUR 432,41\nzzgl. 7 % USt EUR 30,27\nGesamtbetrag EUR 462,68\n"
        "IBAN DE62270174358277556066\n")
TODAY = date(2025, 12, 1)


def _fields(block: str, title: str = "Rechnung") -> tuple[str | None, str]:
    f = extract_invoice_fields(HEAD + block + f"90322 Fehrenbruch\n{title}\n" + TAIL, today=TODAY)
    return f.invoice_number, f.problems.get("invoice_number", "")


def test_a_value_whose_label_the_stamp_ate_is_taken_above_the_date_row() -> None:
    number, _ = _fields("Gutsc . 31-2025\nStadt Fehrenbruch Datum: 16. April 2025\n", title="Gutschrift")
    assert number == "31-2025"
    number, _ = _fields("ertschriftsttonmmmet RE-2025-2550\nGutschriftsdatum: 7.9.2025\n", title="Gutschrift")
    assert number == "RE-2025-2550"


def test_a_stacked_block_read_in_columns_gives_the_value_above_the_date_label() -> None:
    block = ("Stadt Lindenfels an der Aue   Sänsitnkindenfels an der Aue\nRechnungseingangsstelle   HW 3942/25\n"
             "Hauptstraße 44   Belegdatum\n87943 Lindenfels an der Aue   16. November 2025\n")
    assert _fields(block)[0] == "HW 3942/25"


def test_a_letter_without_an_invoice_title_keeps_its_file_number() -> None:
    block = "Geschäftszeichen\n4 VG 763/25\nDatum\n15.5.2025\n"
    assert _fields(block, title="In der Verwaltungsrechtssache")[0] is None
    assert _fields(block)[0] == "VG 763/25"  # the same block on an invoice: the place decides


def test_a_row_with_a_label_of_its_own_keeps_its_value() -> None:
    # an unknown label (a word with a colon), a known other label, a damaged number label
    assert _fields("Geschäftszeichen: 19 VG 421/25\nDatum: 17. November 2025\n")[0] is None
    assert _fields("Kunden-Nr. 10-262682\nDatum: 17. November 2025\n")[0] is None
    assert _fields("Gutschrift-Nr,; G, 2941/25\nDatum: 14.05.2025\n", title="Gutschrift")[0] is None


def test_a_value_under_a_label_of_its_own_is_not_taken() -> None:
    assert _fields("Kundennummer\n10-262682\nBelegdatum:\n2025-08-15\n")[0] is None


def test_a_bare_digit_run_may_be_a_customer_number_and_is_not_taken() -> None:
    number, why = _fields("Stadt Fehrenbruch 117314\nDatum: 16. April 2025\n")
    assert number is None and "nicht gefunden" in why


def test_the_invoice_a_credit_note_corrects_is_not_its_number() -> None:
    block = "Gutsc . 34-2025\nDatum: 16. April 2025\nBezug: unsere Rechnung 34-2025\n"
    assert _fields(block, title="Gutschrift")[0] is None


def test_two_readings_that_disagree_give_no_number() -> None:
    lines = ["Rechnung", "Gutsc . 31-2025", "Datum: 16. April 2025", "Gutsc . 37-2025", "Datum: 16. April 2025"]
    assert number_above_date(lines)[0] is None
    lines[3] = "Gutsc   31-2025"  # the second reading agrees
    assert number_above_date(lines)[0] == "31-2025"


def test_a_labelled_number_wins_over_the_place() -> None:
    block = "Rechnungs-Nr.: 43-2025\nGutsc . 31-2025\nDatum: 16. April 2025\n"
    assert _fields(block)[0] == "43-2025"


def test_a_date_or_leitweg_id_above_the_date_row_is_no_number() -> None:
    assert number_above_date(["Rechnung", "Stadt Fehrenbruch 2025-04-02", "Datum: 3.4.2025"])[0] is None
    assert number_above_date(["Rechnung", "Stadt Fehrenbruch 04011000-1234512345-06", "Datum: 3.4.2025"])[0] is None
    assert number_above_date(["Rechnung", "Stadt Fehrenbruch 0593621-96", "Datum: 3.4.2025"])[0] == "0593621-96"


def test_a_lone_capital_before_the_value_is_debris_not_a_prefix() -> None:
    assert number_above_date(["Rechnung", "Bauen Pech z—", "A 202509-567", "Herr Sven Wiegand Belegdatum"])[0] is None
    assert number_above_date(["Rechnung", "Stadt Lindenfels   HW 3942/25", "Belegdatum"])[0] == "HW 3942/25"


def test_a_phone_number_above_the_date_row_is_no_number() -> None:
    assert number_above_date(["Rechnung", "Am Markt 5 · 38100 Braunschweig · 0531/123456", "Datum: 3.4.2025"])[0] is None
    assert number_above_date(["Rechnung", "Am Markt 5 · 38100 Braunschweig · 25/886", "Datum: 3.4.2025"])[0] == "25/886"


def test_a_footer_tax_number_above_a_reread_date_row_is_no_number() -> None:
    """A head re-read appended after the footer puts its date row right under the footer's tax number line."""
    assert _fields("Steuernr. 12/448/67324\nRechnungsnummer.   Rechnungsdatum: 24.09.25\n")[0] is None
    assert _fields("Amtsgericht Halle 12/448/67324\nDatum: 24.09.25\n")[0] is None  # the shape alone
    assert _fields("HRB 2351-9\nDatum: 24.09.25\n")[0] is None  # a footer word before the value
