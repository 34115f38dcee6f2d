"""Plausibility and cross-checks: invoice-date context and repairs, totals arithmetic, IBAN repairs, stamps."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.amounts import find_amounts
from workflow.paperinvoice.dates import parse_date
from workflow.paperinvoice.iban import find_iban
from workflow.paperinvoice.invoicedate import DateContext, check
from workflow.paperinvoice.stamps import split_stamps
from workflow.paperinvoice.totals import find_totals, label_kind

TODAY = date(2026, 1, 1)


def test_date_after_receipt_stamp_is_implausible() -> None:
    ctx = DateContext(stamp=date(2025, 1, 15), others=(), today=TODAY)
    assert ctx.problem(date(2025, 1, 20)) is not None
    assert ctx.problem(date(2025, 1, 10)) is None


def test_year_damaged_repaired_from_stamp_uniquely() -> None:
    ctx = DateContext(stamp=date(2025, 1, 15), others=(date(2024, 12, 28),), today=TODAY)
    result = check("10.01.2098", ctx)
    assert result.value == date(2025, 1, 10)
    assert "korrigiert" in (result.reason or "")


def test_damaged_year_without_context_is_none_with_reason() -> None:
    result = check("10.01.2098", DateContext(stamp=None, others=(), today=TODAY))
    assert result.value is None and "2027" in (result.reason or "")


def test_digit_confusion_repaired_only_when_unique() -> None:
    # 8 read for 0 in the year: 2085 -> 2025 is the only look-alike close to the stamp
    ctx = DateContext(stamp=date(2025, 3, 20), others=(), today=TODAY)
    assert check("14.03.2825", ctx).value == date(2025, 3, 14)


def test_letters_in_dates() -> None:
    assert parse_date("14. Jan. 2o23") == date(2023, 1, 14)
    assert parse_date("2O24-12-02") == date(2024, 12, 2)


def test_unlabelled_letterhead_date_with_bad_year_uses_context() -> None:
    text = ("Muster GmbH · Weg 5 · 12345 Ort\nStadt Rosenbrück 10.01.2098\nLieferdatum\n28.12.2024\n"
            "Rechnung Nr. 2517220\nNettobetrag 10,00 €\nzzgl. 19 % MwSt. 1,90 €\nRechnungsbetrag 11,90 €\n"
            "Zahlbar bis zum 09.02.2025.\n")
    f = extract_invoice_fields(text, today=TODAY)
    assert f.invoice_date == date(2025, 1, 10)
    assert any("Jahr aus den übrigen Daten" in n for n in f.notes)


def test_stamp_lines_are_taken_out_with_their_date() -> None:
    stamped = split_stamps(["Rechnungsnummer", "EINGEGANGEN", "08.11.2024", "„ . i", "4711"])
    assert stamped.lines == ["Rechnungsnummer", "4711"] and stamped.stamp == date(2024, 11, 8)


@pytest.mark.parametrize("text, value", [
    ("Summe 1.234,56 €", "1234.56"), ("Summe 1 234,56", "1234.56"), ("Summe 1234.56 EUR", "1234.56"),
    ("Summe € 1.234,56", "1234.56"), ("Summe 1,234.56 EUR", "1234.56"), ("EUR 1 234,56", "1234.56"),
])
def test_amount_formats(text: str, value: str) -> None:
    assert [str(a.value) for a in find_amounts(text, totals_line=True)] == [value]


def test_spaced_total_after_label_read_whole_by_totals() -> None:
    t = find_totals("Summe netto 1 000,00\nUSt 19 % 190,00\nGesamtbetrag 1 190,00")
    assert (t.net, t.gross) == (Decimal("1000.00"), Decimal("1190.00"))


def test_rate_is_not_an_amount() -> None:
    assert [str(a.value) for a in find_amounts("MwSt. 19,00 % 294,63 €")] == ["294.63"]


@pytest.mark.parametrize("label, kind", [
    ("Gesamt neto", "net"), ("Ncttosumme", "net"), ("zzgl. 19 % MwSt.", "vat"), ("Gešamtsummc", "gross"),
    ("Zu zahlcn", "gross"), ("abzgl. 2 % Skonto", "other"), ("Gerüst Standmiete", None),
])
def test_total_labels(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


def test_totals_label_column_then_amount_column_with_debris_and_stamp() -> None:
    text = ("Nettobetrag\n19% Umsatzsteuer\nMwt 7,0 %\nGesamt brutto\nSs\n43331.04 EUR 4116,45 €\n1.516,59 EUR\n"
            "EINGANG\n29.07.2025\n€ 48.964,08\n")
    t = find_totals(text)
    assert (t.net, t.vat, t.gross, t.consistent) == (Decimal("43331.04"), Decimal("5633.04"), Decimal("48964.08"),
                                                     True)


def test_totals_merged_line_and_vat_base() -> None:
    text = "Gesamt netto 1.000,00 € + 19 % USt auf 1.000,00 190,00 €\nEndbetrag 1.190,00 €"
    t = find_totals(text)
    assert (t.net, t.vat, t.gross) == (Decimal("1000.00"), Decimal("190.00"), Decimal("1190.00"))


def test_totals_arithmetic_chooses_among_gross_candidates() -> None:
    text = ("Summe netto 500,00\nUSt 19 % 95,00\nGesamtbetrag 595,00 €\nabzgl. 2 % Skonto 11,90 €\n"
            "Zahlbetrag bei Skonto 583,10 €\n")
    t = find_totals(text)
    assert t.gross == Decimal("595.00") and t.consistent


def test_tax_exempt_invoice_gross_equals_net() -> None:
    t = find_totals("Summe Positionen 3.957,44 €\nGesatsume 3.957,44 €\nUmsatzsteuerfrei nach § 19 UStG.")
    assert (t.net, t.vat, t.gross) == (Decimal("3957.44"), Decimal("0.00"), Decimal("3957.44"))


def test_totals_that_do_not_add_up_keep_gross_and_say_so() -> None:
    t = find_totals("Nettobetrag 100,00 €\nUSt 19 % 17,00 €\nRechnungsbetrag 119,00 €")
    assert t.gross == Decimal("119.00") and t.net is None and not t.consistent
    assert "nicht den Bruttobetrag" in t.reasons["net"]


def test_iban_letter_part_of_dutch_bban_and_damaged_check_digits() -> None:
    assert find_iban("IBAN NL91 ABNA 0417 l643 00").iban == "NL91ABNA0417164300"
    assert find_iban("IBAN DEB9 3704 0044 0532 0130 00").iban == "DE89370400440532013000"


def test_iban_letter_repair_preferred_over_dropping_a_character() -> None:
    result = find_iban("Iban DE8937040044O532013000 BIC COBADEFFXXX")
    assert result.iban == "DE89370400440532013000" and result.repaired


def test_letter_in_numeric_bban_is_never_valid() -> None:
    from workflow.paperinvoice.iban import is_valid_iban

    assert not is_valid_iban("DE29564411894S70008902")  # passes mod 97, but a German BBAN has only digits
    assert find_iban("IBAN DE29 5644 1189 4S70 0089 02").iban == "DE29564411894570008902"


def test_whole_euro_amounts_with_dash() -> None:
    assert [str(a.value) for a in find_amounts("Gesamtbetrag 1.190,- €")] == ["1190.00"]
    t = find_totals("Nettobetrag 1.000,- €\nzzgl. 19 % MwSt. 190,- €\nGesamtbetrag 1.190,- €")
    assert (t.net, t.vat, t.gross) == (Decimal("1000.00"), Decimal("190.00"), Decimal("1190.00"))


@pytest.mark.parametrize("text, expected", [
    ("12.03,2025", date(2025, 3, 12)), ("12,03.2025", date(2025, 3, 12)), ("12-03-2025", date(2025, 3, 12)),
])
def test_loosely_separated_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_loose_dates_do_not_eat_amounts_or_numbers() -> None:
    assert parse_date("Summe 1.234,56") is None and parse_date("24-38281") is None
    assert parse_date("12,03,2025") is None  # two commas: not read as a date
