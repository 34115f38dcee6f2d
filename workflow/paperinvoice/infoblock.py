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

from workflow.paperinvoice.amounts import find_amounts
from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.labels import LabelHit, LabelKind, find_labels, is_label_only

MAX_INFO_LINES = 80
_FREE = (LabelKind.OTHER, LabelKind.OTHER_NUMBER)  # kinds whose values need not agree between alignments
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
    if kind is LabelKind.DATE and value.lower().startswith("vom"):
        return False  # "Ihre Bestellung vom 3.5.": the date of another document
    if kind in (LabelKind.DATE, LabelKind.NOT_INVOICE_DATE):
        return bool(find_dates(value))
    if kind is LabelKind.OTHER_NUMBER:
        return any(ch.isdigit() for ch in value.split()[0])
    if kind is LabelKind.NUMBER:
        dates = find_dates(value)
        if dates and dates[0].start == 0:
            return False
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


_COMBINED = re.compile(r"[/ ]\s*(?:Datum|vom)\W*$", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:zu|zur|aus|unserer|unsere|Ihrer|gemäß|bezüglich|betreffend|Bezug)\s*$",
                        re.IGNORECASE)


def _same_line(line: str, hits: list[LabelHit], index: int) -> list[Pairing]:
    out: list[Pairing] = []
    if find_amounts(line):
        return out  # an item or totals line: "Verfahrensgebühr Nr. 3100 VV RVG ... 2.629,47" names no invoice
    for k, hit in enumerate(hits):
        if _REFERENCE.search(line[:hit.start]):
            continue  # "zu unserer Rechnung 4711 vom ...": another document's number and date
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
            dates = find_dates(segment)
            if hit.kind is LabelKind.NUMBER and dates and _COMBINED.search(line[hit.start:hit.end]):
                # "Rechnungs-Nr./Datum: 4711 / 12.03.2025" names both
                out.append(Pairing(LabelKind.DATE, hit.strength, segment[dates[0].start:dates[0].end], index,
                                   "same line", line[hit.start:hit.end]))
    return out


def _header_row(line: str, hits: list[LabelHit], next_line: str, index: int) -> list[Pairing]:
    """A row of labels over a row of values; an unknown word group between two labels is a column too."""
    if len(hits) < 2 or not is_label_only(line[hits[-1].end:]):
        return []
    columns: list[LabelHit | None] = []
    for k, hit in enumerate(hits):
        columns.append(hit)
        if k + 1 < len(hits) and not is_label_only(line[hit.end:hits[k + 1].start]):
            columns.append(None)
    cells = value_cells(next_line)
    skip_lead = bool(line[:hits[0].start].strip())  # address text left of the labels: its cells come first
    found = _align(columns, cells, skip_lead)
    if found is None:
        return []
    return [Pairing(h.kind, h.strength, c, index + 1, "header row", line[h.start:h.end]) for h, c in found]


def _align(columns: list[LabelHit | None], cells: list[str],
           skip_lead: bool) -> list[tuple[LabelHit, str]] | None:
    """Give each column one cell (a number or date column) or one to three cells (other columns), left to right,
    using up all cells (after skipped leading cells); the answer when every way to do so agrees, else None."""
    answers: set[tuple[tuple[int, str], ...]] = set()

    def walk(col: int, pos: int, taken: tuple[tuple[int, str], ...]) -> None:
        if len(answers) > 1:
            return
        if col == len(columns):
            if pos == len(cells):
                answers.add(taken)
            return
        hit = columns[col]
        # free text ("Hr. Okafor", "1 von 1") takes one to three cells, every other column one
        widths = (1,) if hit is not None and hit.kind is not LabelKind.OTHER else (1, 2, 3)
        for width in widths:
            if pos + width > len(cells):
                break
            value = " ".join(cells[pos:pos + width])
            if hit is not None and not fits(hit.kind, value):
                continue
            keep = hit is not None and hit.kind not in _FREE  # other columns need not agree
            walk(col + 1, pos + width, taken + ((col, value),) if keep else taken)

    for lead in range(0, (len(cells) - len(columns) + 1) if skip_lead else 1):
        walk(0, lead, ())
    if len(answers) != 1:
        return None
    result = []
    for col, value in answers.pop():
        hit = columns[col]
        assert hit is not None
        result.append((hit, value))
    return result


