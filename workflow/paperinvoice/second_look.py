"""When a second, targeted OCR reading of an invoice's first page is worth its CPU, and whether to keep it.

The OCR stage reads every page once. On the first page of an invoice whose number or date the fields
extraction cannot find, it reads the page head again (frames and rules whitened, then bold stamp strokes
too: see workflow.ocr.secondlook). A reading is kept only when it fills a gap and changes nothing the first
one found, and a number only when the first reading has it too: a reading under a stamp can also yield a torn
value, and a wrong value is worse than none. A number open only for "/" or "1" before its year ("AR 8797125")
is a question for the page image (``slash_question``; workflow.ocr.glyphs looks at that glyph) and
``slash_reading`` says what to append when the glyph is a slash.
Pure: texts in, decisions out.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from workflow.paperinvoice.extract import extract_invoice_fields
from workflow.paperinvoice.fields import FIELD_NAMES, fields_to_json
from workflow.paperinvoice.infoblock import pair_labels
from workflow.paperinvoice.invoicenumber import find_invoice_number, printed_alone, with_slash
from workflow.paperinvoice.number_above_date import PLACED
from workflow.paperinvoice.stamps import split_stamps

HEAD_FIELDS = ("invoice_number", "invoice_date")  # what the page head holds and a second reading may restore
# the number was taken by its place in the info block, its label unread (workflow.paperinvoice.number_above_date):
# a second reading is still wanted - a reading that prints it again confirms it (a stamp may lie on it)
NUMBER_PLACED = "number_placed"
KEPT_FIELDS = FIELD_NAMES  # a field the first reading gives must keep its value (the seller's name too)


# a title line "Rechnung", "Schlussrechnung Nr. 12", "Rechnungskorrektur / Gutschrift" (a correction names its kind
# first): a dunning letter or a delivery note names an invoice in a sentence, not in a short line of its own
_TITLE = re.compile(r"^\W*\w*(?:rechnung|gutschrift|rechnungskorrektur)\b.{0,30}$", re.IGNORECASE | re.MULTILINE)


# the word of an invoice's first page: a number question (and the re-reading under light stamps) needs no title line
INVOICE_WORD = re.compile(r"rechnung|gutschrift", re.IGNORECASE)  # also Schlussrechnung, Rechnungsnummer, ...


@lru_cache(maxsize=4)
def _fields(text: str, today: date | None) -> dict[str, Any]:
    """The fields of ``text`` as JSON values: the page text's are asked for by both functions below (and once per
    second reading tried), so they are extracted once. Read only: the dict is shared."""
    fields = extract_invoice_fields(text, today=today)
    placed = any(note.startswith("invoice_number:") and PLACED in note for note in fields.notes)
    return {**fields_to_json(fields), NUMBER_PLACED: placed}


def wants_second_reading(page_text: str, *, today: date | None = None) -> bool:
    """True for the first page of an invoice (a title line and a gross total) whose number or date the
    extraction does not find, or whose number it took by its place alone (its label unread: a reading that
    prints it again confirms it). Measured on the OCR texts of two unseen dev sets (400 documents): without the
    title and total test 51 dunning letters, delivery notes and objections would be read twice, with it none
    (and the 11 invoices without number or date still are)."""
    if not _TITLE.search(page_text):
        return False
    found = _fields(page_text, today)
    return found["gross"] is not None and (found[NUMBER_PLACED] or any(found[name] is None for name in HEAD_FIELDS))


def wants_number_look(page_text: str, *, today: date | None = None) -> bool:
    """True for the first page of an invoice (a title line) whose number the extraction does not find, or takes by
    its place alone: the value box beside its label is worth a look (workflow.ocr.valuelook)."""
    if not _TITLE.search(page_text):
        return False
    found = _fields(page_text, today)
    return found["invoice_number"] is None or bool(found[NUMBER_PLACED])


def number_not_found(page_text: str, *, today: date | None = None) -> bool:
    """True for the first page of an invoice (a title line) whose number the extraction does not give at all
    (missing or unsure; one taken by its place alone counts as given)."""
    return bool(_TITLE.search(page_text)) and _fields(page_text, today)["invoice_number"] is None


def second_reading_helps(page_text: str, extra: str, *, today: date | None = None) -> bool:
    """True when ``page_text`` plus ``extra`` (the second reading) yields a head field the page text lacks and
    every field the page text yields keeps its value."""
    if not extra.strip():
        return False
    before = _fields(page_text, today)
    after = _fields(join_reading(page_text, extra), today)
    if any(before[name] is not None and after[name] != before[name] for name in KEPT_FIELDS):
        return False
    # a number the second reading gives is kept only when the first reading has it too, unlabelled (its label was
    # lost): a line through a value can turn "FR 9811/25" into "ER 9811/25", and only the first reading, made
    # without whitening, can confirm every character. A date needs no such confirmation: it must be a real
    # calendar day near the letter's other dates to be taken at all
    if before["invoice_number"] is None and after["invoice_number"] is not None and \
            not printed_alone(after["invoice_number"], page_text):
        return False
    if before[NUMBER_PLACED] and not after[NUMBER_PLACED]:
        return True  # the reading labels the number (or prints it again: not placed then)
    return any(before[name] is None and after[name] is not None for name in HEAD_FIELDS)


def unconfirmed_number(page_text: str, extra: str, *, today: date | None = None) -> str | None:
    """The invoice number ``page_text`` plus ``extra`` (a second reading) gives when ``page_text`` lacks it and does
    not print it (so ``second_reading_helps`` leaves it out) and every field the page text yields keeps its
    value; else None. Such a number is taken only when its own box in the page image, read again, gives it
    (workflow.ocr.ownlook.head_number_confirmed)."""
    if not extra.strip():
        return None
    before = _fields(page_text, today)
    after = _fields(join_reading(page_text, extra), today)
    number = after["invoice_number"]
    if before["invoice_number"] is not None or number is None or printed_alone(number, page_text) or \
            any(before[name] is not None and after[name] != before[name] for name in KEPT_FIELDS):
        return None
    return str(number)


def usable_reading(page_text: str, extra: str, *, today: date | None = None) -> str | None:
    """The part of a second reading to append: all of it when it helps (second_reading_helps); when it would
    bring an invoice number the first reading does not confirm, its other lines if they help without it (the
    date the reading restored stays, the unconfirmed number goes); else None."""
    if second_reading_helps(page_text, extra, today=today):
        return extra
    number = _fields(join_reading(page_text, extra), today)["invoice_number"]
    if number is None or _fields(page_text, today)["invoice_number"] is not None or printed_alone(number, page_text):
        return None
    pattern = re.compile(r"\s*".join(re.escape(part) for part in number.split()))
    rest = "\n".join(line for line in extra.splitlines() if not pattern.search(line))
    return rest if rest != extra and second_reading_helps(page_text, rest, today=today) else None


def join_reading(page_text: str, extra: str) -> str:
    """The page text with a second reading appended (a blank line between)."""
    return page_text.rstrip() + "\n\n" + extra.strip() + "\n"


def slash_question(page_text: str, *, today: date | None = None) -> str | None:
    """The invoice number as read ("AR 8797125") when it is open only because OCR may have read its slash as "1"
    or "7" (the third-last character of its last word); None otherwise. Cheap on most pages: only the first
    page of an invoice whose number is missing is looked at further."""
    if not INVOICE_WORD.search(page_text) or _fields(page_text, today)["invoice_number"] is not None:
        return None
    stamped = split_stamps([ln.strip() for ln in page_text.splitlines() if ln.strip()])
    return find_invoice_number(stamped.lines, pair_labels(stamped.lines)).slash_question


def slash_reading(page_text: str, question: str, *, today: date | None = None) -> str | None:
    """What to append when the glyph in ``question`` is a slash: the number with its slash, when the page text
    with it appended gives exactly that number and keeps every other field; else None."""
    value = with_slash(question)
    before = _fields(page_text, today)
    after = _fields(join_reading(page_text, value), today)
    if after["invoice_number"] != value or \
            any(before[name] is not None and after[name] != before[name] for name in KEPT_FIELDS):
        return None
    return value
