"""Unopened flags and deadlines (pure functions on text)."""
from __future__ import annotations

from datetime import date

import pytest

from workflow.classify.deadlines import add_month, court_deadline, letter_date, widerspruch_deadline
from workflow.classify.flags import unopened_flags


def test_confidential_marking_in_address_zone() -> None:
    flags, reason = unopened_flags("Persönlich / Vertraulich\nHerrn Bürgermeister\nStadt X\nSehr geehrter Herr X,\n")
    assert flags == ("vertraulich", "unopened") and reason


def test_personalrat_recipient() -> None:
    flags, _ = unopened_flags("An den\nPersonalrat der Stadt X\nMarkt 1\n12345 X\nBetreff: Anfrage\n")
    assert "personalrat" in flags and "unopened" in flags


def test_vertraulich_in_body_is_no_marking() -> None:
    text = "Firma A\nStadt X\nSehr geehrte Damen und Herren,\nIhre Daten werden vertraulich behandelt.\n"
    assert unopened_flags(text) == ((), None)


@pytest.mark.parametrize("d, expected", [
    (date(2025, 1, 31), date(2025, 2, 28)), (date(2024, 1, 31), date(2024, 2, 29)), (date(2025, 12, 5), date(2026, 1, 5)),
])
def test_add_month(d: date, expected: date) -> None:
    assert add_month(d) == expected


def test_widerspruch_deadline_from_bescheid_date() -> None:
    # Bescheid 2024: notification on the 3rd day (10.05. + 3 = 13.05.), + 1 month = 13.06.2024 (Thursday)
    d = widerspruch_deadline("gegen Ihren Bescheid vom 10.05.2024 lege ich Widerspruch ein.")
    assert d.value == date(2024, 6, 13) and "§ 70 VwGO" in d.reason


def test_widerspruch_deadline_2025_four_days_and_weekend() -> None:
    # Bescheid 2025: 4th day (05.02. -> 09.02.), + 1 month = 09.03.2025 is a Sunday -> Monday 10.03.
    d = widerspruch_deadline("Widerspruch gegen den Grundsteuerbescheid vom 5. Februar 2025")
    assert d.value == date(2025, 3, 10)


def test_widerspruch_without_date_is_none_with_reason() -> None:
    d = widerspruch_deadline("Hiermit lege ich Widerspruch ein.")
    assert d.value is None and "manuell" in d.reason


def test_court_deadline_earliest_after_letter_date_and_eeb() -> None:
    text = ("Datum 01.06.2025\nTermin zur mündlichen Verhandlung am 20.07.2025.\n"
            "Stellungnahme bis zum 30.06.2025.\nBitte Empfangsbekenntnis zurücksenden.")
    assert letter_date(text) == date(2025, 6, 1)
    d = court_deadline(text, letter_date(text))
    assert d.value == date(2025, 6, 30) and d.eeb
