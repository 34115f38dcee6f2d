"""Pair info-block labels with their values the way OCR linearises them.

OCR reads a DIN 5008 info block in one of four shapes, all handled here:

* same line: ``Rechnungs-Nr.: 4711`` (also to the right of an address line);
* next line: ``Rechnungsdatum`` / ``12.03.2025``;
* label column, then value column: three label lines, later three value lines (paired by position, with the
  types checked: a date label must get a date, a number label a value with a digit);
* header row: ``Rechnung Nr.  Kunden-Nr.  Datum`` over ``R-17  4711  2. Mai 2025``.

A label column may be broken by the address lines OCR read between its labels (``Nummer:`` / ``Gemeinde X`` /
``Datum:``); such labels wait for the value lines below, but must then meet them without a gap. A number with a
letter prefix stays one value (``HW 7851/25``).

Pure: lines in, ``Pairing`` values out (with how each was found, so a caller can prefer the surest).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.paperinvoice.amounts import find_amounts
from workflow.paperinvoice.dates import comma_date_end, find_dates
from workflow.paperinvoice.labels import LabelHit, LabelKind, find_labels, is_label_only

MAX_INFO_LINES = 80
_FREE = (LabelKind.OTHER, LabelKind.OTHER_NUMBER)  # kinds whose values need not agree between alignments
_COLUMN_LOOKAHEAD = 30
MAX_DATE_LEAD = 3  # characters (debris, "am ") an invoice date value may have before the date
MAX_COLUMN_GAP = 2  # lines (an address line beside the info block) that may interrupt a label column


@dataclass(frozen=True, slots=True)
class Pairing:
    """A label, the value text paired with it, where and how."""

    kind: LabelKind
    strength: int
    value: str
    line: int
    how: str  # "same line" | "next line" | "label column" | "header row"
    label: str = ""

    @property
    def rank(self) -> tuple[int, int, int]:
        """Sort key, surest first: stronger label, then the value beside or under it, then earlier line."""
        return -self.strength, _HOW_RANK[self.how], self.line


_HOW_RANK = {"same line": 0, "next line": 0, "header row": 1, "label column": 2}


# a house prefix printed apart from its digits: "HW 7851/25", "AR 4089/25", "RE 2025-118" (not a currency code)
_PREFIX = re.compile(r"^[A-ZÄÖÜ]{1,4}$")
_PREFIXED = re.compile(r"^[0-9OolI][0-9OolISBGZ]*(?:[/.\-][0-9A-Z]+)*[0-9A-Z]?$")
_NOT_PREFIX = frozenset({"EUR", "USD", "CHF", "GBP", "DM", "NR", "NO", "VOM", "AM", "DEN", "UND", "S", "KW", "ST",
                         "TEL", "FAX", "IBAN", "BIC", "DE"})


_LEAD_DEBRIS = re.compile(r"^[|Il!] (?=[A-ZÄÖÜ]{1,4} [0-9]|[A-Z0-9]{2,}[/\-]?[0-9])")
_OPEN_HYPHEN = re.compile(r"^[A-Z]{1,4}-$")  # "RE- 2025-8893": OCR put a space after the hyphen


def _joined_prefixes(cells: list[str]) -> list[str]:
    """Join a letter prefix cell with the digit group after it ("HW", "7851/25" -> "HW 7851/25")."""
    out: list[str] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        nxt = cells[k + 1] if k + 1 < len(cells) else ""
        if _OPEN_HYPHEN.match(cell) and nxt[:1].isdigit() and sum(ch.isdigit() for ch in nxt) >= 3:
            out.append(cell + nxt)
            k += 2
            continue
        # four digits at least: "IT 202" ends an address line ("Amt für Organisation und IT 202"), no number
        if _PREFIX.match(cell) and cell not in _NOT_PREFIX and _PREFIXED.match(nxt) and \
                sum(ch.isdigit() for ch in nxt) >= 4 and not find_dates(nxt):
            out.append(f"{cell} {nxt}")
            k += 2
            continue
        out.append(cell)
        k += 1
    return out


def value_cells(line: str) -> list[str]:
    """Cells of a value row: a date stays one cell ("22. Januar 2024", "vom 3.4.2025"), a letter prefix stays with
    its digits ("HW 7851/25"), others split at spaces."""
    cells: list[str] = []
    pos = 0
    for d in find_dates(line):
        before = line[pos:d.start].split()
        if before and before[-1].lower() in ("vom", "am", "den"):
            before[-1:] = []
        cells.extend(_joined_prefixes(before))
        cells.append(line[d.start:d.end])
        pos = d.end
    cells.extend(_joined_prefixes(line[pos:].split()))
    return cells


def fits(kind: LabelKind, value: str) -> bool:
    """Can ``value`` be the value of a label of this kind?"""
    value = value.strip(" :;")
    if not value:
        return False
    if kind is LabelKind.DATE and value.lower().startswith("vom"):
        return False  # "Ihre Bestellung vom 3.5.": the date of another document
    if kind is LabelKind.DATE:
        # the date begins the value: "Posteingang 978 vom 17.08.26" (an order and its date, torn by a stamp)
        # is the value of another label
        dates = find_dates(value)
        return bool(dates) and dates[0].start <= MAX_DATE_LEAD
    if kind is LabelKind.NOT_INVOICE_DATE:
        return bool(find_dates(value))
    if kind is LabelKind.OTHER_NUMBER:
        return any(ch.isdigit() for ch in value.split()[0])
    if kind is LabelKind.NUMBER:
        dates = find_dates(value)
        if dates and dates[0].start == 0:
            return False
        first = value_cells(value)[0].replace(" ", "")
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


def _dotted_label_dates(line: str, hits: list[LabelHit]) -> str:
    """``line`` with a date right after a date label whose dots OCR read as commas ("Gutschriftsdatum: 27,09,2025")
    written with dots (same length: the label offsets stay); such a date elsewhere is left alone (an amount list
    looks so)."""
    for hit in hits:
        if hit.kind not in (LabelKind.DATE, LabelKind.NOT_INVOICE_DATE):
            continue
        start = hit.end + len(line[hit.end:]) - len(line[hit.end:].lstrip(" :;|"))
        end = comma_date_end(line[start:])
        if end is not None:
            line = line[:start] + line[start:start + end].replace(",", ".") + line[start + end:]
    return line


def _same_line(line: str, hits: list[LabelHit], index: int) -> list[Pairing]:
    out: list[Pairing] = []
    line = _dotted_label_dates(line, hits)
    if find_amounts(line):
        return out  # an item or totals line: "Verfahrensgebühr Nr. 3100 VV RVG ... 2.629,47" names no invoice
    for k, hit in enumerate(hits):
        if _REFERENCE.search(line[:hit.start]):
            continue  # "zu unserer Rechnung 4711 vom ...": another document's number and date
        stop = hits[k + 1].start if k + 1 < len(hits) else len(line)
        segment = line[hit.end:stop].strip(" :;#|!()")  # "Belegnummer :| 25/386", "Beleg-Nr.:)INV-1"
        if hit.kind is LabelKind.NUMBER:
            segment = _LEAD_DEBRIS.sub("", segment)  # "Gutschriftsnum I HW 2986/25": a lone bar before the number
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


def _column(labels: list[tuple[int, LabelHit]], lines: list[str], after: int, used: set[int],
            max_skips: int = 2) -> list[Pairing]:
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
        found = _assign(labels, run, lines, max_skips)
        if found is not None:
            used.update(v for _, v in found)
            return [Pairing(h.kind, h.strength, _cell(h.kind, lines[v]), v, "label column",
                            lines[li][h.start:h.end]) for (li, h), v in found]
    return []


MAX_SKIPS = 2


def _assign(labels: list[tuple[int, LabelHit]], run: list[int], lines: list[str], max_skips: int = MAX_SKIPS
            ) -> list[tuple[tuple[int, LabelHit], int]] | None:
    """Labels to value lines in order: any lines before the first value are skipped (an address line, a title),
    between values as few as possible (scanner debris, the value of an unreadable label; at most MAX_SKIPS). All
    ways with the fewest skips must give number and date labels the same lines; else the column is ambiguous."""
    k = len(labels)
    keyed = [n for n, (_, h) in enumerate(labels) if h.kind not in _FREE]
    best: dict[int, list[tuple[int, ...]]] = {}

    def walk(n: int, pos: int, skips: int, chosen: tuple[int, ...]) -> None:
        if skips > max_skips:
            return
        if n == k:
            best.setdefault(skips, []).append(chosen)
            return
        for at in range(pos, min(len(run), pos + max_skips + 1)):
            if len(run) - at < k - n:
                break
            if fits(labels[n][1].kind, lines[run[at]]):
                walk(n + 1, at + 1, skips + (at - pos), chosen + (run[at],))

    for start in range(0, len(run) - k + 1):  # lines before the first value are free to skip
        if max_skips == 0 and any(find_dates(lines[v]) for v in run[:start]):
            break  # a gapless column skips no date: a date skipped is the value of a label that was lost
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
    return value_cells(value)[0] if kind is LabelKind.NUMBER else value


_DEPARTMENT_END = re.compile(r"(?:amt|ei|ung|ang|stelle|dienst|bereich|abteilung|verwaltung|rat|hof|büro|buero|"
                             r"kasse|werke?|zentrale|leitung|wesen)$", re.IGNORECASE)


def address_like(line: str) -> bool:
    """A line of the address window (several words, or one department word such as "Ordnungsamt"), not an
    unreadable label ("Datu", "estellnummer"): only such a line may stand between the labels of one column."""
    words = line.split()
    return len(words) >= 2 or bool(words) and bool(_DEPARTMENT_END.search(words[0].strip(".,:")))


def pair_labels(lines: list[str]) -> list[Pairing]:
    """All label/value pairs of the first MAX_INFO_LINES lines (blank lines already removed)."""
    lines = lines[:MAX_INFO_LINES]
    out: list[Pairing] = []
    column: list[tuple[int, LabelHit]] = []
    used: set[int] = set()

    carried: list[tuple[int, LabelHit]] = []  # labels kept waiting past a line that interrupted their column

    def next_line_value(index: int, hit: LabelHit) -> bool:
        """A single label's value on the next line, or alone on the line after one digit-free line between
        ("Rechnungs-Nr." / "www.example.de" / "4346/24")."""
        for k in (index + 1, index + 2):
            if k >= len(lines):
                return False
            nxt_hits = find_labels(lines[k])
            if _pending(lines[k], nxt_hits) or k > index + 1 and nxt_hits:
                return False
            cells = value_cells(lines[k])
            if k > index + 1 and (len(cells) != 1 or any(ch.isdigit() for ch in lines[index + 1])):
                return False
            if cells:
                # a label beside an address line has its value at the end of the next line (the address line
                # below is on the left); a label starting its line has it first, or last when OCR joined lines
                cand = cells[-1] if hit.start > 0 or not fits(hit.kind, cells[0]) else cells[0]
                if not fits(hit.kind, cand):  # OCR debris at the preferred end: the one cell that fits, if only one
                    fitting = [c for c in cells if fits(hit.kind, c)]
                    cand = fitting[0] if len(fitting) == 1 else cand
                # a short bare number ending a line of words is a room or house number ("... und IT 202")
                weak = hit.kind is LabelKind.NUMBER and cand is cells[-1] and len(cells) >= 3 and \
                    cand.isdigit() and len(cand) < 4
                if fits(hit.kind, cand) and not weak:
                    out.append(Pairing(hit.kind, hit.strength, _cell(hit.kind, cand), k, "next line",
                                       lines[index][hit.start:hit.end]))
                    return True
        return False

    def close_column(after: int, may_wait: bool = False) -> bool:
        """Pair the waiting labels and clear them; with ``may_wait``, a single label that found no value near it
        stays waiting (returns False)."""
        if len(column) >= 2:
            # labels carried past an address line must meet their values without a gap: a skipped value
            # means a label of the column was unreadable and the carried ones would shift
            found = _column(column, lines, after, used, 0 if carried else MAX_SKIPS)
            if not found and carried and len(column) - len(carried) >= 2:
                found = _column(column[len(carried):], lines, after, used)  # the carried label was debris
            out.extend(found)
        elif len(column) == 1 and not next_line_value(*column[0]) and may_wait:
            return False
        column.clear()
        carried.clear()
        return True

    def labels_follow(index: int) -> bool:
        """Another waiting label within the next MAX_COLUMN_GAP lines: the column goes on past this line."""
        return any(_pending(lines[k], find_labels(lines[k]))
                   for k in range(index + 1, min(len(lines), index + 1 + MAX_COLUMN_GAP)))

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
        if len(column) >= 2 and labels_follow(index) and address_like(line) and \
                not any(fits(h.kind, line) for _, h in column if h.kind is not LabelKind.OTHER):
            carried[:] = column  # an address line OCR read between the labels of one column
            continue
        if column and not close_column(column[-1][0], may_wait=True):
            if labels_follow(index) and address_like(line):
                # a label whose value is not on the next line, beside an address line that OCR put between the
                # labels of one column ("Rech nummer:" / "Gemeinde X" / "Datum:"): it waits with the labels below
                carried[:] = column
            else:
                column.clear()
                carried.clear()
    if column:
        close_column(column[-1][0])
    return out


_CLEAN_END = re.compile(r"[.,;:)\]]+$")


def clean_number(raw: str) -> str:
    """An invoice number as printed, without trailing punctuation."""
    return _CLEAN_END.sub("", raw.strip()).lstrip("#:")
