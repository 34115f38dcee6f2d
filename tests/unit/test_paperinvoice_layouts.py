"""Info-block labels and their values in the shapes OCR linearises them (labels, pairing, invoice number)."""
from __future__ import annotations

from datetime import date

import pytest

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.infoblock import pair_labels
from workflow.paperinvoice.invoicenumber import repair_number
from workflow.paperinvoice.labels import LabelKind, classify_label, find_labels

TODAY = date(2026, 1, 1)
FOOT = ("\nNettobetrag 100,00 €\nzzgl. 19 % USt 19,00 €\nRechnungsbetrag 119,00 €\n"
        "IBAN DE89 3704 0044 0532 0130 00\n")
HEAD = "Muster Bau GmbH · Weg 5 · 12345 Ort\n"


def _fields(body: str):  # noqa: ANN202 - test helper
    return extract_invoice_fields(HEAD + body + FOOT, today=TODAY)


@pytest.mark.parametrize("text, kind", [
    ("Rechnungsnummer", LabelKind.NUMBER),
    ("Rechnungsnumrner", LabelKind.NUMBER),  # rn read for m
    ("Rećhnungs-Nr,", LabelKind.NUMBER),
    ("Beleg-Nr.", LabelKind.NUMBER),
    ("Rechnungsdatum", LabelKind.DATE),
    ("Rechnungsdatun", LabelKind.DATE),
    ("Leistungsdatum", LabelKind.NOT_INVOICE_DATE),
    ("Lieferdatum", LabelKind.NOT_INVOICE_DATE),
    ("Kunden-Nr.", LabelKind.OTHER_NUMBER),
    ("Sachbearbeiter", LabelKind.OTHER),
    ("Rchnuugs-Nr.", LabelKind.NUMBER),  # stem and ending each within their own OCR budget
    ("Gschrift-Nr.", LabelKind.NUMBER),
    ("Rechnngs-Daum", LabelKind.DATE),
    ("Vcrtrasnummer", LabelKind.OTHER_NUMBER),
])
def test_labels_tolerate_ocr_damage(text: str, kind: LabelKind) -> None:
    found = classify_label(text)
    assert found is not None and found[0] is kind


@pytest.mark.parametrize("text", ["Rechnung", "Rechnungskorrektur", "Sehr geehrte", "Invoice", "Bestellung",
                                  "Zeichnung"])
def test_words_that_are_no_labels(text: str) -> None:
    assert classify_label(text) is None


def test_two_labels_are_not_one_combined_label() -> None:
    line = "Rechnungs-Nr.  Datum  Auftragsdatum"
    assert [h.kind for h in find_labels(line)] == [LabelKind.NUMBER, LabelKind.DATE, LabelKind.NOT_INVOICE_DATE]


def test_label_split_covers_most_words() -> None:
    line = "Objekt Nr. der Rechnung Datum"
    assert [(h.kind, line[h.start:h.end]) for h in find_labels(line)] == [
        (LabelKind.OTHER, "Objekt"), (LabelKind.NUMBER, "Nr. der Rechnung"), (LabelKind.DATE, "Datum")]


def test_label_column_then_value_column_with_stamp_and_title_between() -> None:
    body = ("Stadt Beispiel\nRathaus 1\n12345 Beispiel\nKunden-Nr.\nRechnungs-Nr.\nRechnungsdatum\n"
            "EINGEGANGEN\n14.03.2025\nRechnung\nK-5521\nR-2025/118\n03.03.2025\n")
    f = _fields(body)
    assert (f.invoice_number, f.invoice_date) == ("R-2025/118", date(2025, 3, 3))


def test_labels_beside_address_values_after_it() -> None:
    body = ("Stadt Beispiel Belegnummer\nKämmerei Datum\nRathaus 1 Unser Zeichen\n12345 Beispiel\n"
            "4711-A\n7. März 2025\nmk/ts\n")
    f = _fields(body)
    assert (f.invoice_number, f.invoice_date) == ("4711-A", date(2025, 3, 7))


def test_value_at_end_of_address_line_below_label() -> None:
    f = _fields("Rechnungsdatum\nStadt Beispiel 03.10.2024\nBauamt Rechnungs-Nr.\nMarktplatz 1 4346/24\n")
    assert (f.invoice_number, f.invoice_date) == ("4346/24", date(2024, 10, 3))


