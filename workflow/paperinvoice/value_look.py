"""The invoice number read again from the value box beside its label: where the label is, and whether to trust it.

On the first page of an invoice whose number the extraction does not find, the OCR stage looks for the
number's label among the first reading's word rows ("Rg.-Nr.:", "Gutschriftsnummer", "Beleg-Nr."; a label
glued to the sender line's letters, "(Saalgchnungsnumner:", counts too: ``number_labels``) and reads the box
right of it (or the row below, a stacked info block) again as a small image (workflow.ocr.valueline). When no
number label was read at all, the rows of the label column ("Datum:", "Kunden-Nr.:" one below the other) where
it may stand are read whole (``label_slots``); such a reading counts only with a row that starts with a number
label (``label_row``). A reading under a stamp can be torn ("KE-2025-9278" for "RE-2025-9278"), and a wrong
number is worse than none, so a number is kept only when every differently prepared reading gives it
(``agreed_line``) and it changes no other field, a missing one included (``number_from_reading``).
Pure: word rows and texts in, decisions out.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Protocol

from workflow.paperinvoice.extract import extract_invoice_fields
from workflow.paperinvoice.fields import FIELD_NAMES, fields_to_json
from workflow.paperinvoice.labels import LabelKind, classify_label, find_labels, fold_text

HEAD_SHARE = 0.5  # the info block lies in the top half of the first page
MIN_STRENGTH = 2  # "Rg.-Nr.", "Beleg-Nr." or stronger: a bare "Nr." also labels table rows
MAX_LABELS = 2  # a page with more number labels in its head is read again for the first two only


class BoxedWord(Protocol):
    """A recognised word with its pixel box (workflow.ocr.model.Word)."""

    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> int: ...
    @property
    def y0(self) -> int: ...
    @property
    def x1(self) -> int: ...
    @property
    def y1(self) -> int: ...


@dataclass(frozen=True, slots=True)
class NumberLabel:
    """An invoice-number label found in a word row: its text and the box of its words."""

    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    value_right: str  # what the first reading has right of it on its row ("" when nothing)


def number_labels(rows: Sequence[Sequence[BoxedWord]], page_height: int) -> list[NumberLabel]:
    """Invoice-number labels (MIN_STRENGTH or stronger) in the rows of the page head, top to bottom."""
    found: list[NumberLabel] = []
    for row in rows:
        if not row or row[0].y0 > page_height * HEAD_SHARE:
            continue
        starts, parts, at = [], [], 0
        for word in row:
            starts.append(at)
            parts.append(word.text.strip())
            at += len(parts[-1]) + 1
        line = " ".join(parts)
        for hit in find_labels(line):
            if hit.kind is not LabelKind.NUMBER or hit.strength < MIN_STRENGTH:
                continue
            members = [k for k, s in enumerate(starts) if s < hit.end and s + len(parts[k]) > hit.start]
            if not members:
                continue
            first, last = members[0], members[-1]
            while first < last and _is_number_label(" ".join(parts[first + 1:last + 1])):
                first += 1  # "Aue Rechnungsnummer": the sender line's last word glued to the label
            words = row[first:last + 1]
            found.append(NumberLabel(" ".join(parts[first:last + 1]), words[0].x0, min(w.y0 for w in words), words[-1].x1,
                                     max(w.y1 for w in words), " ".join(parts[last + 1:])))
        if not any(f.y0 >= min(w.y0 for w in row) and f.y1 <= max(w.y1 for w in row) for f in found):
            for k, word in enumerate(row):  # "(Saalgchnungsnumner:": the label glued to the sender line
                name = _glued_label(word.text.strip())
                if name is not None:
                    found.append(NumberLabel(name, word.x0, word.y0, word.x1, word.y1, " ".join(parts[k + 1:])))
    return found[:MAX_LABELS]


@dataclass(frozen=True, slots=True)
class RowSlot:
    """A row of the info block where the number's label may stand unread: its top, the label column's left
    edge, the block's row pitch and the label height (pixels)."""

    y: int
    x: int
    pitch: int
    height: int


SLOT_HEAD_SHARE = 0.3  # the info block's label column lies in the top 30 % of the first page
MAX_PITCH = 4  # label heights between two rows of a label column at most (a stacked block: ~3)
STACKED_PITCH = 3.4  # label heights from a stacked block's label to the next label (label, value, gap)
MAX_COLUMNS = 2  # label columns looked at (the info block's; a second one beside or in the address field)
_STAMP_WORD = re.compile(r"^(?:eing|post)")  # "Eingang", "Eingegangen", "Posteingang", "Poststelle"
COLUMN_SHARE = 0.02  # labels whose left edges lie this share of the page width apart form one column
GAP_PITCHES = 1.6  # two labels of a column this many pitches apart have a row between them


