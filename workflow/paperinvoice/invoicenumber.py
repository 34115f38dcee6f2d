"""The invoice number: the surest labelled value, repaired only where OCR put a letter between digits.

Order of evidence: a label that names the invoice ("Rechnungsnummer", "Gutschrift-Nr.") beats "Beleg-Nr." beats
a bare "Nr."/"Nummer"; a value on the label's own line or the next line beats one paired by column position;
a subject line "Rechnung 4711" comes last. A letter prefix printed apart ("HW 7851/25") is part of the number. A letter between two digits ("2O25", "5G701"), ending a digit group
("231796l") or starting a digit group after a separator ("RE-Z025-1") is read as the digit it resembles; a
house prefix ("A123456", "G654510", "RE-") keeps its letters - only "O"/"l" before digits are read as digits.
A value that would need more than MAX_REPAIRS such readings is OCR debris and not taken.
A space OCR put into the letter's year ("RE-202 5-1680") is closed; "AR 8797125" (slash or "1" before the year?)
stays open unless the number stands with its slash elsewhere in the text (a look at the glyph appends it).
A receipt stamp's date OCR glued to the number's end ("INV-A3233613. April 2025") is cut off when only one cut
gives the stamp's date (workflow.paperinvoice.glued_stamp_date).
Pure: lines and pairings in, (number or None, reason) out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.glued_stamp_date import glued_stamp_date_value
from workflow.paperinvoice.infoblock import Pairing, clean_number, fits, value_cells
from workflow.paperinvoice.labels import LabelKind, fold_text, near
from workflow.paperinvoice.number_above_date import PLACED, number_above_date

_LOOKS_LIKE = {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "G": "6",
               "Z": "2"}  # letters OCR prints for digits
_INTERIOR = re.compile(r"(?<=[0-9])([OoDQlI|SBGZ]{1,3})(?=[0-9])")
# a part after a separator with a damaged first digit: "39642/Z6", "RE-Z025-1"
# ("INV-B81827", "INV-G87003": after a letter part, B/G/S/Z may start a house code and stay letters; only
# O/l/I, or a Z that makes a year "Z025", are read as digits there)
_PART_START = re.compile(r"(?:(?<=[/.\-])([OolI])(?=[0-9]{2,}(?:$|[/.\-])))|"
                         r"(?:(?<=[/.\-])(Z)(?=0[0-9]{2}(?:$|[/.\-])))|"
                         r"(?:(?<=[0-9][/.\-])([OolISBGZ])(?=[0-9]+(?:$|[/.\-])))")
# a digit group with a damaged last digit: "231796l", "GS-2025-9274O", "202S/54339"
_PART_END = re.compile(r"(?<=[0-9]{3})([OolISBGZ])(?=$|[/.\-])")
# a number that starts with O or l before digits: no house prefix looks like that
_DIGITISH = re.compile(r"[0-9OolISBGZ]+")
_NUMBER_START = re.compile(r"^([OolI|Z])(?=[0-9]{3,}|[0-9]-)")
_TITLES = ("rechnung", "gutschrift", "rechnungskorrektur", "schlussrechnung", "abschlagsrechnung", "stornorechnung",
           "teilrechnung", "korrekturrechnung", "invoice")
_FILLERS = ("", "nr", "nummer", "no")
# a value that starts with a date ("01.05.20275/382"): a date column run into the number, not readable
_DATE_START = re.compile(r"^[0-9OolI]{1,2}[.,][0-9OolI]{1,2}[.,][0-9]{2}")
# "AR 8797125": a prefixed number whose digits end in 1 + the two-digit year of the letter - "8797/25" with the
# slash read as 1 (or as 7: "HW 2986725" for "HW 2986/25"), or a number that really ends so; undecidable
# from the text
_SLASH_AS_ONE = re.compile(r"^[A-Z]{1,4} [0-9]{3,}[17]([0-9]{2})$")  # prefix printed apart, like "HW 7851/25"
MAX_REPAIRS = 2  # a value with more letters to read as digits is OCR debris ("R2BI4G" under a stamp), not a number
_VALUE = re.compile(r"^[A-Z0-9ÄÖÜ][A-Z0-9ÄÖÜ/_.\-|]*(?: [0-9][A-Z0-9/_.\-|]*)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NumberResult:
    """The invoice number (None when not found) and a reason or repair note."""

    value: str | None
    reason: str | None
    slash_question: str | None = None  # "AR 8797125" left open: '/' or '1' before the year? (a glyph may tell)


def repair_number(raw: str) -> tuple[str, bool]:
    """OCR letters between digits read back as digits; returns (number, repaired)."""
    fixed = _INTERIOR.sub(lambda m: "".join(_LOOKS_LIKE[c] for c in m.group(1)), raw)
    for pattern in (_PART_START, _PART_END, _NUMBER_START):
        fixed = pattern.sub(lambda m: _LOOKS_LIKE[m.group(m.lastindex or 0)], fixed)
    # a digit group next to a digit group ("78195/2S", "2S-55280"): every look-alike letter in it is a digit
    parts = re.split(r"([/.\-])", fixed)
    for k in range(0, len(parts), 2):
        beside = [parts[j] for j in (k - 2, k + 2) if 0 <= j < len(parts)]
        if any(p.isdigit() for p in beside) and _DIGITISH.fullmatch(parts[k]) and \
                any(ch.isdigit() for ch in parts[k]):
            parts[k] = "".join(_LOOKS_LIKE.get(ch, ch) for ch in parts[k])
    fixed = "".join(parts)
    # lower-case l/o touching a digit in an otherwise upper-case number ("Al32208"): house numbers have no
    # lower-case letters, OCR reads 1 and 0 so
    if not re.search(r"[a-km-np-z]", fixed):
        fixed = re.sub(r"(?<=[0-9])[lo]|[lo](?=[0-9])", lambda m: _LOOKS_LIKE[m.group()], fixed)
    return fixed, fixed != raw


def _is_title(token: str) -> bool:
    key = fold_text(token)
    return key in _TITLES or any(near(key, title) for title in _TITLES)


def _subject_value(line: str) -> str | None:
    """The number in a subject line "Rechnung Nr. 4711" / "Rechnungskorrektur / Gutschrift 4711" (OCR-tolerant)."""
    tokens = line.split()
    if not tokens or not _is_title(tokens[0]):
        return None
    rest = tokens[1:]
    while rest and (fold_text(rest[0]) in _FILLERS or _is_title(rest[0])):
        rest = rest[1:]
    return value_cells(" ".join(rest))[0] if rest else None


# a bare year ("RechnungstNr. 2025"): the piece of a receipt stamp's date that OCR put beside the label
_BARE_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_MONTH_YEAR = re.compile(r"^(?:0[1-9]|1[0-2])\.(?:19|20)[0-9]{2}$")  # "04.2025": a month (period), a torn date
_SHORT_TAIL = re.compile(r"[/.\-][0-9]{1,3}$")


_GROUPED_AMOUNT = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")  # "92.610": digits in thousands groups, an amount's shape
_SEPARATORS = "-/."


def _acceptable(value: str) -> bool:
    # no number ends in a separator: "R2239059/" is a last digit misread ('7' as '/'), not a number
    if len(value) < 3 or not _VALUE.match(value) or not any(ch.isdigit() for ch in value) or value[-1] in "/_-":
        return False
    return not find_dates(value) and not _DATE_START.match(value) and not _BARE_YEAR.match(value) and \
        not _MONTH_YEAR.match(value)


def _separated(value: str, lines: list[str]) -> str | None:
    """The same number printed elsewhere on the page with separators OCR dropped here ("202512949" beside its
    label, "202512-949" in the reading under a stamp): a thin hyphen or slash gets lost far more often than one
    is invented. Only when exactly one such token stands in the text and it adds nothing but separators."""
    if len(value) < 6:
        return None
    found = set()
    for line in lines:
        for token in re.findall(r"(?<![\w/.-])\w[\w/.\-]*\w(?![\w/-])", line):
            if len(token) > len(value) and _only_separators_added(value, token):
                found.add(token)
    return found.pop() if len(found) == 1 else None


def _only_separators_added(value: str, token: str) -> bool:
    rest = iter(token)
    for ch in value:  # each character of value in order, skipping only separators of token in between
        for other in rest:
            if other == ch:
                break
            if other not in _SEPARATORS:
                return False
        else:
            return False
    return all(other in _SEPARATORS for other in rest)


DOUBT_MARK = "\ufffd"  # the reject character the OCR stage appends to a value a stamp touches (workflow.ocr.stampnear)
# or whose own box read again gives another figure (workflow.ocr.ownlook)
_DOUBT_WHY = ("am Eingangsstempel erneut gelesen nicht bestätigt oder in ihrem Feld erneut gelesen eine andere "
              "Zahl")
MAX_CUT = 2  # characters a stamp's edge or frame may hide at a number's end
MIN_CUT_VALUE = 5


def _longer_reading(value: str, lines: list[str]) -> str | None:
    """A token elsewhere in the text that is ``value`` with up to MAX_CUT more letters or digits at its end
    ("202507-921" in the reading under a stamp, "202507-92" beside the label): the stamp may have cut the end
    of the one, or added a glyph to the other - the number is not sure. A date run into the number is no longer
    reading; a value shorter than MIN_CUT_VALUE is not looked at (an article number may start so)."""
    if len(value) < MIN_CUT_VALUE:
        return None
    pattern = re.compile(rf"(?<![\w/.-]){re.escape(value)}([0-9A-Za-z]{{1,{MAX_CUT}}})(?![\w/-])")
    for line in lines:
        for m in pattern.finditer(line):
            if any(_starts_date(line[k:]) for k in range(m.start(1), m.end(1))):
                continue  # "FR 3256/2596. März 2025": a date run into the number, not a longer number
            return m.group()
    return None


def _starts_date(text: str) -> bool:
    found = find_dates(text)
    return bool(found) and found[0].start == 0


def _torn(value: str, lines: list[str]) -> str | None:
    """The rest of a number OCR split at a space ("RE-202 5-1680" for "RE-2025-1680"): the digit group after
    ``value`` on its line when ``value`` ends in a short group and that rest looks like a number's tail."""
    if not _SHORT_TAIL.search(value):
        return None
    rest = re.compile(re.escape(value) + r" ([0-9]+[/.\-][0-9][0-9/.\-]*)(?=\s|$)")
    for line in lines:
        m = rest.search(line)
        if m and not find_dates(m.group(1)):
            return m.group(1)
    return None


