"""German money amounts in OCR text: ``1.234,56``, ``1 234,56``, ``1234,56 €``, ``EUR -12,00``.

An amount needs a decimal comma and exactly two decimals; English ``1,234.56`` is accepted only next to a
currency sign, so that dates like ``12.03`` are never read as money.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_GERMAN = re.compile(
    r"(?<![0-9,.])(-\s?)?(\d{1,3}(?:[.'\u202f\u00a0]\d{3})+|\d+),(?:\s(?=\d{2}\s?(?:€|EUR)))?(\d{2})(?![0-9])")
# "1 234,56" only right after a line start, a colon or a currency sign: "Menge 21 114,98" stays two numbers
_SPACED = re.compile(r"(?:^|(?<=[:€\t])|(?<=EUR))\s?(-\s?)?(\d{1,3}(?: \d{3})+),(\d{2})(?![0-9])", re.MULTILINE)
# (not "€ 22.07.2025": a date after the currency sign, a receipt stamp's beside the amount)
_ENGLISH = re.compile(
    r"(?:(?:€|EUR)\s?(-?\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})(?![0-9]|\.[0-9]))|"
    r"(?:(?<![0-9,.])(-?\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})\s?(?:€|EUR)\b)"
)


@dataclass(frozen=True, slots=True)
class FoundAmount:
    """An amount found in text and where it was."""

    value: Decimal
    start: int
    end: int


def _to_decimal(whole: str, cents: str, negative: bool) -> Decimal | None:
    digits = re.sub(r"[^0-9]", "", whole)
    try:
        value = Decimal(f"{digits}.{cents}")
    except InvalidOperation:
        return None
    return -value if negative else value


_DASH_CENTS = re.compile(r"(?<![0-9,.])(-\s?)?(\d{1,3}(?:\.\d{3})+|\d+),[-–](?![0-9-])")
# in a totals line "Gesamtbetrag 1 234,56" the spaced group follows the label word (no quantity stands there)
_SPACED_AFTER_WORD = re.compile(r"(?<=[A-Za-zÄÖÜäöüß.:)%] )(-\s?)?(\d{1,3}(?: \d{3})+),(\d{2})(?![0-9])")


# "586, 40" ending a totals line: OCR put a space after the decimal comma (a damaged reading, to be confirmed)
_SPACED_CENTS_END = re.compile(r"(?<![0-9,.])(-\s?)?(\d{1,3}(?:\.\d{3})+|\d+), (\d{2})\s*(?:€|EUR)?\s*$")


def damaged_amount(text: str) -> FoundAmount | None:
    """The amount ending ``text`` when OCR split its cents off by a space ("EUR 586, 40"), else None.

    Only for a line that has no regular amount; the caller must confirm the value (by net + VAT = gross)."""
    if find_amounts(text, totals_line=True):
        return None
    m = _SPACED_CENTS_END.search(text)
    if m is None:
        return None
    value = _to_decimal(m.group(2), m.group(3), bool(m.group(1)))
    return None if value is None else FoundAmount(value, m.start(), m.end())


def find_amounts(text: str, totals_line: bool = False) -> list[FoundAmount]:
    """All money amounts in ``text`` in reading order.

    ``totals_line``: the text is a labelled total, so "1 234,56" after the label word is one amount (in an item
    line "Streusalz 21 114,98" it would be a quantity and a price)."""
    found: list[FoundAmount] = []
    for m in _GERMAN.finditer(text):
        value = _to_decimal(m.group(2), m.group(3), bool(m.group(1)))
        if value is not None:
            found.append(FoundAmount(value, m.start(), m.end()))
    spaced = list(_SPACED.finditer(text)) + (list(_SPACED_AFTER_WORD.finditer(text)) if totals_line else [])
    for m in spaced:
        value = _to_decimal(m.group(2), m.group(3), bool(m.group(1)))
        if value is not None:
            found = [f for f in found if not (f.start < m.end() and m.start() < f.end)]
            found.append(FoundAmount(value, m.start(), m.end()))
    for m in _ENGLISH.finditer(text):
        whole, cents = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        value = _to_decimal(whole.lstrip("-"), cents, whole.startswith("-"))
        if value is not None:
            found.append(FoundAmount(value, m.start(), m.end()))
    for m in _DASH_CENTS.finditer(text):  # "1.234,- €": whole euros
        if not any(f.start < m.end() and m.start() < f.end for f in found):
            value = _to_decimal(m.group(2), "00", bool(m.group(1)))
            if value is not None:
                found.append(FoundAmount(value, m.start(), m.end()))
    # "MwSt. 19,00 %" is a rate, not money
    found = [f for f in found if not re.match(r"\s?%", text[f.end:f.end + 2])]
    found.sort(key=lambda f: f.start)
    return found


def parse_amount(text: str) -> Decimal | None:
    """The last amount in ``text`` (totals print the figure after the label) or None."""
    amounts = find_amounts(text)
    return amounts[-1].value if amounts else None
