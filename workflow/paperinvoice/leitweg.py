"""Leitweg-ID search in OCR text, verified with the ISO 7064 MOD 97-10 check digits (python-stdnum)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.de import leitweg
from stdnum.exceptions import ValidationError

_LABEL = re.compile(r"Leitweg[\s-]*(?:ID|1D|lD|Id|-?Nr\.?|nummer)?", re.IGNORECASE)
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z-])([0-9OolI]{2,12}(?:\s?-\s?[0-9A-Z]{1,30})?\s?-\s?[0-9OolI]{2})(?![0-9A-Za-z])")


@dataclass(frozen=True, slots=True)
class LeitwegResult:
    """The verified Leitweg-ID or None and why."""

    leitweg_id: str | None
    reason: str | None


def _clean(raw: str) -> str:
    parts = [p.strip() for p in raw.split("-")]
    fix = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
    parts[0] = parts[0].translate(fix)
    parts[-1] = parts[-1].translate(fix)
    return "-".join(parts).upper()


def find_leitweg_id(text: str) -> LeitwegResult:
    """The Leitweg-ID printed on the invoice: a labelled one (checked) or an unlabelled valid one."""
    for label in _LABEL.finditer(text):
        window = text[label.end(): label.end() + 80]
        m = _CANDIDATE.search(window)
        if m is None:
            continue
        cleaned = _clean(m.group(1))
        try:
            return LeitwegResult(leitweg.validate(cleaned), None)
        except ValidationError as exc:
            return LeitwegResult(None, f"Leitweg-ID {cleaned} ungültig ({exc.message}) - am Original prüfen")
    valid = list(dict.fromkeys(c for c in (_clean(m.group(1)) for m in _CANDIDATE.finditer(text))
                               if leitweg.is_valid(c)))  # in text order, each once
    # Unlabelled, only the long form (with Feinadressierung) is distinctive enough; when the label is printed
    # but OCR moved its value away (columns read apart), the short form counts too if it is the only valid one.
    long_form = [c for c in valid if c.count("-") >= 2]
    if long_form:
        return LeitwegResult(leitweg.validate(long_form[0]), None)
    if _LABEL.search(text) and len(valid) == 1:
        return LeitwegResult(leitweg.validate(valid[0]), None)
    return LeitwegResult(None, "keine Leitweg-ID angegeben")
