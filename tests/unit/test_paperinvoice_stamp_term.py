"""An invoice date after the receipt stamp, where a one-digit misreading of the stamp would admit it: kept only
when one of the letter's payment dates lies exactly a common term (7, 10, 14, 21, 30 days) after it; otherwise
the date stays missing ("Datum oder Stempel falsch gelesen")."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.fields import PaperInvoiceFields

TODAY = date(2026, 1, 1)
LETTER = ("Bauhof Meier GmbH\nEINGANG\n{stamp}\nStadt Grauburg\nRechnungsnummer: R4711\n"
          "Rechnungsdatum: {printed}\nGesamtbetrag 100,00 €\n{terms}\n")
SKONTO = "Bei Zahlung bis {} gewähren wir 2 % Skonto, rein netto bis {}."


def _fields(stamp: str, printed: str, terms: str) -> PaperInvoiceFields:
    return extract_invoice_fields(LETTER.format(stamp=stamp, printed=printed, terms=terms), today=TODAY)


def test_a_payment_date_a_common_term_later_keeps_the_printed_date() -> None:
    fields = _fields("09.09.2025", "25.09.2025", SKONTO.format("02.10.2025", "16.10.2025"))
    assert fields.invoice_date == date(2025, 9, 25)
    assert any("Stempel ist wohl falsch gelesen" in note for note in fields.notes)
    fields = _fields("21.11.25", "2025-11-22", "Zahlbar bis zum 2025-12-06 ohne Abzug.")
    assert fields.invoice_date == date(2025, 11, 22)


def test_an_uncommon_distance_leaves_the_conflict_open() -> None:
    fields = _fields("09.09.2025", "25.09.2025", "Zahlbar bis zum 04.10.2025 ohne Abzug.")  # 9 days
    assert fields.invoice_date is None
    assert "falsch gelesen" in fields.problems["invoice_date"]


def test_a_misread_invoice_date_is_not_confirmed_by_the_true_dates_terms() -> None:
    # printed 18.11 for 13.11 (3 read as 8); the Skonto date is 7 days after the true date, 2 after the misread one
    fields = _fields("16.11.2025", "18.11.2025", SKONTO.format("20.11.2025", "04.12.2025"))
    assert fields.invoice_date is None


def test_without_payment_dates_the_conflict_stays_open() -> None:
    assert _fields("09.09.2025", "25.09.2025", "").invoice_date is None
