"""Text -> sparse features for the linear model; tolerant of OCR damage.

Text is lower-cased and folded (ä->a, ß->ss, digits->0) so that OCR losing umlauts still matches. Features:
``w:`` words, ``b:`` word pairs, ``c:`` character 4-grams inside words (robust to single wrong letters) and
``s:`` words of the subject line (Betreff, or the line before the salutation), which carry most of a letter's
meaning. Values are 1 + log(tf), the vector is L2-normalised.
"""
from __future__ import annotations

import math
import re

FEATURE_VERSION = 1
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "í": "i", "0": "0"})
_DIGITS = re.compile(r"[0-9]")
_WORD = re.compile(r"[a-z]{2,}")
_SALUTATION = re.compile(r"^(sehr geehrte|guten tag|hallo|liebe|sg\b|moin)", re.IGNORECASE)
_SUBJECT = re.compile(r"^(betreff|betr\.|betrifft|bezug)\s*:?\s*", re.IGNORECASE)
_STOP = frozenset("der die das und in zu den mit von fur auf im ist ein eine wir sie ihr ihre ihnen bei des dem an "
                  "oder als nach zur zum uns unser unsere sich es nicht wird werden hat haben bitte".split())


def fold(text: str) -> str:
    """Lower-case, umlauts to base letters, all digits to 0."""
    return _DIGITS.sub("0", text.lower().translate(_FOLD))


def subject_line(text: str) -> str:
    """The subject: a line starting with Betreff/Betr., else the line before the salutation, else ''."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines[:40]:
        m = _SUBJECT.match(ln)
        if m:
            return ln[m.end():]
    for i, ln in enumerate(lines[:45]):
        if _SALUTATION.match(ln) and i > 0:
            return lines[i - 1]
    return ""


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def extract(text: str) -> dict[str, float]:
    """Sparse, normalised feature vector of ``text``."""
    counts: dict[str, float] = {}

    def add(key: str, amount: float = 1.0) -> None:
        counts[key] = counts.get(key, 0.0) + amount

    toks = words(text)
    content = [t for t in toks if t not in _STOP]
    for t in content:
        add("w:" + t)
        if len(t) >= 5:
            padded = f"<{t}>"
            for i in range(len(padded) - 3):
                add("c:" + padded[i:i + 4], 0.25)
    for a, b in zip(content, content[1:]):
        add(f"b:{a}_{b}")
    for t in words(subject_line(text)):
        if t not in _STOP:
            add("s:" + t, 2.0)
    vec = {k: 1.0 + math.log(v) if v >= 1 else v for k, v in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}
