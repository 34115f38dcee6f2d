"""The invoice number: the surest labelled value, repaired only where OCR put a letter between digits.

Order of evidence: a label that names the invoice ("Rechnungsnummer", "Gutschrift-Nr.") beats "Beleg-Nr." beats
a bare "Nr."/"Nummer"; a value on the label's own line or the next line beats one paired by column position;
a subject line "Rechnung 4711" comes last. A letter between two digits ("2O25", "5G701") is read as the digit
it resembles - numbers like "A123456" or "RE-2025-1" keep their letters, which sit at the start of a part.
Pure: lines and pairings in, (number or None, reason) out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.infoblock import Pairing, clean_number, fits
from workflow.paperinvoice.labels import LabelKind

_LOOKS_LIKE = {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "G": "6",
               "Z": "2"}
_INTERIOR = re.compile(r"(?<=[0-9])([OoDQlI|SBGZ]{1,2})(?=[0-9])")
# after a separator that follows digits: "39642/Z6" -> the part after "/" is a digit group with a damaged start
_PART_START = re.compile(r"(?<=[0-9][/.\-])([OolISBGZ])(?=[0-9]+(?:$|[/.\-]))")
_SUBJECT = re.compile(
    r"^(?:Rechnung|Gutschrift|Rechnungskorrektur|Schlussrechnung|Abschlagsrechnung|Stornorechnung|Teilrechnung|"
    r"Korrekturrechnung|RECHNUNG|GUTSCHRIFT)(?:\s*[-/]\s*\w+)?\s*(?:Nr\.?|Nummer|No\.?|#)?\s*:?\s+(\S+)",
)
_HOW_RANK = {"same line": 0, "next line": 0, "header row": 1, "label column": 2}
_VALUE = re.compile(r"^[A-Z0-9ÄÖÜ][A-Z0-9ÄÖÜ/_.\-|]*$", re.IGNORECASE)
_PHONE_LIKE = re.compile(r"^\+?\d{2,5}[ /-]\d{3,}")


@dataclass(frozen=True, slots=True)
class NumberResult:
    """The invoice number (None when not found) and a reason or repair note."""

    value: str | None
    reason: str | None


def repair_number(raw: str) -> tuple[str, bool]:
    """OCR letters between digits read back as digits; returns (number, repaired)."""
    fixed = _INTERIOR.sub(lambda m: "".join(_LOOKS_LIKE[c] for c in m.group(1)), raw)
    fixed = _PART_START.sub(lambda m: _LOOKS_LIKE[m.group(1)], fixed)
    return fixed, fixed != raw


def _acceptable(value: str) -> bool:
    if len(value) < 2 or not _VALUE.match(value) or not any(ch.isdigit() for ch in value):
        return False
    if find_dates(value) or _PHONE_LIKE.match(value):
        return False
    return True


def find_invoice_number(lines: list[str], pairings: list[Pairing]) -> NumberResult:
    """The invoice number from the labelled pairs, else from a subject line "Rechnung Nr. X"."""
    ranked = sorted((p for p in pairings if p.kind is LabelKind.NUMBER and fits(LabelKind.NUMBER, p.value)),
                    key=lambda p: (-p.strength, _HOW_RANK[p.how], p.line))
    values = [(clean_number(p.value), f"{p.label.strip()} ({p.how})") for p in ranked]
    for line in lines[:60]:
        m = _SUBJECT.match(line)
        if m and not re.match(r"(?:vom|zu|über|für)\b", m.group(1), re.IGNORECASE):
            values.append((clean_number(m.group(1)), "Betreffzeile"))
    for raw, where in values:
        if not _acceptable(raw):
            continue
        fixed, repaired = repair_number(raw)
        if repaired:
            return NumberResult(fixed, f"OCR-Korrektur Buchstabe zwischen Ziffern: {raw} -> {fixed} ({where})")
        return NumberResult(fixed, None)
    return NumberResult(None, "Rechnungsnummer nicht gefunden - bitte am Original ablesen")