def _year_joined(value: str, rest: str, lines: list[str]) -> str | None:
    """``value`` + ``rest`` when the space OCR put between them splits a four-digit group that is a year the letter
    names ("RE-202 5-1680" in a letter dated 23.10.25: "RE-2025-1680"); None when the join makes no such year
    (then the two may be two values, and the number stays unsure)."""
    head = re.search(r"[/.\-]([0-9]{1,3})$", value)
    tail = re.match(r"[0-9]+", rest)
    if head is None or tail is None or len(head.group(1)) + len(tail.group()) != 4:
        return None
    years = {d.value.year for line in lines for d in find_dates(line)}
    return value + rest if int(head.group(1) + tail.group()) in years else None


def with_slash(value: str) -> str:
    """"AR 8797125" read as "AR 8797/25": the character before the two-digit year is the slash."""
    return value[:-3] + "/" + value[-2:]


def printed_alone(number: str, text: str) -> bool:
    """``number`` stands in ``text`` as a token of its own (spaces inside it may differ): a second reading, or the
    number printed twice."""
    pattern = r"\s*".join(re.escape(part) for part in number.split())
    return re.search(rf"(?<![\w/.-]){pattern}(?![\w/-])", text) is not None


def _slash_or_one(value: str, lines: list[str]) -> bool:
    """True when ``value`` may be "PREFIX digits/YY" with the slash read as "1" (YY a year the letter names)."""
    m = _SLASH_AS_ONE.match(value)
    if m is None:
        return False
    years = {d.value.year % 100 for line in lines for d in find_dates(line)}
    return int(m.group(1)) in years


