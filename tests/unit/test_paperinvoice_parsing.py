"""Dates, amounts, IBAN and Leitweg-ID parsing on OCR-like text."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from workflow.paperinvoice.amounts import find_amounts, parse_amount
from workflow.paperinvoice.dates import find_dates, parse_date
from workflow.paperinvoice.iban import find_iban, is_valid_iban
from workflow.paperinvoice.leitweg import find_leitweg_id


@pytest.mark.parametrize("text, expected", [
    ("Datum 12.03.2025", date(2025, 3, 12)),
    ("am 3. März 2024 geliefert", date(2024, 3, 3)),
    ("am 3. Marz 2024", date(2024, 3, 3)),
    ("2025-01-02", date(2025, 1, 2)),
    ("1.2.24", date(2024, 2, 1)),
    ("O1.O2.2O25", date(2025, 2, 1)),
])
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_impossible_date_is_skipped() -> None:
    assert find_dates("31.02.2025 und 30.02.2024") == []


@pytest.mark.parametrize("text, expected", [
    ("Gesamt 1.234,56 €", Decimal("1234.56")),
    ("Summe: 1 234,56 EUR", Decimal("1234.56")),
    ("EUR 99.50", Decimal("99.50")),
    ("Summe netto 1.052, 13 EUR", Decimal("1052.13")),
    ("Abzug -5,00", Decimal("-5.00")),
])
def test_amounts(text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected


def test_quantity_before_price_is_not_one_number() -> None:
    values = [a.value for a in find_amounts("Streusalz 21 114,98 2.414,58")]
    assert values == [Decimal("114.98"), Decimal("2414.58")]


def test_date_is_not_an_amount() -> None:
    assert find_amounts("Rechnung vom 12.03.2025") == []


VALID = "DE89370400440532013000"


def test_iban_checksum() -> None:
    assert is_valid_iban(VALID)
    assert not is_valid_iban("DE89370400440532013001")


def test_iban_found_with_spaces() -> None:
    assert find_iban("IBAN DE89 3704 0044 0532 0130 00\nBIC COBADEFFXXX").iban == VALID


def test_iban_letter_confusion_repaired_and_reported() -> None:
    result = find_iban("IBAN DE89 37O4 OO44 0532 Ol30 00")
    assert result.iban == VALID and result.repaired and "OCR-Korrektur" in (result.reason or "")


def test_iban_punctuation_inside_groups_skipped() -> None:
    assert find_iban("IBAN DE89 3704.0044 0532 0130.00 USt-IdNr. DE123").iban == VALID


def test_iban_wrong_checksum_without_unique_repair_is_none_with_reason() -> None:
    # digits misread as other digits are never "repaired" (a guess could produce a valid but wrong IBAN)
    result = find_iban("IBAN DE89 3704 0044 0532 0130 08")
    assert result.iban is None
    assert "Prüfsumme" in (result.reason or "")


def test_no_iban() -> None:
    result = find_iban("Bitte zahlen Sie bar.")
    assert result.iban is None and result.reason


def test_leitweg_labelled_valid_and_invalid() -> None:
    assert find_leitweg_id("Leitweg-ID: 04011000-1234512345-06").leitweg_id == "04011000-1234512345-06"
    bad = find_leitweg_id("Leitweg-ID: 991-12345-67")
    assert bad.leitweg_id is None and "ungültig" in (bad.reason or "")


def test_leitweg_on_next_line_and_unlabelled() -> None:
    assert find_leitweg_id("Leitweg-ID\n991-33333TEST-33").leitweg_id == "991-33333TEST-33"
    assert find_leitweg_id("Buyer ref 992-90009-96 bitte angeben").leitweg_id == "992-90009-96"
    assert find_leitweg_id("Tel. 05298/46568-66").leitweg_id is None


def test_short_leitweg_id_far_from_its_label_only_when_it_is_the_only_valid_one() -> None:
    # OCR read the label column and the value column apart: the short form (no Feinadressierung) still counts
    moved = "Rechnungseingang Leitweg-ID\nBestellnummer 4711\n" + "Weiterer Text\n" * 12 + "066360008003-46\n"
    assert find_leitweg_id(moved).leitweg_id == "066360008003-46"
    # without the label a short form is too common a shape to trust
    assert find_leitweg_id("Text\n066360008003-46\n").leitweg_id is None
    # two valid short forms far from the label: which one? say so rather than guess
    two = "Leitweg-ID\n" + "Weiterer Text\n" * 12 + "066360008003-46\n04011000-45\n"
    assert find_leitweg_id(two).leitweg_id is None


def test_stray_character_dropped_when_unique() -> None:
    assert find_iban("IBAN DEA89 3704 0044 0532 0130 00").iban == VALID


def test_a_stamp_date_after_the_currency_sign_is_no_amount() -> None:
    """A receipt stamp's date read onto the gross line ("16.350,48 € 22.07.2025") is not "€ 22.07"."""
    assert [a.value for a in find_amounts("Rechnungsbetrag 16.350,48 € 22.07.2025")] == [Decimal("16350.48")]
    assert [a.value for a in find_amounts("Total € 22.07")] == [Decimal("22.07")]  # an amount still is one