def label_slots(rows: Sequence[Sequence[BoxedWord]], page_width: int, page_height: int) -> list[RowSlot]:
    """Rows of the page head's label columns ("Datum:", "Kunden-Nr.:", ... one below the other) where the number's
    label may stand unread: the row above a column's first label and every row skipped between two of its
    labels; for the two largest columns without an invoice-number label (that one is read beside its label).
    A column of one label gets the pitch of a stacked block (label over value), which covers a side-by-side
    row too."""
    starts: list[tuple[int, int, int, bool]] = []  # (x0, y0, height, is number label)
    for row in rows:
        if not row or row[0].y0 > page_height * SLOT_HEAD_SHARE:
            continue
        parts = [w.text.strip() for w in row]
        offsets = [sum(len(p) + 1 for p in parts[:k]) for k in range(len(parts))]
        line = " ".join(parts)
        for hit in find_labels(line):
            if _STAMP_WORD.match(fold_text(line[hit.start:hit.end])):
                continue  # "EINGANG": the receipt stamp's word, no label of the letter
            first = max(k for k, at in enumerate(offsets) if at <= hit.start)
            word = row[first]
            starts.append((word.x0, word.y0, word.y1 - word.y0,
                           hit.kind is LabelKind.NUMBER and hit.strength >= MIN_STRENGTH))
    tolerance = COLUMN_SHARE * page_width
    columns: list[list[tuple[int, int, int, bool]]] = []
    for start in sorted(starts, key=lambda s: s[1]):
        for column in columns:
            if abs(column[0][0] - start[0]) <= tolerance:
                column.append(start)
                break
        else:
            columns.append([start])
    slots: list[RowSlot] = []
    for column in sorted(columns, key=len, reverse=True)[:MAX_COLUMNS]:
        if any(s[3] for s in column):
            continue
        height = int(sorted(s[2] for s in column)[len(column) // 2])
        gaps = [b[1] - a[1] for a, b in pairwise(column) if height <= b[1] - a[1] <= MAX_PITCH * height]
        pitch = min(gaps) if gaps else round(STACKED_PITCH * height)
        x = min(s[0] for s in column)
        slots.append(RowSlot(column[0][1] - pitch, x, pitch, height))
        for a, b in pairwise(column):
            if GAP_PITCHES * pitch <= b[1] - a[1] <= MAX_PITCH * height:
                slots.append(RowSlot(a[1] + pitch, x, pitch, height))
    return [slot for slot in slots if slot.y > 0]


def _is_number_label(text: str) -> bool:
    found = classify_label(text.rstrip(":;.,"))
    return found is not None and found[0] is LabelKind.NUMBER and found[1] >= MIN_STRENGTH


def fields_of(text: str, today: date | None) -> dict[str, object]:
    """The fields the extraction gives for ``text`` (JSON form)."""
    return fields_to_json(extract_invoice_fields(text, today=today))



_NAMED = re.compile(r"[^\W_]")


_PUNCT_ONLY = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")
# a label glued to the sender line's or a stamp's letters: "IeRSEhnungsnummer", "(Saalgchnungsnumner:" (folded)
_GLUED_LABELS = (("hnungsnummer", "Rechnungsnummer"), ("hnungsnumner", "Rechnungsnummer"),
                 ("schriftsnummer", "Gutschriftsnummer"), ("ngsnr", "Rechnungs-Nr."))
# "...ungs-Nr." of other documents: "Bestellungs-Nr.", "Lieferungs-Nr.", "Zahlungs-Nr." are no invoice's label
_OTHER_UNGS = ("bestell", "liefer", "zahl", "buch", "leist", "send", "ordn", "versich", "vertrag", "mitglied",
               "meld", "erfass", "bestat", "genehm")


# "Rg.-NE", "RQ.-Ni": the short label with its "Nr" damaged, as the first word of a row of the label column
_SHORT_LABEL = re.compile(r"^R[gqe9o][.,]?[-–]N[a-zA-Zıi1]?[.,:;]*$")


# "Ursprungsrechnungsnummer", "Bezugsrechnungsnummer": another invoice's number, not this one's
_OTHER_INVOICE = ("ursprung", "bezug", "original", "storno", "vorig", "korrektur", "teil", "abschlag", "schluss")


def _glued_label(word: str) -> str | None:
    """The label a word ends in when letters are glued before it ("IeRSEhnungsnummer", "BRBERRUINgs-Nr."), else
    None."""
    key = fold_text(word)
    if any(part in key for part in _OTHER_INVOICE) or classify_label(word.strip(":;.,\"'")) is not None:
        return None  # another invoice's number, or a label as it is
    for tail, name in _GLUED_LABELS:
        if key.endswith(tail) and len(key) > len(tail) + 1:
            if tail == "ngsnr" and (len(key) < 9 or any(part in key for part in _OTHER_UNGS)):
                return None
            return name + (":" if word.endswith(":") else "")
    return None


# "Rechnulgsnumtiier.", "Gutschriftsnunmer": the start of the label read, its ending damaged (first word of a row
# of the label column, not a date label)
_DAMAGED_START = (("rechnu", "Rechnungsnummer:"), ("gutschr", "Gutschriftsnummer:"))


def _damaged_label(word: str) -> str | None:
    key = fold_text(word)
    if len(key) < 10 or "dat" in key or any(part in key for part in _OTHER_INVOICE) or \
            classify_label(word.strip(":;.,\"'")) is not None:
        return None  # not such a label, or a label as it is
    for start, name in _DAMAGED_START:
        if key.startswith(start) and ("num" in key[len(start):] or key.endswith("nr")):
            return name
    return None


def tidy_row(reading: str) -> str:
    """A re-read row as a text line: stray punctuation tokens between label and value dropped ("Gutschrift-Nr.:
    ..  202510-951"), a label word with letters glued before it read as the label alone, a short label whose
    "Nr" is damaged ("Rg.-NE") as "Rg.-Nr.:", a long one whose ending is damaged ("Rechnulgsnumtiier.") as
    the label."""
    lines = []
    for line in reading.splitlines():
        words = []
        first = line.split(None, 1)
        if first and (_SHORT_LABEL.match(first[0]) or _damaged_label(first[0])):
            name = "Rg.-Nr.:" if _SHORT_LABEL.match(first[0]) else _damaged_label(first[0])
            line = f"{name} " + (first[1] if len(first) > 1 else "")
        for word in _PUNCT_ONLY.sub(" ", line).split(" "):
            words.append(_glued_label(word) or word)
        lines.append(" ".join(words).strip())
    return "\n".join(line for line in lines if line)


def label_row(reading: str) -> str:
    """The row of a re-read slot that starts with an invoice-number label (tidied, ``tidy_row``), with the next row
    when the label stands alone (a stacked block); "" when no row starts with one. The other rows (the stamp's
    date, the next label's value) are left out: the reading is trusted for the number only."""
    lines = tidy_row(reading).splitlines()
    for k, line in enumerate(lines):
        hits = find_labels(line)
        if not hits or hits[0].kind is not LabelKind.NUMBER or hits[0].strength < MIN_STRENGTH or \
                line[:hits[0].start].strip():
            continue
        if not line[hits[0].end:].strip(" :;.,") and k + 1 < len(lines):
            return line + "\n" + lines[k + 1]
        return line
    return ""


def number_from_reading(page_text: str, label: str, reading: str, *, today: date | None = None) -> str | None:
    """The invoice number the page text gives with the line "``label``  ``reading``" appended (``reading`` as it
    is when ``label`` is empty: a re-read row with its own label), when it gives one and changes no other field
    (a field found stays, a field missing stays missing: the reading is trusted for the number only); else
    None."""
    value = " ".join(reading.split()) if label else label_row(reading)
    if not _NAMED.search(value):
        return None
    before = fields_of(page_text, today)
    after = fields_of(_joined(page_text, f"{label}   {value}" if label else value), today)
    if any(after[name] != before[name] for name in FIELD_NAMES if name != "invoice_number"):
        return None
    number = after["invoice_number"]
    return number if isinstance(number, str) else None


def agreed_line(page_text: str, label: str, readings: Sequence[str], *, needed: int = 2,
                today: date | None = None) -> str | None:
    """The line to append ("``label``  value") when ``needed`` of ``readings`` give the same number (spaces
    aside: "FR7570/25" is "FR 7570/25") and no reading gives another one; else None. The value is the first
    agreeing reading's."""
    numbers: dict[str, list[str]] = {}
    for reading in readings:
        number = number_from_reading(page_text, label, reading, today=today)
        if number is not None:
            numbers.setdefault(number.replace(" ", ""), []).append(reading)
    if len(numbers) != 1:
        return None
    agreeing = next(iter(numbers.values()))
    if len(agreeing) < needed:
        return None
    return f"{label}   {' '.join(agreeing[0].split())}" if label else label_row(agreeing[0])


def _joined(page_text: str, line: str) -> str:
    return page_text.rstrip() + "\n\n" + line + "\n"
