"""A date whose year is "20" at the end of its line ("vom 28.03.20") is rather "2025" cut at the edge than 2020:
it does not make a clean invoice date implausible; a "20" year inside a line still does."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields

TODAY = date(2026, 1, 1)
LETTER = ("Tiedemann IT-Systemhaus GmbH\nBelegnummer: INV-B12917\nGutschriftsdatum: 03.05.2025\n"
          "Kundennummer: 239762\n{order}\nBetrag EUR\n1.156,26\n")


def _date(order: str) -> date | None:
    return extract_invoice_fields(LETTER.format(order=order), today=TODAY).invoice_date


def test_a_century_cut_order_date_does_not_refute_the_invoice_date() -> None:
    assert _date("Ihre Bestellung: BE 7324 vom 28.03.20") == date(2025, 5, 3)


def test_a_two_digit_year_inside_the_line_still_counts() -> None:
    assert _date("Ihre Bestellung: BE 7324 vom 28.03.20 (Rahmenvertrag)") is None
    assert _date("Ihre Bestellung: BE 7324 vom 28.03.2020") is None
