"""Text rows rebuilt from word boxes: the words printed side by side on one line, whatever tesseract's blocks.

Tesseract's page layout analysis may read a label column and its value column as two blocks ("Rg.-Nr.:" /
"Datum:" ... then "VR 7295/25" / "5. Januar 2025"). Words whose vertical extents overlap by at least half the
smaller height form one row, ordered left to right; a gap wider than WIDE_GAP times the row's median word height
is kept as three spaces. Tesseract sometimes reads the same ink twice, as two of its lines (a line split by skew:
". : INV-L91" above "Rechnungsnummer: INV-L91282"); in a row such twins overlap and read alike, and only the
wider reading (the one that covers more of the ink) is kept. Words that overlap but read differently stay (a
stamp's word pressed over a printed value is other ink). Pure: words in, text out.
"""
from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from statistics import median

from workflow.ocr.model import Word

MIN_OVERLAP = 0.5  # part of the smaller word height two words of one row share
TWIN_OVERLAP = 0.5  # part of the narrower word's width two readings of the same ink share
TWIN_LIKENESS = 0.6  # difflib ratio of their letters and digits at least
WIDE_GAP = 1.5  # a gap wider than this many word heights separates columns
WIDE = "   "


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / max(1, min(a[1] - a[0], b[1] - b[0]))


def word_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into rows (top to bottom), each row left to right."""
    rows: list[tuple[tuple[int, int], list[Word]]] = []
    for word in sorted((w for w in words if w.text.strip()), key=lambda w: ((w.y0 + w.y1) / 2, w.x0)):
        span = (word.y0, word.y1)
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):  # the last few rows only
            if _overlap(rows[k][0], span) >= MIN_OVERLAP:
                (top, bottom), members = rows[k]
                rows[k] = ((min(top, word.y0), max(bottom, word.y1)), members + [word])
                break
        else:
            rows.append((span, [word]))
    return [_without_twins(sorted(members, key=lambda w: w.x0)) for _, members in rows]


def _without_twins(row: list[Word]) -> list[Word]:
    """``row`` without the narrower of two words from different tesseract lines that cover the same ink."""
    dropped: set[int] = set()
    for i, a in enumerate(row):
        for j in range(i + 1, len(row)):
            b = row[j]
            if b.x0 >= a.x1:
                break  # sorted by x0: no later word reaches back into ``a``
            if a.line == b.line or i in dropped or j in dropped:
                continue
            shared = min(a.x1, b.x1) - b.x0
            if shared >= TWIN_OVERLAP * max(1, min(a.x1 - a.x0, b.x1 - b.x0)) and _alike(a.text, b.text):
                dropped.add(j if (b.x1 - b.x0) < (a.x1 - a.x0) else i)
    return [word for k, word in enumerate(row) if k not in dropped]


def rows_text(words: Sequence[Word]) -> str:
    """The words as text rows, one per line, wide gaps as three spaces."""
    lines: list[str] = []
    for row in word_rows(words):
        height = median(w.y1 - w.y0 for w in row)
        parts = [row[0].text.strip()]
        for before, word in pairwise(row):
            parts.append(WIDE if word.x0 - before.x1 > WIDE_GAP * height else " ")
            parts.append(word.text.strip())
        lines.append("".join(parts))
    return "\n".join(lines)


def _alike(a: str, b: str) -> bool:
    """Two readings whose letters and digits are mostly the same ("INV-L91" / "INV-L91282")."""
    a, b = "".join(c for c in a if c.isalnum()), "".join(c for c in b if c.isalnum())
    return bool(a and b) and SequenceMatcher(None, a, b).ratio() >= TWIN_LIKENESS
