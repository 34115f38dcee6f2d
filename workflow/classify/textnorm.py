"""Text folding shared by features, rules and segments: lower case, umlauts to base letters, digits to 0."""
from __future__ import annotations

import re

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "í": "i"})
_DIGITS = re.compile(r"[0-9]")


def fold(text: str) -> str:
    """Lower-case, umlauts to base letters, all digits to 0."""
    return _DIGITS.sub("0", text.lower().translate(_FOLD))
