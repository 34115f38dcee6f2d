"""Pair info-block labels with their values the way OCR linearises them.

OCR reads a DIN 5008 info block in one of four shapes, all handled here:

* same line: ``Rechnungs-Nr.: 4711`` (also to the right of an address line);
* next line: ``Rechnungsdatum`` / ``12.03.2025``;
* label column, then value column: three label lines, later three value lines (paired by position, with the
  types checked: a date label must get a date, a number label a value with a digit);
* header row: ``Rechnung Nr.  Kunden-Nr.  Datum`` over ``R-17  4711  2. Mai 2025``.

Pure: lines in, ``Pairing`` values out (with how each was found, so a caller can prefer the surest).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.labels import LabelHit, LabelKind, find_labels, is_label_only

MAX_INFO_LINES = 80
_COLUMN_LOOKAHEAD = 30


@dataclass(frozen=True, slots=True)
class Pairing:
    """A label, the value text paired with it, where and how."""

    kind: LabelKind
    strength: int
    value: str
    line: int
    how: str  # "same line" | "next line" | "label column" | "header row"
    label: str = ""


def value_cells(line: str) -> list[str]:
    """Cells of a value row: a date stays one cell ("22. Januar 2024", "vom 3.4.2025"), others split at spaces."""
    cells: list[str] = []
    pos = 0
    for d in find_dates(line):
        before = line[pos:d.start].split()
        if before and before[-1].lower() in ("vom", "am", "den"):
            before[-1:] = []
        cells.extend(before)
        cells.append(line[d.start:d.end])
        pos = d.end
    cells.extend(line[pos:].split())
    return cells


def fits(kind: LabelKind, value: str) -> bool:
    """Can ``value`` be the value of a label of this kind?"""
    value = value.strip(" :;")
    if not value:
        return False
    if kind in (LabelKind.DATE, LabelKind.NOT_INVOICE_DATE):
        return bool(find_dates(value))
    if kind is LabelKind.NUMBER:
        first = value.split()[0]
        digits = sum(ch.isdigit() for ch in first)
        letters = sum(ch.isalpha() for ch in first)
        return digits >= 2 and 2 * digits >= letters and not find_dates(first) and len(first) <= 30
    return True


def _value_like(line: str) -> bool:
    """A line that can be one cell of a value column: short, not itself a label line."""
    if len(line) > 40 or len(line.split()) > 4:
        return False
    hits = find_labels(line)
    return not hits or bool(find_dates(line)) and all(h.kind is not LabelKind.DATE for h in hits)


def _pending(line: str, hits: list[LabelHit]) -> list[LabelHit]:
    """Labels of this line that wait for a value on a later line (nothing but punctuation after them)."""
    if not hits or not is_label_only(line[hits[-1].end:]):
        return []
    # all labels of the line wait when only punctuation stands between them (a header row or stacked labels)
    waiting = [hits[-1]]
    for prev, nxt in zip(reversed(hits[:-1]), reversed(hits[1:])):
        if not is_label_only(line[prev.end:nxt.start]):
            break
        waiting.insert(0, prev)
    return waiting


def _same_line(line: str, hits: list[LabelHit], index: int) -> list[Pairing]:
    out: list[Pairing] = []
    for k, hit in enumerate(hits):
        stop = hits[k + 1].start if k + 1 < len(hits) else len(line)
        segment = line[hit.end:stop].strip(" :;#")
        if not segment:
            continue
        if hit.kind in (LabelKind.DATE, LabelKind.NOT_INVOICE_DATE):
            dates = find_dates(segment)
            if dates and dates[0].start <= 5:  # "Datum: 1.2.2025", "Rechnung vom 1.2.2025"
                out.append(Pairing(hit.kind, hit.strength, segment[dates[0].start:dates[0].end], index, "same line",
                                   line[hit.start:hit.end]))
        else:
            out.append(Pairing(hit.kind, hit.strength, value_cells(segment)[0], index, "same line",
                               line[hit.start:hit.end]))
    return out


def _header_row(line: str, waiting: list[LabelHit], next_line: str, index: int) -> list[Pairing]:
    cells = value_cells(next_line)
    if len(waiting) < 2 or len(cells) < len(waiting):
        return []
    if len(cells) == len(waiting):
        chosen = cells
    elif line[:waiting[0].start].strip():  # labels are the right-hand column: align from the right
        chosen = cells[len(cells) - len(waiting):]
    else:
        return []
    if not all(fits(h.kind, c) for h, c in zip(waiting, chosen)):
        return []
    return [Pairing(h.kind, h.strength, c, index + 1, "header row", line[h.start:h.end])
            for h, c in zip(waiting, chosen)]


def _column(labels: list[tuple[int, LabelHit]], lines: list[str], after: int) -> list[Pairing]:
    """Pair a column of k labels with the first run of value lines after ``after`` that fits them by type."""
    k = len(labels)
    end = min(len(lines), after + _COLUMN_LOOKAHEAD)
    i = after + 1
    while i < end:
        if not _value_like(lines[i]):
            i += 1
            continue
        run_start = i
        while i < end and _value_like(lines[i]):
            i += 1
        run = lines[run_start:i]
        for offset in range(0, len(run) - k + 1):
            window = run[offset:offset + k]
            if all(fits(h.kind, v) for (_, h), v in zip(labels, window)):
                return [Pairing(h.kind, h.strength, _cell(h.kind, v), run_start + offset + n, "label column",
                                lines[li][h.start:h.end]) for n, ((li, h), v) in enumerate(zip(labels, window))]
    return []


def _cell(kind: LabelKind, value: str) -> str:
    if kind in (LabelKind.DATE, LabelKind.NOT_INVOICE_DATE):
        d = find_dates(value)[0]
        return value[d.start:d.end]
    return value.split()[0] if kind is LabelKind.NUMBER else value


def pair_labels(lines: list[str]) -> list[Pairing]:
    """All label/value pairs of the first MAX_INFO_LINES lines (blank lines already removed)."""
    lines = lines[:MAX_INFO_LINES]
    out: list[Pairing] = []
    column: list[tuple[int, LabelHit]] = []

    def close_column(after: int) -> None:
        if len(column) >= 2:
            out.extend(_column(column, lines, after))
        elif len(column) == 1:
            index, hit = column[0]
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            cells = value_cells(nxt) if nxt and not _pending(nxt, find_labels(nxt)) else []
            if cells:
                # the value starts the next line, or ends it when an address line was read into it
                cand = cells[0] if fits(hit.kind, cells[0]) else cells[-1]
                if fits(hit.kind, cand):
                    out.append(Pairing(hit.kind, hit.strength, _cell(hit.kind, cand), index + 1, "next line",
                                       lines[index][hit.start:hit.end]))
        column.clear()

    for index, line in enumerate(lines):
        hits = find_labels(line)
        out.extend(_same_line(line, hits, index))
        waiting = _pending(line, hits)
        if len(waiting) >= 2 and index + 1 < len(lines):
            row = _header_row(line, waiting, lines[index + 1], index)
            if row:
                close_column(index - 1)
                out.extend(row)
                continue
        if waiting:  # one label waiting, or several that are not a header row: a label column
            column.extend((index, hit) for hit in waiting)
            continue
        if column:
            close_column(column[-1][0])
    if column:
        close_column(column[-1][0])
    return out


_CLEAN_END = re.compile(r"[.,;:)\]]+$")


def clean_number(raw: str) -> str:
    """An invoice number as printed, without trailing punctuation."""
    return _CLEAN_END.sub("", raw.strip()).lstrip("#:")
