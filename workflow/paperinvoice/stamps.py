"""Receipt stamps and scanner debris in OCR lines.

A receipt stamp ("EINGEGANGEN" / "08.11.2024") is pressed onto the letter wherever there is room, so OCR reads
it into the middle of an info block or a column of values. ``split_stamps`` takes stamp lines (and the date
line that belongs to them) out of the text and returns the stamp date: the latest day the invoice can carry.
Lines with less than two letters or digits (punch holes, pen marks: "„ . i", "©", "1") are dropped as well.
Pure: lines in, lines and date out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.labels import LabelKind, classify_label

_STAMP_WORDS = frozenset({"eingegangen", "eingang", "posteingang", "eing", "eingegangenam", "eingangam",
                          "eingangsstempel", "erhalten", "erhaltenam"})
_FOLD_KEEP = re.compile(r"[^a-z]")


@dataclass(frozen=True, slots=True)
class Stamped:
    """Lines without stamps and debris, and the first receipt-stamp date (None when there is none)."""

    lines: list[str]
    stamp: date | None


def _stamp_word(text: str) -> bool:
    key = _FOLD_KEEP.sub("", text.lower().replace("ä", "a"))
    if key in _STAMP_WORDS:
        return True
    found = classify_label(text)
    return found is not None and found[0] is LabelKind.NOT_INVOICE_DATE and key.startswith(("eing", "post"))


def _debris(line: str) -> bool:
    return sum(ch.isalnum() for ch in line) < 2


def split_stamps(lines: list[str]) -> Stamped:
    """Take receipt stamps and debris out of ``lines``; see the module text."""
    out: list[str] = []
    stamp: date | None = None
    skip_next = False
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if _debris(line):
            continue
        dates = find_dates(line)
        words = line[:dates[0].start] if dates else line
        if len(line) < 40 and words.strip() and _stamp_word(words.strip(" :")):
            if dates:
                stamp = stamp or dates[0].value
            elif i + 1 < len(lines):
                nxt = find_dates(lines[i + 1])
                if nxt and len(lines[i + 1].strip()) <= nxt[0].end - nxt[0].start + 3:
                    stamp = stamp or nxt[0].value
                    skip_next = True
            continue
        out.append(line)
    return Stamped(out, stamp)
