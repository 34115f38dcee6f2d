"""The invoice number read again beside its label: where the label is, which row may hold an unread one, and
when a reading is trusted."""
from __future__ import annotations

from workflow.ocr.model import Word
from workflow.paperinvoice.value_look import (
    agreed_line,
    label_slots,
    number_from_reading,
    number_labels,
    tidy_row,
)

PAGE = ("Rechnung\nMuster GmbH - Hauptstr. 1 - 12345 Musterstadt\nDatum: 12.03.2025\nKunden-Nr.: 4711\n"
        "Zwischensumme 100,00 EUR\nUSt 19 % 19,00 EUR\nZu zahlen 119,00 EUR\n")


def _row(y: int, *texts: str, x: int = 950) -> list[Word]:
    words, at = [], x
    for text in texts:
        words.append(Word(text, at, y, at + 12 * len(text), y + 22, 0))
        at += 12 * len(text) + 14
    return words


def test_number_labels_finds_the_label_and_what_follows_it() -> None:
    rows = [_row(200, "Stadt", "Aue", "Rechnungsnummer", x=520), _row(400, "Rg.-Nr.:", "EINGANG"),
            _row(1900, "Rg.-Nr.:", "4711")]  # the last row lies below the page head
    found = number_labels(rows, 2339)
    assert [(f.text, f.value_right) for f in found] == [("Rechnungsnummer", ""), ("Rg.-Nr.:", "EINGANG")]
    assert found[0].x0 == rows[0][2].x0  # the sender line's word glued before the label is not part of it


def test_a_label_glued_to_the_sender_line_is_found() -> None:
    rows = [_row(220, "Halle", "(Saalgchnungsnumner:", "INV-N61240", x=800), _row(280, "Belegdatum:")]
    assert [(f.text, f.value_right) for f in number_labels(rows, 2339)] == [("Rechnungsnummer:", "INV-N61240")]
    assert number_labels([_row(220, "Ursprungsrechnungsnummer:", "RE-1")], 2339) == []  # another invoice's
    assert [f.text for f in number_labels([_row(220, "10570", "BRBERRUINgs-Nr.")], 2339)] == ["Rechnungs-Nr."]
    assert number_labels([_row(220, "Bestellungs-Nr.", "B-17")], 2339) == []  # an order's number


def test_a_number_is_taken_when_the_readings_agree() -> None:
    assert number_from_reading(PAGE, "Rg.-Nr.:", "RE-2025-1457") == "RE-2025-1457"
    line = agreed_line(PAGE, "Rg.-Nr.:", ["RE-2025-1457", "RE-2025-1457", "RE-2025-1457"], needed=3)
    assert line == "Rg.-Nr.:   RE-2025-1457"
    assert agreed_line(PAGE, "Rechnungsnummer", ["FR 7570/25", "FR7570/25", "FR 7570/25"], needed=3) == \
        "Rechnungsnummer   FR 7570/25"  # a lost space is no disagreement


def test_disagreeing_or_too_few_readings_give_nothing() -> None:
    assert agreed_line(PAGE, "Rg.-Nr.:", ["30-2025", "20-2025", "30-2025"], needed=2) is None
    assert agreed_line(PAGE, "Rg.-Nr.:", ["30-2025", "", "30-2025"], needed=3) is None
    assert agreed_line(PAGE, "Rg.-Nr.:", ["..", "~"], needed=1) is None


def test_a_reading_that_changes_another_field_is_not_used() -> None:
    # the reading brings a second date: the invoice date would change (or become open)
    assert number_from_reading(PAGE, "Rg.-Nr.:", "4712 Datum: 14.03.2025") in (None, "4712")
    assert number_from_reading(PAGE, "", "Rg.-Nr.: 4712\nRechnungsdatum: 14.03.2025") == "4712"  # its row only
    assert number_from_reading(PAGE, "", "Datum: 14.03.2025\n4712") is None  # no row starts with its label


def test_tidy_row_drops_stray_punctuation_and_frees_glued_labels() -> None:
    assert tidy_row("Gutschrift-Nr.: ..   202510-951").split() == ["Gutschrift-Nr.:", "202510-951"]
    assert tidy_row("IeRSEhnungsnummer\n1985851") == "Rechnungsnummer\n1985851"
    assert tidy_row("Rg.-NE 43-2025") == "Rg.-Nr.: 43-2025"
    assert tidy_row("Rechnungsnummer: AB-1") == "Rechnungsnummer: AB-1"


def test_label_slots_is_the_row_above_the_label_column() -> None:
    rows = [_row(300, "Datum:", "12.03.2025"), _row(340, "Kunden-Nr.:", "4711"),
            _row(420, "Ihre", "Bestellung:", "B-17")]  # a row skipped between the 2nd and 3rd label
    slots = label_slots(rows, 1653, 2339)
    assert [(s.y, s.x, s.pitch) for s in slots] == [(260, 950, 40), (380, 950, 40)]


def test_no_slots_when_the_column_has_its_number_label() -> None:
    rows = [_row(260, "Rechnungs-Nr.:"), _row(300, "Datum:", "12.03.2025"), _row(340, "Kunden-Nr.:", "4711")]
    assert label_slots(rows, 1653, 2339) == []
