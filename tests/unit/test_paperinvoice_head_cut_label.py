"""A number label whose start a stamp or the fold hid ("riftsnummer" of "Gutschriftsnummer")."""
from __future__ import annotations

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.labels import LabelKind, find_labels


def test_the_tail_of_an_invoice_number_label_is_a_number_label() -> None:
    for text in ("riftsnummer: 25/989", "hnungsnummer: 4711"):
        hits = find_labels(text)
        assert [h.kind for h in hits] == [LabelKind.NUMBER], text


def test_short_tails_and_tails_of_other_labels_are_not() -> None:
    for text in ("ungsnummer 12", "ndennummer 4711", "Hausnummer 12", "riftsdatum 12"):
        assert all(h.kind != LabelKind.NUMBER for h in find_labels(text)), text


def test_a_credit_note_number_after_a_head_cut_label_is_found() -> None:
    text = ("Licht & Strom Lorenzen e.K.\nStadt Ostermarsch\nZentrale Rechnungsbearbeitung riftsnummer: 25/989\n"
            "Marktplatz 3 Datum: 5. Mai 2025\n52241 Ostermarsch Kundennummer: 835918\nGUTSCHRIFT\n"
            "Summe ohne Steuer 14.794,44 EUR\n19 % Mehrwertsteuer 2.810,94 EUR\nGutschriftsbetrag 17.605,38 EUR\n")
    assert extract_invoice_fields(text).invoice_number == "25/989"