def _column(labels: list[tuple[int, LabelHit]], lines: list[str], after: int, used: set[int]) -> list[Pairing]:
    """Pair a column of k labels with the first run of value lines after ``after`` that fits them by type.

    Value lines another label column took (``used``) are skipped; the lines taken here are added to it."""
    end = min(len(lines), after + _COLUMN_LOOKAHEAD)
    i = after + 1
    while i < end:
        if i in used or not _value_like(lines[i]):
            i += 1
            continue
        run: list[int] = []
        while i < end and (i in used or _value_like(lines[i])):
            if i not in used:
                run.append(i)
            i += 1
        found = _assign(labels, run, lines)
        if found is not None:
            used.update(v for _, v in found)
            return [Pairing(h.kind, h.strength, _cell(h.kind, lines[v]), v, "label column",
                            lines[li][h.start:h.end]) for (li, h), v in found]
    return []


MAX_SKIPS = 2


def _assign(labels: list[tuple[int, LabelHit]], run: list[int], lines: list[str]
            ) -> list[tuple[tuple[int, LabelHit], int]] | None:
    """Labels to value lines in order: any lines before the first value are skipped (an address line, a title),
    between values as few as possible (scanner debris, the value of an unreadable label; at most MAX_SKIPS). All
    ways with the fewest skips must give number and date labels the same lines; else the column is ambiguous."""
    k = len(labels)
    keyed = [n for n, (_, h) in enumerate(labels) if h.kind not in _FREE]
    best: dict[int, list[tuple[int, ...]]] = {}

    def walk(n: int, pos: int, skips: int, chosen: tuple[int, ...]) -> None:
        if skips > MAX_SKIPS:
            return
        if n == k:
            best.setdefault(skips, []).append(chosen)
            return
        for at in range(pos, min(len(run), pos + MAX_SKIPS + 1)):
            if len(run) - at < k - n:
                break
            if fits(labels[n][1].kind, lines[run[at]]):
                walk(n + 1, at + 1, skips + (at - pos), chosen + (run[at],))

    for start in range(0, len(run) - k + 1):  # lines before the first value are free to skip
        if fits(labels[0][1].kind, lines[run[start]]):
            walk(1, start + 1, 0, (run[start],))
    if not best:
        return None
    ways = best[min(best)]
    if len({tuple(w[n] for n in keyed) for w in ways}) > 1:
        return None
    return list(zip(labels, ways[0]))


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
    used: set[int] = set()

    def close_column(after: int) -> None:
        if len(column) >= 2:
            out.extend(_column(column, lines, after, used))
        elif len(column) == 1:
            index, hit = column[0]
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            cells = value_cells(nxt) if nxt and not _pending(nxt, find_labels(nxt)) else []
            if cells:
                # a label beside an address line has its value at the end of the next line (the address line
                # below is on the left); a label starting its line has it first, or last when OCR joined lines
                cand = cells[-1] if hit.start > 0 or not fits(hit.kind, cells[0]) else cells[0]
                if fits(hit.kind, cand):
                    out.append(Pairing(hit.kind, hit.strength, _cell(hit.kind, cand), index + 1, "next line",
                                       lines[index][hit.start:hit.end]))
        column.clear()

    for index, line in enumerate(lines):
        hits = find_labels(line)
        out.extend(_same_line(line, hits, index))
        waiting = _pending(line, hits)
        if len(hits) >= 2 and index + 1 < len(lines):
            row = _header_row(line, hits, lines[index + 1], index)
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
