"""Text folding shared by features, rules and segments: lower case, umlauts to base letters, digits to 0."""
from __future__ import annotations

import re

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "í": "i"})
_DIGITS = re.compile(r"[0-9]")


def fold(text: str) -> str:
    """Lower-case, umlauts to base letters, all digits to 0."""
    return _DIGITS.sub("0", text.lower().translate(_FOLD))


# a letter's salutation line, on folded text ("Grüß Gott" -> "gruss gott"; OCR may lose one s)
_SALUTATION = re.compile(r"(sehr geehrte|geehrte|verehrte|guten tag|hallo|liebe|sg (damen|frau|herr)|moin|servus|gruss? gott)")


def is_salutation(line: str) -> bool:
    """True for a line that opens a letter's body ("Sehr geehrte Damen und Herren,", "Grüß Gott Frau Huber")."""
    return _SALUTATION.match(fold(line.strip())) is not None
