"""An invoice number with the receipt stamp's date glued to its end by OCR.

A receipt stamp pressed over the info block prints its date right behind the number; OCR reads the two as one
word: "INV-A3233613. April 2025" for "INV-A32336" and the stamp's "13. April 2025". The label's row then holds
no value of a number's shape ("Rechnungs-Nr. Einge gang", the stamp's word torn), and the number is not found.

``glued_stamp_date_value`` looks at the rest of a number label's line and at the line below it. Every place in
its first word where a complete date starts ("13. April 2025", "3. April 2025") is a possible cut; a cut is kept
only when its date is the stamp's:

* the stamp date (or a suspect stamp date) the stamp reading found (workflow.paperinvoice.stamps), or
* when none was found: a stamp word stands on the label's line or next to it ("Eingang", torn "Einge gang"),
  and the date lies from the invoice date up to MAX_STAMP_DAYS after it (mail is stamped when it arrives, after
  the letter was written).

Exactly one cut must remain, else nothing is taken (two possible days: say so rather than guess). Pure: lines
in, (value or None, reason) out.
"""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.infoblock import clean_number
from workflow.paperinvoice.labels import LabelKind, find_labels
from workflow.paperinvoice.stamps import stamp_word_near

MAX_STAMP_DAYS = 21  # a letter is stamped at the mailroom within three weeks of its date
MAX_LABEL_LINES = 60  # number labels stand in the page head
GLUED = "Datum des Eingangsstempels an die Nummer geklebt (OCR)"  # the note's words (a person should look)


def _cuts(text: str) -> list[tuple[str, date]]:
    """(value, date) for each place in the first word of ``text`` (a prefix printed apart allowed: "FR 3256/2596.
    März 2025") where a complete date starts that runs to the end of ``text``."""
    text = text.strip()
    first_space = text.find(" ")
    end_word = len(text) if first_space < 0 else first_space
    if end_word < len(text) and text[:first_space].isalpha():  # "FR 3256/2596. ...": the prefix and its digits
        nxt = text.find(" ", first_space + 1)
        end_word = len(text) if nxt < 0 else nxt
    out: list[tuple[str, date]] = []
    for cut in range(1, end_word):
        if not text[cut - 1].isalnum() or not text[cut].isdigit():
            continue
        found = find_dates(text[cut:])
        if found and found[0].start == 0 and len(text[cut:].rstrip(" .")) - found[0].end <= 1:
            out.append((clean_number(text[:cut]), found[0].value))
    return out


def _stamps_date(day: date, stamp_dates: frozenset[date], stamp_near: bool, invoice_date: date | None) -> bool:
    if stamp_dates:
        return day in stamp_dates
    return stamp_near and invoice_date is not None and 0 <= (day - invoice_date).days <= MAX_STAMP_DAYS


def glued_stamp_date_value(lines: list[str], invoice_date: date | None,
                           stamp_dates: frozenset[date]) -> tuple[str | None, str | None]:
    """The number with the stamp's date cut off its end (see the module text): (value, note), (None, reason) when
    two cuts remain, (None, None) when no number label's row holds a glued date."""
    values: dict[str, tuple[date, str]] = {}
    for k, line in enumerate(lines[:MAX_LABEL_LINES]):
        hits = [h for h in find_labels(line) if h.kind is LabelKind.NUMBER]
        if not hits:
            continue
        near = stamp_word_near(lines, k)
        for row, text in ((k, line[hits[-1].end:]), (k + 1, lines[k + 1] if k + 1 < len(lines) else "")):
            for value, day in _cuts(text):
                if _stamps_date(day, stamp_dates, near, invoice_date):
                    values.setdefault(value, (day, f"Zeile {row + 1}: {text.strip()}"))
    if not values:
        return None, None
    if len(values) > 1:
        shown = " oder ".join(sorted(values))
        return None, (f"Rechnungsnummer unsicher: {shown}? - {GLUED}, Trennstelle nicht eindeutig - bitte am "
                      f"Original ablesen")
    value, (day, where) = next(iter(values.items()))
    return value, f"{GLUED}: {where} -> {value} + {day:%d.%m.%Y} - bitte prüfen"
