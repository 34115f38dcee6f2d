"""Round 11: an invoice number whose label a stamp made unreadable is taken by the layout of the info block - the
value glued behind a mangled label ("FRsiagljeINV-F66006"), or the row right above the row that holds the
invoice date behind a mangled date label ("Datunyg 20. Augudt 2025") - never a bare value of a column read
apart from its labels, and never when the date row is not the invoice date's."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.number_above_date import glued_label_tail, number_above_date

HEAD = "Wasserverband Tiedemanntal\nTalstraße 89 - 23835 Würzburg - Tel. 03947 711391\n"
TAIL = ("Summe netto EUR 432,41\nzzgl. 7 % USt EUR 30,27\nGesamtbetrag EUR 462,68\n"
        "IBAN DE62270174358277556066\n")
TODAY = date(2025, 12, 1)


def _fields(block: str) -> tuple[str | None, str, str]:
    f = extract_invoice_fields(HEAD + "Rechnung\n" + block + "Rathausplatz 2\n90322 Fehrenbruch\n" + TAIL,
                               today=TODAY)
    notes = " ".join(n for n in f.notes if n.startswith("invoice_number"))
    return f.invoice_number, f.problems.get("invoice_number", ""), notes


def test_the_value_behind_a_mangled_label_glued_to_it_is_cut_off() -> None:
    assert glued_label_tail("FRsiagljeINV-F66006") == "INV-F66006"
    assert glued_label_tail("Rechnungsnr202509-290") == "202509-290"
    assert glued_label_tail("INV-F66006") is None  # no label before it
    assert glued_label_tail("ABCINV-F66006") is None  # capitals only: a prefix of the value, not a label


def test_a_glued_value_above_the_date_label_is_taken_and_flagged() -> None:
    number, _, notes = _fields("FRsiagljeINV-F66006\nDatum: 6.10.2025\n")
    assert number == "INV-F66006"
    assert "ohne lesbare Bezeichnung" in notes and "bitte prüfen" in notes


def test_a_glued_word_without_a_number_shape_is_not_taken() -> None:
    number, why, _ = _fields("Fachdienstabteilung7\nDatum: 6.10.2025\n")
    assert number is None and "nicht gefunden" in why


def test_the_row_above_the_invoice_date_behind_a_mangled_date_label_gives_the_number() -> None:
    block = "Stadt Lindenfels Brgauerrng . INV-D53172\nDatunyg 08.25 20. Augudt 2025\n"
    lines = ["Rechnung", *block.splitlines()]
    assert number_above_date(lines, date(2025, 8, 20))[0] == "INV-D53172"
    assert number_above_date(lines, None)[0] is None  # without the invoice date the row is no date row
    assert number_above_date(lines, date(2025, 8, 21))[0] is None  # another date: not the invoice date's row
    number, _, notes = _fields(block)
    assert number == "INV-D53172" and "bitte prüfen" in notes


def test_a_bare_value_of_a_column_read_apart_from_its_labels_is_not_taken() -> None:
    # labels in one column, values in the next, read one after the other: the row above the date value is the
    # customer number's value, not the invoice number
    block = "Rechnung\nKundennummer:\nKuuen-Nr.\nInvoice ate:\nK670388\nK90588\n28.07.2023\n"
    assert number_above_date(block.splitlines(), date(2023, 7, 28))[0] is None
    # a date alone on its row, its label lost: no label there, so no info-block row to go by
    assert number_above_date("Rechnung\nStadt Lindenfels Brgauerrng . INV-D53172\n20.08.2025\n".splitlines(),
                             date(2025, 8, 20))[0] is None
