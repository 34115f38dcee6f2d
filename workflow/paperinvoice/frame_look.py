"""Whether a number read with a stamp's frame taken out of its value may be trusted.

Where a receipt stamp's frame runs through a value, taking the line out takes the part of each glyph under it
too: "INV-H52679" with the frame along the digits' tops reads "INV-H52579", "FR 9811/25" with the frame
through the "F" reads "R 9811/25" - and every preparation without the line reads the same wrong glyph (the ink
is gone in all of them): measured on the dev sets, two such readings agreeing is no evidence. Two independent
checks are:

* ``fits_scanned``: the box read as scanned, line and all, keeps what lies under the line but may lose or
  garble glyphs the line crosses ("INV-HS2679", "-ANLM23440"). Its digits, in order, must be digits of the
  number (digits lost, none changed) and cover at least MIN_COVER of them. Letters are not compared: the
  line turns them into other letters in this reading ("HS", "HwW").
* ``glued_mark``: a frame-free reading with a mark glued before the number's first letter or digit ('"R 9811/25'
  for "R 9811/25") read the rest of a glyph there: the number lost its start.

Pure: strings in, decisions out.
"""
from __future__ import annotations

import re
from datetime import date

from workflow.paperinvoice.fields import FIELD_NAMES
from workflow.paperinvoice.second_look import join_reading, number_not_found
from workflow.paperinvoice.value_look import fields_of

MIN_COVER = 0.5  # the reading as scanned must hold at least this share of the number's digits
MIN_CHARS = 3  # and at least this many

_ALNUM = re.compile(r"[^\W_]")


def is_subsequence(part: str, whole: str) -> bool:
    """True when the characters of ``part`` occur in ``whole`` in the same order (others may lie between)."""
    rest = iter(whole)
    return all(char in rest for char in part)


def scanned_value(reading: str) -> str:
    """The first non-empty row of a reading of the value box as scanned (the value's row; rows below are the next
    label's value)."""
    for row in reading.splitlines():
        if row.strip():
            return row.strip()
    return ""


def fits_scanned(number: str, scanned: str) -> bool:
    """True when the reading ``scanned`` of the value as scanned (frame line and all) fits ``number``: the digits
    of its first row occur in the number's digits in order (the line may hide a digit, it must not turn one
    into another) and cover at least MIN_COVER of them, MIN_CHARS at least."""
    want = _digits(number)
    seen = _digits(scanned_value(scanned))
    if len(seen) < max(MIN_CHARS, MIN_COVER * len(want)):
        return False
    return is_subsequence(seen, want)


def glued_mark(number: str, reading: str) -> bool:
    """True when in ``reading`` the number's first token has a mark (no letter, digit or space) glued before it
    that the number does not start with: the rest of a glyph the frame took ('"R 9811/25')."""
    first = number.split()[0] if number.split() else ""
    if not first:
        return False
    for token in reading.split():
        at = token.find(first)
        if at > 0 and token[at:].startswith(first) and not _ALNUM.match(token[at - 1]) and \
                (token[at:] == first or len(number.split()) == 1):
            return True
    return False


def number_line(page_text: str, extra: str, number: str, *, today: date | None = None) -> str | None:
    """The row of a second reading ``extra`` that holds ``number`` (its last part), when the page text with only
    that row appended gives exactly that number and every other field as before (a missing one stays missing:
    the reading is trusted for the number only); else None."""
    last = number.split()[-1]
    before = fields_of(page_text, today)
    for row in extra.splitlines():
        if last not in row.split():
            continue
        after = fields_of(join_reading(page_text, row), today)
        if after["invoice_number"] == number and \
                all(after[name] == before[name] for name in FIELD_NAMES if name != "invoice_number"):
            return row.strip()
    return None


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def wants_frame_look(page_text: str, *, today: date | None = None) -> bool:
    """True for the first page of an invoice whose number the extraction does not give at all (missing or
    unsure): the look through a stamp's frame can add a number only there (one taken by its place alone stays)."""
    return number_not_found(page_text, today=today)  # the page's fields extracted once, shared with the other looks
