"""OCR damage beyond the ordinary edit budget that still has one reading: a short "Rg.-Nr." label with a letter
added or read as a look-alike, a label whose stem is read and whose ending is not, a date after a date label with
both dots read as commas, a month name with one wrong letter, a stamp word run onto the number's line.
Near misses of each stay what they are (other labels, no date, no number)."""
from __future__ import annotations

from datetime import date

import pytest

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.labels import LabelKind, classify_label

TODAY = date(2026, 1, 1)
HEAD = "Stadtwerke Kuhnert GmbH\nStadt Brackenau\nKämmerei\n"
TAIL = ("Rechnung\nLeistung erbracht am 2025-01-07\nSumme netto € 23.331,70\nzzgl. 19% USt € 4.433,02\n"
        "Gesamtbetrag € 27.764,72\nIBAN: DE20 8611 3582 0621 3779 77\n")


@pytest.mark.parametrize("label", ["RgQ.-Nr.:", "RO.-Nr.:", "Rq.-Nr.:", "Rechnungsptmarmer", "rechlläls.nr.:"])
def test_a_heavily_damaged_number_label_still_names_the_number(label: str) -> None:
    fields = extract_invoice_fields(HEAD + f"{label} R63892141\nDatum: 2025-02-05\n" + TAIL, today=TODAY)
    assert fields.invoice_number == "R63892141"


@pytest.mark.parametrize("label", ["Ref.-Nr.", "Reg.-Nr.", "Rechtsanwalt Nr.", "Rechtsanwalts-Nr.", "Rechnungsbetrag",
                                   "Rechnungszeitraum", "Rechnungseingang", "Rechnungsempfänger", "Rechnungsanschrift"])
def test_near_misses_are_no_invoice_number_label(label: str) -> None:
    found = classify_label(label)
    assert found is None or found[0] is not LabelKind.NUMBER


def test_a_reference_number_is_not_taken_for_the_invoice_number() -> None:
    fields = extract_invoice_fields(HEAD + "Ref.-Nr.: R63892141\nDatum: 2025-02-05\n" + TAIL, today=TODAY)
    assert fields.invoice_number is None


def test_a_date_with_two_commas_after_a_date_label_is_read() -> None:
    fields = extract_invoice_fields(HEAD + "Gutschriftsnummer: 3784337\nSutschriftsdatum: 27,09,2025\n" + TAIL,
                                    today=TODAY)
    assert fields.invoice_date == date(2025, 9, 27)


def test_two_commas_in_running_text_are_no_date() -> None:
    assert find_dates("Menge 27,09,2025 Stück") == []
    fields = extract_invoice_fields(HEAD + "Gutschriftsnummer: 3784337\nSutschriftsdatum: 32,09,2025\n" + TAIL,
                                    today=TODAY)
    assert fields.invoice_date != date(2025, 9, 27)


@pytest.mark.parametrize(("printed", "month"), [("29. Jahuar 2025", 1), ("20. Augudt 2025", 8),
                                                ("3. Oktobcr 2025", 10)])
def test_a_month_name_with_one_wrong_letter_is_read(printed: str, month: int) -> None:
    assert [d.value.month for d in find_dates(printed)] == [month]


@pytest.mark.parametrize("printed", ["7. Autobahn 2025", "3. Dezembre 2024", "5. Mars 2025", "Jahuar 2025"])
def test_words_that_are_no_month_name_give_no_date(printed: str) -> None:
    assert find_dates(printed) == []


def test_a_stamp_word_after_the_number_goes_and_the_number_stays() -> None:
    text = HEAD + "Beleg-Nr.\n25/002 EINGANG\nDatum: 2025-02-05\n" + TAIL
    assert extract_invoice_fields(text, today=TODAY).invoice_number == "25/002"
