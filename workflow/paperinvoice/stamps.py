"""Receipt stamps and scanner debris in OCR lines.

A receipt stamp ("EINGEGANGEN" / "08.11.2024") is pressed onto the letter wherever there is room, so OCR reads
it into the middle of an info block or a column of values. ``split_stamps`` takes stamp lines (and the date
line that belongs to them) out of the text and returns the stamp date: the latest day the invoice can carry.
Lines with less than two letters or digits (punch holes, pen marks: "„ . i", "©", "1") are dropped as well.
A stamp word OCR ran into a label ("Beleg-Nr.Poststelle") is cut off the label; a date-only line beside a lone
"Poststelle" line (a stamp whose "Eingang" was lost), or the date ending the line right under a lone stamp word
whose date stands on no line of its own, may be the stamp's and is kept out of the invoice date.
Pure: lines in, lines and date out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.labels import LabelKind, classify_label, find_labels, is_label_only

_STAMP_WORDS = frozenset({"eingegangen", "eingang", "posteingang", "eing", "eingegangenam", "eingangam",
                          "eingangsstempel", "erhalten", "erhaltenam"})
_FOLD_KEEP = re.compile(r"[^a-z]")


@dataclass(frozen=True, slots=True)
class Stamped:
    """Lines without stamps and debris, and the first receipt-stamp date (None when there is none)."""

    lines: list[str]
    stamp: date | None
    suspects: frozenset[date] = frozenset()  # dates printed right after a torn stamp word: maybe the stamp's


def _stamp_word(text: str) -> bool:
    key = _FOLD_KEEP.sub("", text.lower().replace("ä", "a"))
    if key in _STAMP_WORDS:
        return True
    found = classify_label(text)
    return found is not None and found[0] is LabelKind.NOT_INVOICE_DATE and key.startswith(("eing", "post"))


_FRAGMENT_WORDS = ("eingegangen", "eingang")
FRAGMENT_LOOKAHEAD = 2  # lines after a torn stamp word whose last date may be the stamp's
_REFERS_BACK = re.compile(r"\b(?:vom|am|bis|ab)\s*$", re.IGNORECASE)  # "Bestellung vom 4. April 2025"
STAMP_DATE_LOOKAHEAD = 3  # lines after a lone stamp word that may hold its date alone


def _torn_stamp_word(line: str) -> bool:
    """The line ends in a piece of a stamp word that OCR tore from its stamp ("... EINGA", "... gegangen",
    "... EING ANG")."""
    tail = _FOLD_KEEP.sub("", " ".join(line.split()[-2:]).lower())
    last = _FOLD_KEEP.sub("", line.split()[-1].lower()) if line.split() else ""
    for key in (last, tail):
        if len(key) >= 4 and any(word.startswith(key) or word.endswith(key) and len(key) >= 6
                                 for word in _FRAGMENT_WORDS):
            return True
    return False


STAMP_NEAR_LINES = 1  # lines above and below a row in which a stamp word counts as near


def stamp_word_near(lines: list[str], k: int) -> bool:
    """A stamp word, whole ("Eingang") or torn ("Einge gang", "... EINGA"), stands on line ``k`` or within
    STAMP_NEAR_LINES of it."""
    for line in lines[max(0, k - STAMP_NEAR_LINES):k + 1 + STAMP_NEAR_LINES]:
        if line.split() and (_torn_stamp_word(line) or any(_stamp_word(word) for word in line.split())):
            return True
    return False


def _suspects(lines: list[str]) -> set[date]:
    """Dates ending one of the FRAGMENT_LOOKAHEAD lines after a torn stamp word."""
    out: set[date] = set()
    for i, line in enumerate(lines):
        if not line.split() or not _torn_stamp_word(line):
            continue
        for nxt in lines[i + 1:i + 1 + FRAGMENT_LOOKAHEAD]:
            dates = find_dates(nxt)
            if dates and len(nxt.rstrip(" .")) - dates[-1].end <= 1 and \
                    not _REFERS_BACK.search(nxt[:dates[-1].start]):
                out.add(dates[-1].value)
    return out


def _date_only(line: str) -> date | None:
    found = find_dates(line)
    if found and len(line.strip()) <= found[0].end - found[0].start + 3:
        return found[0].value
    return None


_PLACE_COMMA = re.compile(r",\s*(?:den\s+)?$")  # "Celle, 2.8.2025": the letter's own place and date


def _date_ending(line: str) -> date | None:
    """The date that ends ``line`` when no date label, no "vom" and no place with its comma ("Celle, 2.8.2025":
    the letter's date) stands before it ("Stadt Brackenau 11.06.2025" under a lone "EINGANG": the stamp's date
    OCR ran onto an address line), else None."""
    found = find_dates(line)
    if not found or len(line.rstrip(" .")) - found[-1].end > 1:
        return None
    before = line[:found[-1].start]
    if _REFERS_BACK.search(before) or _PLACE_COMMA.search(before) or \
            any(h.kind is LabelKind.DATE for h in find_labels(before)):
        return None
    return found[-1].value


def _debris(line: str) -> bool:
    return sum(ch.isalnum() for ch in line) < 2


# the stamp's own word that OCR ran into a label of the info block below it ("Beleg-Nr.Poststelle")
_STAMP_TAIL = re.compile(r"(?:(?<=[.:\-])|\s+)(?:Poststelle|Posteingang|Eingegangen|Eingang)\W*$")


def _without_stamp_tail(line: str) -> str:
    """``line`` without a stamp word at its end when labels and punctuation are all that stand before it
    ("Beleg-Nr.Poststelle" -> "Beleg-Nr."): the label then waits for its value on the next line."""
    tail = _STAMP_TAIL.search(line)
    if tail is None or tail.start() == 0:
        return line
    head = line[:tail.start()]
    hits = find_labels(head)
    if not hits or not is_label_only(head[hits[-1].end:]) or hits[-1].kind is LabelKind.NOT_INVOICE_DATE:
        return line
    return head


# a value with the stamp's word run after it ("25/002 EINGANG": the stamp pressed beside the number)
_VALUE_THEN_WORD = re.compile(r"^(\S*[0-9]\S*)\s+([A-Za-zÄÖÜäöü]+)\W*$")


def _value_before_stamp_word(line: str) -> str | None:
    """The value of a line without a date that is one value followed by a stamp word, else None."""
    m = _VALUE_THEN_WORD.match(line)
    if m is None or not _stamp_word(m.group(2)):
        return None
    return m.group(1)


def split_stamps(lines: list[str]) -> Stamped:
    """Take receipt stamps and debris out of ``lines``; see the module text."""
    out: list[str] = []
    stamp: date | None = None
    skip: set[int] = set()
    post_dates: set[date] = set()
    for i, line in enumerate(lines):
        # "11.04.25" / "Poststelle": a stamp whose word "Eingang" OCR lost; its date, right above or below,
        # may be the stamp's (the lines stay: a torn stamp word before them looks a fixed number of lines on)
        if _FOLD_KEEP.sub("", line.lower()) == "poststelle":
            beside = (_date_only(lines[j]) for j in (i - 1, i + 1) if 0 <= j < len(lines))
            post_dates.update(d for d in beside if d is not None)
        if i in skip:
            continue
        if _debris(line):
            continue
        dates = find_dates(line)
        words = line[:dates[0].start] if dates else line
        value = None if dates else _value_before_stamp_word(line)  # (its dates were just found)
        if len(line) < 40 and words.strip() and (value is not None or _stamp_word(words.strip(" :"))):
            if value is not None:
                out.append(value)  # the stamp's word goes, the value stays
            if dates:
                stamp = stamp or dates[0].value
            else:
                # the stamp's date on a line of its own, at most STAMP_DATE_LOOKAHEAD lines below the word
                for j in range(i + 1, min(len(lines), i + 1 + STAMP_DATE_LOOKAHEAD)):
                    alone = _date_only(lines[j])
                    if alone is not None:
                        stamp = stamp or alone
                        skip.add(j)
                        break
                else:
                    # a date ending one of those lines after debris ("FRes2g725 28. April 2025": the stamp's date
                    # beside a value it covered, a label line between) may be the stamp's
                    for j in range(i + 1, min(len(lines), i + 1 + STAMP_DATE_LOOKAHEAD)):
                        below = _date_ending(lines[j])
                        if below is not None:
                            post_dates.add(below)
                            break
            continue
        out.append(_without_stamp_tail(line))
    suspects = _suspects(out) | post_dates
    if stamp is None and len(suspects) == 1:
        stamp = next(iter(suspects))
    return Stamped(out, stamp, frozenset(suspects))