def test_header_row_with_unreadable_column_and_multiword_cells() -> None:
    body = "Sachbearbeiter Rechnung Nr. Vxrtrqgs Datum\nHr. Okafor RE-2025-0042 V-77 2. Mai 2025\n"
    f = _fields(body)
    assert (f.invoice_number, f.invoice_date) == ("RE-2025-0042", date(2025, 5, 2))


def test_header_row_of_number_columns_lines_up_by_digits() -> None:
    body = ("Unser Zeichen Kunden-Nr. Rechnung Nr. Vertragsnummer Datum\n"
            "Hr. Okafor 537086 2024/38401 P-110950 11.01.2024\n")
    f = _fields(body)
    assert (f.invoice_number, f.invoice_date) == ("2024/38401", date(2024, 1, 11))


def test_ambiguous_column_gives_no_number_rather_than_a_guess() -> None:
    # two label lines, three value lines that fit either way: the number is not guessed
    pairs = pair_labels(["Rechnungsnummer", "Kundennummer", "Rechnung", "4711", "4712", "4713"])
    assert not [p for p in pairs if p.kind is LabelKind.NUMBER]


def test_service_date_and_order_date_are_not_the_invoice_date() -> None:
    body = ("Leistungsdatum: 20.02.2025\nIhre Bestellung vom 01.02.2025\nRechnungsnummer: 88-12\n"
            "Rechnungsdatum: 05.03.2025\n")
    assert _fields(body).invoice_date == date(2025, 3, 5)


def test_reference_to_older_invoice_is_not_this_invoice() -> None:
    body = ("Gutschrift-Nr.: G-7001\nDatum: 09.03.2024\nGutschrift\nzu unserer Rechnung 6960706 vom 30.12.2023\n")
    f = _fields(body)
    assert (f.invoice_number, f.invoice_date) == ("G-7001", date(2024, 3, 9))


def test_item_line_number_is_not_the_invoice_number() -> None:
    body = ("Auftrags-Nr. Nummer Datum\nB-1 RE-7001 22.09.2025\n"
            "1 Verfahrensgebühr Nr. 3100 VV RVG 1 psch 100,00 100,00\n")
    assert _fields(body).invoice_number == "RE-7001"


def test_subject_line_with_damaged_title() -> None:
    f = _fields("Ort, den 05.05.2023\nRećhnung 23-64222\n")
    assert (f.invoice_number, f.invoice_date) == ("23-64222", date(2023, 5, 5))


@pytest.mark.parametrize("raw, fixed, repaired", [
    ("2O25-0042", "2025-0042", True),  # letter between digits
    ("5G701/23", "56701/23", True),
    ("231796l", "2317961", True),  # damaged last digit of a group
    ("39642/Z6", "39642/26", True),  # damaged first digit after a separator
    ("RE-Z025-1", "RE-2025-1", True),
    ("O4711", "04711", True),
    ("78195/2S", "78195/25", True),  # a digit group next to a digit group
    ("2S-55280", "25-55280", True),
    ("Al32208", "A132208", True),  # lower-case l in an upper-case number
    ("Rg-2025", "Rg-2025", False),
    ("G654510", "G654510", False),  # a house prefix keeps its letter
    ("RE-2025-1", "RE-2025-1", False),
    ("A123456", "A123456", False),
])
def test_invoice_number_repairs_only_unambiguous_letters(raw: str, fixed: str, repaired: bool) -> None:
    assert repair_number(raw) == (fixed, repaired)


def test_repaired_number_is_noted() -> None:
    f = _fields("Rechnungsnummer: 2O25-0042\nDatum: 01.04.2025\n")
    assert f.invoice_number == "2025-0042"
    assert any("OCR-Korrektur" in n for n in f.notes)


def test_label_glued_to_value_by_colon() -> None:
    f = _fields("Invoice No.:R622297\nRechnungsdatum:6. Juli 2025\n")
    assert (f.invoice_number, f.invoice_date) == ("R622297", date(2025, 7, 6))


def test_combined_number_and_date_label() -> None:
    f = _fields("Rechnungs-Nr./Datum: 2025-0815 / 12.03.2025\n")
    assert (f.invoice_number, f.invoice_date) == ("2025-0815", date(2025, 3, 12))