def _ends_date(line: str, token: str) -> bool:
    """True when the marked ``token`` of ``line`` ends a date ("11.06.2025", "Juni 2025")."""
    end = line.find(token) + len(token.rstrip(DOUBT_MARK))
    return any(d.end == end for d in find_dates(line))


def find_invoice_number(lines: list[str], pairings: list[Pairing], invoice_date: date | None = None,
                        stamp_dates: frozenset[date] = frozenset()) -> NumberResult:
    """The invoice number from the labelled pairs, else from a subject line "Rechnung Nr. X"; ``invoice_date`` (the
    one the extraction took, if any) marks the date row of an info block whose labels are unreadable and, with
    ``stamp_dates`` (the receipt stamp's), tells a stamp date OCR glued to the number
    (workflow.paperinvoice.glued_stamp_date)."""
    ranked = sorted((p for p in pairings if p.kind is LabelKind.NUMBER and fits(LabelKind.NUMBER, p.value)),
                    key=lambda p: p.rank)
    values = [(clean_number(p.value), f"{p.label.strip()} ({p.how})", p.how) for p in ranked]
    for line in lines[:60]:
        subject = _subject_value(line)
        if subject is not None:
            values.append((clean_number(subject), "Betreffzeile", "subject"))
    unsure: str | None = None
    for raw, where, how in values:
        if DOUBT_MARK in raw:
            return NumberResult(None, f"Rechnungsnummer {raw.replace(DOUBT_MARK, '')} unsicher: {_DOUBT_WHY} - "
                                      f"bitte am Original ablesen ({where})")
        if not _acceptable(raw):
            continue
        # beside its label a number ends the line or a wide gap does; in a table row the next cell is a column
        rest = _torn(raw, lines) if how == "same line" else None
        joined = None if rest is None else _year_joined(raw, rest, lines)
        note = None if joined is None else f"OCR-Leerzeichen in der Jahreszahl entfernt: '{raw} {rest}' -> {joined}"
        if joined is not None:
            raw, rest = joined, None
        if rest is not None:
            return NumberResult(None, f"Rechnungsnummer unsicher: '{raw} {rest}' - eine Nummer mit Leerzeichen oder "
                                      f"zwei Werte? - bitte am Original ablesen ({where})")
        fixed, repaired = repair_number(raw)
        if _slash_or_one(fixed, lines):
            slash = with_slash(fixed)
            if any(printed_alone(slash, line) for line in lines):
                return NumberResult(slash, f"Rechnungsnummer {fixed}: '/' statt '{fixed[-3]}' vor der Jahreszahl, "
                                           f"so an anderer Stelle gelesen: {slash} ({where})")
            return NumberResult(None, f"Rechnungsnummer {fixed} unsicher: '/' oder '{fixed[-3]}' vor der "
                                      f"Jahreszahl? - bitte am Original ablesen ({where})", fixed)
        if _GROUPED_AMOUNT.match(fixed):
            unsure = unsure or (f"Rechnungsnummer {fixed} unsicher: wie ein Betrag mit Tausenderpunkten gelesen "
                                f"(Stempel über der Nummer?) - bitte am Original ablesen ({where})")
            continue
        if sum(a != b for a, b in zip(raw, fixed)) > MAX_REPAIRS:
            unsure = unsure or (f"Rechnungsnummer {raw} unsicher: mehr als {MAX_REPAIRS} Zeichen wären als Ziffern "
                                f"zu lesen - bitte am Original ablesen ({where})")
            continue
        longer = _longer_reading(fixed, lines)
        if longer is not None:
            return NumberResult(None, f"Rechnungsnummer {fixed} unsicher: an anderer Stelle als {longer} gelesen "
                                      f"(Ende vom Stempel verdeckt?) - bitte am Original ablesen ({where})")
        separated = _separated(fixed, lines)
        if separated is not None:
            return NumberResult(separated, f"Rechnungsnummer {fixed}: an anderer Stelle mit Trennzeichen gelesen: "
                                           f"{separated} ({where})")
        if repaired:
            return NumberResult(fixed, f"OCR-Korrektur Buchstabe zwischen Ziffern: {raw} -> {fixed} ({where})")
        return NumberResult(fixed, None if note is None else f"{note} ({where})")
    # (a date's mark is the invoice date's doubt: workflow.paperinvoice.invoicedate)
    marked = [token for line in lines for token in line.split()
              if DOUBT_MARK in token and not _ends_date(line, token)]
    if not marked and unsure is None:  # the stamp's date glued to the number: cut it off when only one cut fits
        glued, why = glued_stamp_date_value(lines, invoice_date, stamp_dates)
        if glued is not None and _acceptable(glued) and not repair_number(glued)[1]:
            return NumberResult(glued, why)
        unsure = None if glued is not None else why
    if not marked and unsure is None:  # no label named the number: its place above the date row may
        placed, where = number_above_date(lines, invoice_date)
        if placed is not None and _acceptable(placed) and not repair_number(placed)[1]:
            return NumberResult(placed, f"Rechnungsnummer {PLACED}: {where} - bitte prüfen")
    if marked and unsure is None:  # the doubted value was not paired with its label here ("VR 7234/25")
        unsure = (f"Rechnungsnummer unsicher: {marked[0].replace(DOUBT_MARK, '')} - {_DOUBT_WHY} - bitte am "
                  f"Original ablesen")
    return NumberResult(None, unsure or "Rechnungsnummer nicht gefunden - bitte am Original ablesen")
